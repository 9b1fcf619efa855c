using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Uitpas.Edge.Core.Configuration;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Presence;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>What a <see cref="ConfigTerminal"/> needs: its identity, its broker credentials and its config key.</summary>
public sealed record ConfigTerminalIdentity(string DeviceId, string UserName, string Password, byte[] ConfigKey);

/// <summary>
/// A terminal reduced to its configuration twin, for a fleet of a thousand in one process: the
/// firmware core's <see cref="RemoteConfig"/> (the real applier: signature, device, version,
/// settings, atomic persistence, live settings, report) with its own in-memory blob store,
/// provisioned <see cref="TerminalSettings"/> and <see cref="PresenceSettings"/>, over its own
/// MQTT 5 connection with its own credentials (client id = device id, clean start, keep-alive
/// 15 s), subscribed to its config topic at QoS 1. Messages are handed to the applier one at a
/// time under a lock (the device's loop thread); reports leave through a per-terminal queue as
/// retained QoS 1 publishes, like the virtual terminal's transport. A report lost with a
/// connection is not sent again here: on reconnect the retained document arrives again and the
/// applier re-reports it, as on the device.
/// </summary>
public sealed class ConfigTerminal : IAsyncDisposable
{
    private readonly ConfigTerminalIdentity _identity;
    private readonly Func<IPEndPoint> _broker;
    private readonly IMqttClient _client;
    private readonly Lock _loop = new();
    private readonly Channel<byte[]> _outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(16) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Transport _transport;
    private readonly ConcurrentDictionary<uint, long> _firstApplied = new();
    private Task? _run;
    private Task? _send;
    private int _connects;
    private int _documents;
    private ConfigReport? _lastAcknowledged;

    public ConfigTerminal(ConfigTerminalIdentity identity, Func<IPEndPoint> broker)
    {
        ArgumentNullException.ThrowIfNull(identity);
        _identity = identity;
        _broker = broker;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _transport = new Transport(this);
        Settings = new TerminalSettings(identity.DeviceId);
        Presence = new PresenceSettings("converge-1.0", 0);
        Applier = new RemoteConfig(Settings, Presence, identity.ConfigKey, DotNetHmacSha256.Instance, new MemoryBlobStore(),
            _transport, new UtcWallClock(), null);
    }

    public string DeviceId => _identity.DeviceId;

    public bool IsConnected => _client.IsConnected;

    /// <summary>The live settings the tap flow reads (changed by the applier).</summary>
    public TerminalSettings Settings { get; }

    /// <summary>The live presence settings (status interval, config version in the status).</summary>
    public PresenceSettings Presence { get; }

    /// <summary>The firmware core's configuration twin of this terminal; used under the loop lock only (see <see cref="Read"/>).</summary>
    private RemoteConfig Applier { get; }

    /// <summary>Successful connections so far.</summary>
    public int Connects => Volatile.Read(ref _connects);

    /// <summary>Documents received on the config topic.</summary>
    public int Documents => Volatile.Read(ref _documents);

    /// <summary>The last report the broker acknowledged (null before the first).</summary>
    public ConfigReport? LastAcknowledgedReport => Volatile.Read(ref _lastAcknowledged);

    /// <summary>
    /// <see cref="Stopwatch.GetTimestamp"/> when the broker first acknowledged an <c>applied</c>
    /// report saying <paramref name="version"/> is in use; null before that.
    /// </summary>
    public long? AppliedAcknowledgedAt(uint version) => _firstApplied.TryGetValue(version, out var at) ? at : null;

    /// <summary>Reads the applier's state as the loop thread would (under the loop lock).</summary>
    public T Read<T>(Func<RemoteConfig, TerminalSettings, PresenceSettings, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_loop)
        {
            return read(Applier, Settings, Presence);
        }
    }

    /// <summary>Starts connecting (and reconnecting) in the background.</summary>
    public void Start()
    {
        _run ??= Task.Run(() => KeepConnectedAsync(_stop.Token));
        _send ??= Task.Run(() => SendAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var task in new[] { _run, _send })
        {
            if (task is not null)
            {
                await task;
            }
        }
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or TimeoutException or OperationCanceledException)
        {
        }
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task KeepConnectedAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected && await ConnectAsync(token))
                {
                    Interlocked.Increment(ref _connects);
                }
                if (_client.IsConnected)
                {
                    lock (_loop)
                    {
                        // The loop's turn: a report that waited for the connection (or a full queue) goes out now.
                        Applier.Step(Environment.TickCount64);
                    }
                }
                await Task.Delay(_client.IsConnected ? 200 : 250, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<bool> ConnectAsync(CancellationToken token)
    {
        var broker = _broker();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Address.ToString(), broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(_identity.DeviceId)
            .WithCredentials(_identity.UserName, _identity.Password)
            .WithCleanStart()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            var connected = await _client.ConnectAsync(options, timeout.Token);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
            {
                return false;
            }
            await _client.SubscribeAsync(Topics.Config(_identity.DeviceId), MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException
            or InvalidOperationException or IOException or System.Net.Sockets.SocketException)
        {
            if (token.IsCancellationRequested)
            {
                throw;
            }
            return false;
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (e.ApplicationMessage.Topic != Applier.Topic)
        {
            return Task.CompletedTask;
        }
        var payload = e.ApplicationMessage.Payload.ToArray();
        Interlocked.Increment(ref _documents);
        lock (_loop)
        {
            Applier.Handle(payload, Environment.TickCount64);
        }
        return Task.CompletedTask;
    }

    private async Task SendAsync(CancellationToken token)
    {
        try
        {
            await foreach (var report in _outbound.Reader.ReadAllAsync(token))
            {
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(Applier.ReportTopic)
                    .WithPayload(report)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithRetainFlag()
                    .Build();
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                    timeout.CancelAfter(TimeSpan.FromSeconds(15));
                    var published = await _client.PublishAsync(message, timeout.Token);
                    if (published.IsSuccess && ConfigReport.TryParse(report, out var parsed, out _))
                    {
                        var now = Stopwatch.GetTimestamp();
                        if (!parsed.IsRefused)
                        {
                            _firstApplied.TryAdd(parsed.Applied, now);
                        }
                        Volatile.Write(ref _lastAcknowledged, parsed);
                    }
                }
                catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException
                    or InvalidOperationException or IOException)
                {
                    if (token.IsCancellationRequested)
                    {
                        return;
                    }
                    // Lost with the connection: the retained document comes again at the reconnect.
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    /// <summary>The core's MQTT transport: publishes go to the terminal's queue; messages are pushed to the applier, never polled.</summary>
    private sealed class Transport(ConfigTerminal terminal) : Core.Messaging.IMqttTransport, Core.Snapshots.IRetainedPublisher
    {
        public bool IsConnected => terminal._client.IsConnected;

        public bool Publish(string topic, byte[] payload) => PublishRetained(topic, payload);

        public bool PublishRetained(string topic, byte[] payload) =>
            topic == terminal.Applier.ReportTopic && terminal._client.IsConnected && terminal._outbound.Writer.TryWrite(payload);

        public Core.Messaging.InboundMessage? Receive() => null;
    }
}
