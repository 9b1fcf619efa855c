using System.Buffers;
using System.Net;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>One tap a simulated terminal made.</summary>
public sealed record TerminalTap(string DeviceId, uint Epoch, uint Sequence, string ChipNumber, long TappedAtMs);

/// <summary>How a <see cref="LoadTerminal"/> behaves.</summary>
public sealed class LoadTerminalOptions
{
    /// <summary>The boot epoch of every tap (one boot per test).</summary>
    public uint Epoch { get; set; } = 1;

    /// <summary>Taps acknowledged but without a final answer are sent again (flag replay) this often, and after every reconnect.</summary>
    public TimeSpan ReplayInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait before sending a tap again after a refusal (PUBACK reason ≥ 0x80).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Wait between connection attempts.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>User name for the broker (per-device credentials), if any.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for the broker, if any.</summary>
    public string? Password { get; set; }
}

/// <summary>
/// A terminal that follows the firmware journal's delivery contract, without the firmware's card
/// reader loop (so a test can run a few hundred of them on two cores): each tap is numbered
/// (epoch, sequence) and kept until a PUBACK Success; it is published again with the same numbers
/// after a refusal or a lost connection (flag replay once sent), in sequence order. Taps
/// acknowledged but not finally answered are replayed after every reconnect and every
/// <see cref="LoadTerminalOptions.ReplayInterval"/>, as the journal does. MQTT 5, client id =
/// device id, clean start, keep-alive 15 s, QoS 1, one publish in flight.
/// </summary>
public sealed class LoadTerminal : IAsyncDisposable
{
    private readonly Func<IPEndPoint> _broker;
    private readonly LoadTerminalOptions _options;
    private readonly IMqttClient _client;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<uint, TerminalTap> _unacknowledged = [];
    private readonly Dictionary<uint, TerminalTap> _acknowledged = [];
    private readonly HashSet<uint> _sent = [];
    private readonly Dictionary<uint, TapResult> _final = [];
    private readonly Dictionary<uint, long> _lastReplayMs = [];
    private readonly Queue<uint> _replays = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<MqttClientPublishReasonCode, int> _refusals = [];
    private Task? _run;
    private uint _sequence;
    private int _connects;
    private int _conflicts;
    private long _nextReplayRoundMs;

    public LoadTerminal(string deviceId, Func<IPEndPoint> broker, LoadTerminalOptions? options = null)
    {
        DeviceId = deviceId;
        _broker = broker;
        _options = options ?? new LoadTerminalOptions();
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += _ =>
        {
            _wake.Release();
            return Task.CompletedTask;
        };
    }

    public string DeviceId { get; }

    public uint Epoch => _options.Epoch;

    public bool IsConnected => _client.IsConnected;

    /// <summary>Successful connections so far.</summary>
    public int Connects => Volatile.Read(ref _connects);

    /// <summary>Final answers that contradicted an earlier final answer for the same tap (must stay 0).</summary>
    public int ConflictingAnswers => Volatile.Read(ref _conflicts);

    public int Issued
    {
        get
        {
            lock (_gate)
            {
                return (int)_sequence;
            }
        }
    }

    /// <summary>Taps not yet acknowledged with Success.</summary>
    public int Unacknowledged
    {
        get
        {
            lock (_gate)
            {
                return _unacknowledged.Count;
            }
        }
    }

    /// <summary>Acknowledged taps without a final answer (checked in, refused, rejected) yet.</summary>
    public int Unanswered
    {
        get
        {
            lock (_gate)
            {
                return _acknowledged.Keys.Count(s => !_final.ContainsKey(s));
            }
        }
    }

    /// <summary>Taps the broker acknowledged with Success (the agent's, or the external broker's, promise).</summary>
    public IReadOnlyList<TerminalTap> AcknowledgedTaps()
    {
        lock (_gate)
        {
            return [.. _acknowledged.Values];
        }
    }

    /// <summary>Every tap made so far.</summary>
    public IReadOnlyList<TerminalTap> AllTaps()
    {
        lock (_gate)
        {
            return [.. _acknowledged.Values.Concat(_unacknowledged.Values).OrderBy(t => t.Sequence)];
        }
    }

    /// <summary>The final answer per sequence.</summary>
    public IReadOnlyDictionary<uint, TapResult> FinalAnswers()
    {
        lock (_gate)
        {
            return new Dictionary<uint, TapResult>(_final);
        }
    }

    /// <summary>
    /// PUBACK reason codes other than Success, counted: refusals (≥ 0x80, the tap is sent again) and
    /// 0x10 NoMatchingSubscribers (a success for the firmware, but nobody held the tap: a test
    /// should assert there were none).
    /// </summary>
    public IReadOnlyDictionary<MqttClientPublishReasonCode, int> Refusals()
    {
        lock (_gate)
        {
            return new Dictionary<MqttClientPublishReasonCode, int>(_refusals);
        }
    }

    /// <summary>Starts connecting and sending in the background.</summary>
    public void Start() => _run ??= Task.Run(RunAsync);

