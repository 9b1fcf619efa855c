using System.Diagnostics;
using System.Text;
using Uitpas.Edge.Bench.Ingest.Mqtt;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Bench.Ingest.Load;

/// <summary>
/// One simulated terminal: publishes real tap payloads (TapEventCodec) at QoS 1 to its own tap
/// topic, numbered (boot epoch, sequence) like the firmware, and times each one to its PUBACK
/// and to its result. In a closed loop the next tap leaves as soon as the previous one is
/// acknowledged (one outstanding, as the firmware); in an open loop the fleet's scheduler calls
/// <see cref="PublishAsync"/>.
/// </summary>
public sealed class LoadTerminal
{
    private readonly object _gate = new();
    private readonly Dictionary<ushort, long> _inflight = [];
    private readonly Dictionary<uint, long> _awaitingResult = [];
    private readonly byte[] _topic;
    private readonly byte[][] _chips;
    private readonly uint _epoch;
    private uint _sequence;
    private ushort _packetId;
    private int _chip;
    private volatile LoadSink? _sink;
    private volatile bool _closedLoop;
    private long _acks;
    private long _results;

    public LoadTerminal(string id, byte[][] chips, int seed)
    {
        Id = id;
        _topic = Encoding.UTF8.GetBytes(Topics.Tap(id));
        _chips = chips;
        _chip = seed % chips.Length;
        _epoch = (uint)(1_000 + seed);
    }

    public string Id { get; }

    public RawMqttConnection? Connection { get; private set; }

    /// <summary>PUBACKs received since the start (any reason).</summary>
    public long Acks => Interlocked.Read(ref _acks);

    /// <summary>Results received since the start.</summary>
    public long ResultsReceived => Interlocked.Read(ref _results);

    /// <summary>Taps published and not yet acknowledged.</summary>
    public int Outstanding
    {
        get
        {
            lock (_gate)
            {
                return _inflight.Count;
            }
        }
    }

    /// <summary>Wires a connected connection to this terminal.</summary>
    public void Attach(RawMqttConnection connection)
    {
        Connection = connection;
        connection.PubAckReceived = OnPubAck;
        connection.PublishReceived = OnPublish;
    }

    /// <summary>Where measurements go from now on (null: nowhere).</summary>
    public void MeasureInto(LoadSink? sink) => _sink = sink;

    /// <summary>Starts the closed loop: publishes one tap; each PUBACK sends the next until <see cref="StopLoop"/>.</summary>
    public ValueTask StartClosedLoopAsync(CancellationToken cancellationToken)
    {
        _closedLoop = true;
        return PublishAsync(cancellationToken);
    }

    /// <summary>Ends the closed loop; taps in flight still complete.</summary>
    public void StopLoop() => _closedLoop = false;

    /// <summary>Publishes the next tap now.</summary>
    public ValueTask PublishAsync(CancellationToken cancellationToken) =>
        Connection!.SendAsync(NextPacket(), cancellationToken);

    /// <summary>The publish time of tap <paramref name="sequence"/>, for a subscriber that saw it (0 when unknown).</summary>
    public long PublishedAt(uint sequence)
    {
        lock (_gate)
        {
            return _awaitingResult.TryGetValue(sequence, out var at) ? at : 0;
        }
    }

    /// <summary>Forgets taps whose result never came (before a new measurement window).</summary>
    public void ForgetResults()
    {
        lock (_gate)
        {
            _awaitingResult.Clear();
        }
    }

    private byte[] NextPacket()
    {
        uint sequence;
        ushort packetId;
        byte[] chip;
        lock (_gate)
        {
            sequence = ++_sequence;
            do
            {
                packetId = ++_packetId;
            }
            while (packetId == 0 || _inflight.ContainsKey(packetId));
            chip = _chips[_chip];
            _chip = (_chip + 1) % _chips.Length;
        }
        var payload = TapEventCodec.Encode(new TapEvent(_epoch, sequence, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), chip, TapFlags.None));
        var packet = MqttWire.EncodePublish(_topic, packetId, payload);
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _inflight[packetId] = now;
            _awaitingResult[sequence] = now;
        }
        _sink?.OnPublished();
        return packet;
    }

    private void OnPubAck(ushort packetId, byte reason)
    {
        long at;
        lock (_gate)
        {
            if (!_inflight.Remove(packetId, out at))
            {
                return;
            }
        }
        Interlocked.Increment(ref _acks);
        _sink?.OnAck(reason, Stopwatch.GetTimestamp() - at);
        if (_closedLoop)
        {
            Connection!.QueueWhileReceiving(NextPacket());
        }
    }

    private void OnPublish(RawMqttConnection connection, ReadOnlySpan<byte> topic, ReadOnlySpan<byte> payload)
    {
        if (!TapResultCodec.TryDecode(payload.ToArray(), out var result, out _) || result.BootEpoch != _epoch)
        {
            return;
        }
        long at;
        lock (_gate)
        {
            if (!_awaitingResult.Remove(result.Sequence, out at))
            {
                return;
            }
        }
        Interlocked.Increment(ref _results);
        _sink?.OnResult(Stopwatch.GetTimestamp() - at);
    }
}
