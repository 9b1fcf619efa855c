using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.VirtualTerminal.Adapters;

/// <summary>
/// The core's MQTT transport over an MQTTnet 5 client: connects and reconnects by itself
/// (1 s to 15 s backoff), subscribes to the terminal's result topic (and the snapshot topics
/// it is given) at every connect, sends
/// queued taps at QoS 1 one by one, and queues what arrives for the core to poll. A message
/// that is lost with a dropped connection is not retried here: the core's journal replays it.
/// </summary>
public sealed class MqttNetTransport : IMqttTransport, IPublishRefusals, IRetainedPublisher, IWillTransport, IAsyncDisposable
{
    private readonly BrokerEndpoint _broker;
    private readonly string _deviceId;
    private readonly IReadOnlyList<string> _extraTopics;
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<InboundMessage> _inbound = new();
    private readonly ConcurrentQueue<PublishRefusal> _refusals = new();
    private readonly Channel<MqttApplicationMessage> _outbound =
        Channel.CreateBounded<MqttApplicationMessage>(new BoundedChannelOptions(64) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _connector;
    private readonly Task _sender;
    private readonly TaskCompletionSource _willSet = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile WillMessage? _will;

    /// <summary>
    /// Starts connecting at once, or, with <paramref name="waitForWill"/>, only after the core
    /// set the last will (<see cref="SetWill"/>), so that no session of the terminal is without one.
    /// </summary>
    public MqttNetTransport(BrokerEndpoint broker, string deviceId, IReadOnlyList<string>? extraTopics = null, bool waitForWill = false)
    {
        if (!waitForWill)
        {
            _willSet.SetResult();
        }
        _broker = broker;
        _deviceId = deviceId;
        _extraTopics = extraTopics ?? [];
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _inbound.Enqueue(new InboundMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
        _connector = Task.Run(() => KeepConnectedAsync(_stop.Token));
        _sender = Task.Run(() => SendAsync(_stop.Token));
    }

    /// <summary>Raised when the broker refuses a publish (PUBACK with an error reason): reason code and text.</summary>
    public event Action<string, string>? PublishRefused;

    /// <summary>Raised at every successful (re)connect.</summary>
    public event Action? Connected;

    public bool IsConnected => _client.IsConnected;

    public bool Publish(string topic, byte[] payload) => Enqueue(topic, payload, retain: false);

    public bool PublishRetained(string topic, byte[] payload) => Enqueue(topic, payload, retain: true);

    private bool Enqueue(string topic, byte[] payload, bool retain)
    {
        if (!_client.IsConnected)
        {
            return false;
        }
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        return _outbound.Writer.TryWrite(message);
    }

    public InboundMessage? Receive() => _inbound.TryDequeue(out var message) ? message : null;

    /// <summary>The next publish the broker refused (PUBACK reason code ≥ 0x80), for the core's back-pressure handling.</summary>
    public PublishRefusal? ReceiveRefusal() => _refusals.TryDequeue(out var refusal) ? refusal : null;

    /// <summary>The last will (QoS 1, retained) for the next connect.</summary>
    public void SetWill(string topic, byte[] payload)
    {
        _will = new WillMessage(topic, payload);
        _willSet.TrySetResult();
    }

    private async Task KeepConnectedAsync(CancellationToken ct)
    {
        var backoff = TimeSpan.FromSeconds(1);
        try
        {
            await _willSet.Task.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!ct.IsCancellationRequested)
        {
            if (!_client.IsConnected)
            {
                try
                {
                    await ConnectAsync(ct);
                    backoff = TimeSpan.FromSeconds(1);
                    Connected?.Invoke();
                }
                catch (Exception)
                {
                    if (ct.IsCancellationRequested)
                    {
                        // Disposed while connecting: the loop simply ends.
                        break;
                    }
                    await DelayQuietly(backoff, ct);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
                    continue;
                }
            }
            await DelayQuietly(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(_broker.Host, _broker.Port)
            .WithClientId(_deviceId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (_broker.Username is not null)
        {
            options = options.WithCredentials(_broker.Username, _broker.Password);
        }
        options = BrokerTls.Apply(options, _broker);
        if (_will is { } will)
        {
            options = options.WithWillTopic(will.Topic).WithWillPayload(will.Payload).WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }
        await _client.ConnectAsync(options.Build(), ct);
        var subscriptions = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(Topics.Result(_deviceId), MqttQualityOfServiceLevel.AtLeastOnce);
        foreach (string topic in _extraTopics)
        {
            subscriptions = subscriptions.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }
        await _client.SubscribeAsync(subscriptions.Build(), ct);
    }

    private async Task SendAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var message in _outbound.Reader.ReadAllAsync(ct))
            {
                try
                {
                    var result = await _client.PublishAsync(message, ct);
                    if (!result.IsSuccess)
                    {
                        _refusals.Enqueue(new PublishRefusal(message.Topic, message.Payload.ToArray(), (int)result.ReasonCode));
                        PublishRefused?.Invoke(result.ReasonCode.ToString(), result.ReasonString ?? string.Empty);
                    }
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    // Connection lost mid-publish: the journal still holds the tap and replays it.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed record WillMessage(string Topic, byte[] Payload);

    private static async Task DelayQuietly(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        // What is queued (the goodbye status of a planned stop) is sent first, for at most 2 s.
        _outbound.Writer.TryComplete();
        if (_client.IsConnected)
        {
            await Task.WhenAny(_sender, Task.Delay(TimeSpan.FromSeconds(2)));
        }
        _stop.Cancel();
        await Task.WhenAll(_connector, _sender);
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (Exception)
            {
                // Already gone: nothing to release.
            }
        }
        _client.Dispose();
        _stop.Dispose();
    }
}