    /// <summary>A card tapped now: journaled (kept here) and queued for publishing.</summary>
    public TerminalTap Tap(string chipNumber)
    {
        TerminalTap tap;
        lock (_gate)
        {
            _sequence++;
            tap = new TerminalTap(DeviceId, _options.Epoch, _sequence, chipNumber, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            _unacknowledged.Add(tap.Sequence, tap);
        }
        _wake.Release();
        return tap;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _wake.Release();
        if (_run is not null)
        {
            await _run;
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
        _wake.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected && !await ConnectAsync(token))
                {
                    await Task.Delay(_options.ReconnectDelay, token);
                    continue;
                }
                if (Next() is { } next)
                {
                    await SendAsync(next.Tap, next.Replay, token);
                }
                else
                {
                    await _wake.WaitAsync(MillisecondsUntilReplayRound(), token);
                }
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
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Address.ToString(), broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(DeviceId)
            .WithCleanStart()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (_options.UserName is not null)
        {
            builder = builder.WithCredentials(_options.UserName, _options.Password);
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var connected = await _client.ConnectAsync(builder.Build(), timeout.Token);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
            {
                return false;
            }
            await _client.SubscribeAsync(Topics.Result(DeviceId), MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        }
        catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException or IOException or System.Net.Sockets.SocketException)
        {
            if (token.IsCancellationRequested)
            {
                throw;
            }
            return false;
        }
        Interlocked.Increment(ref _connects);
        lock (_gate)
        {
            // After every reconnect the journal sends again every tap without a final answer.
            _replays.Clear();
            foreach (var sequence in _acknowledged.Keys.Where(s => !_final.ContainsKey(s)).Order())
            {
                _replays.Enqueue(sequence);
            }
        }
        return true;
    }

    private (TerminalTap Tap, bool Replay)? Next()
    {
        lock (_gate)
        {
            if (_unacknowledged.Count > 0)
            {
                var first = _unacknowledged.First().Value;
                return (first, _sent.Contains(first.Sequence));
            }
            var now = Environment.TickCount64;
            if (_replays.Count == 0 && now >= _nextReplayRoundMs)
            {
                _nextReplayRoundMs = now + (long)_options.ReplayInterval.TotalMilliseconds;
                foreach (var sequence in _acknowledged.Keys.Where(s => !_final.ContainsKey(s) && now - _lastReplayMs.GetValueOrDefault(s) >= _options.ReplayInterval.TotalMilliseconds).Order())
                {
                    _replays.Enqueue(sequence);
                }
            }
            while (_replays.TryDequeue(out var sequence))
            {
                if (!_final.ContainsKey(sequence))
                {
                    _lastReplayMs[sequence] = now;
                    return (_acknowledged[sequence], true);
                }
            }
            return null;
        }
    }

    private int MillisecondsUntilReplayRound()
    {
        lock (_gate)
        {
            return (int)Math.Clamp(_nextReplayRoundMs - Environment.TickCount64, 10, (long)_options.ReplayInterval.TotalMilliseconds);
        }
    }

    private async Task SendAsync(TerminalTap tap, bool replay, CancellationToken token)
    {
        var payload = TapEventCodec.Encode(new TapEvent(tap.Epoch, tap.Sequence, tap.TappedAtMs, ChipUid.TryParseHex(tap.ChipNumber), replay ? TapFlags.Replay : TapFlags.None));
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Tap(DeviceId))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        lock (_gate)
        {
            _sent.Add(tap.Sequence);
        }
        MqttClientPublishResult published;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            published = await _client.PublishAsync(message, timeout.Token);
        }
        catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException or IOException
                                          || (exception is NullReferenceException && (!_client.IsConnected || token.IsCancellationRequested)))
        {
            // (MQTTnet can throw a NullReferenceException from a publish that races the connection's
            // clean-up, the race of dotnet/MQTTnet#1724: a lost connection like any other.)
            if (token.IsCancellationRequested)
            {
                throw;
            }
            // Connection lost, or no PUBACK in time: the tap stays journaled; reconnect and send again.
            if (_client.IsConnected)
            {
                await Task.Delay(_options.RetryDelay, token);
            }
            return;
        }
        if (published.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers)
        {
            lock (_gate)
            {
                if (published.ReasonCode != MqttClientPublishReasonCode.Success)
                {
                    _refusals[published.ReasonCode] = _refusals.GetValueOrDefault(published.ReasonCode) + 1;
                }
                if (_unacknowledged.Remove(tap.Sequence))
                {
                    _acknowledged[tap.Sequence] = tap;
                    _lastReplayMs[tap.Sequence] = Environment.TickCount64;
                }
            }
            return;
        }
        lock (_gate)
        {
            _refusals[published.ReasonCode] = _refusals.GetValueOrDefault(published.ReasonCode) + 1;
        }
        await Task.Delay(_options.RetryDelay, token);
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (!TapResultCodec.TryDecode(e.ApplicationMessage.Payload.ToArray(), out var result, out _)
            || result.BootEpoch != _options.Epoch || result.Outcome == TapOutcome.Queued)
        {
            return Task.CompletedTask;
        }
        lock (_gate)
        {
            if (_final.TryGetValue(result.Sequence, out var earlier))
            {
                if (earlier.Outcome != result.Outcome)
                {
                    Interlocked.Increment(ref _conflicts);
                }
            }
            else if (_acknowledged.ContainsKey(result.Sequence) || _unacknowledged.ContainsKey(result.Sequence))
            {
                _final[result.Sequence] = result;
            }
        }
        return Task.CompletedTask;
    }
}
