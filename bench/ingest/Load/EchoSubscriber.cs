using System.Diagnostics;
using System.Net;
using System.Text;
using Uitpas.Edge.Bench.Ingest.Mqtt;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Bench.Ingest.Load;

/// <summary>
/// The pass-through baseline's "agent": one QoS 1 subscriber on every tap topic that answers
/// each tap at once with a result on the terminal's result topic (no store, no central), so
/// Mosquitto's raw round trip is measured the same way as the agent's tap → result.
/// </summary>
public sealed class EchoSubscriber : IAsyncDisposable
{
    private readonly Dictionary<string, LoadTerminal> _terminals;
    private readonly Fleet _fleet;
    private RawMqttConnection? _connection;
    private readonly Queue<(byte[] Topic, byte[] Payload)> _waiting = new();
    private ushort _packetId;
    private int _inflight;

    private EchoSubscriber(Fleet fleet)
    {
        _fleet = fleet;
        _terminals = fleet.Terminals.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    /// <summary>Flow-control state for the progress line.</summary>
    public string Describe() => $"echo received {Received:N0} inflight {_inflight} waiting {_waiting.Count} (server receive max {_connection?.ServerReceiveMaximum})";

    /// <summary>
    /// False: only receive and acknowledge (the closed loop: one connection answering every tap
    /// of 1,000 publishers would measure that connection's share of the broker's loop, not the broker).
    /// </summary>
    public bool Answering { get; set; } = true;

    /// <summary>Taps received.</summary>
    public long Received { get; private set; }

    public static async Task<EchoSubscriber> StartAsync(IPEndPoint endPoint, Fleet fleet, CancellationToken cancellationToken)
    {
        var echo = new EchoSubscriber(fleet);
        echo._connection = await RawMqttConnection.ConnectAsync(endPoint, "bench-echo", 60, 65535, cancellationToken).ConfigureAwait(false);
        echo._connection.PublishReceived = echo.OnTap;
        echo._connection.PubAckReceived = echo.OnPubAck;
        echo._connection.Closed = (_, failure) => Console.WriteLine($"  echo subscriber disconnected: {failure?.Message ?? "closed"}");
        await echo._connection.SubscribeAsync(Topics.AllTaps, cancellationToken).ConfigureAwait(false);
        return echo;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            _connection.Closed = null;
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void OnTap(RawMqttConnection connection, ReadOnlySpan<byte> topic, ReadOnlySpan<byte> payload)
    {
        Received++;
        var now = Stopwatch.GetTimestamp();
        if (!Topics.TryParseTerminalTopic(Encoding.UTF8.GetString(topic), out var deviceId, out _)
            || !_terminals.TryGetValue(deviceId, out var terminal)
            || !TapEventCodec.TryDecode(payload.ToArray(), out var tap, out _))
        {
            return;
        }
        var publishedAt = terminal.PublishedAt(tap.Sequence);
        if (publishedAt != 0)
        {
            _fleet.CurrentSink?.OnDelivery(now - publishedAt);
        }
        if (!Answering)
        {
            return;
        }
        var result = TapResultCodec.Encode(new TapResult(tap.BootEpoch, tap.Sequence, TapOutcome.CheckedIn, 1, 1, "", ""));
        var answer = (Encoding.UTF8.GetBytes(Topics.Result(deviceId)), result);
        if (_inflight < connection.ServerReceiveMaximum)
        {
            _inflight++;
            Send(connection, answer);
        }
        else
        {
            // The broker's Receive Maximum: more unacknowledged publishes would be a protocol error.
            _waiting.Enqueue(answer);
        }
    }

    private void Send(RawMqttConnection connection, (byte[] Topic, byte[] Payload) answer)
    {
        if (++_packetId == 0)
        {
            _packetId = 1;
        }
        connection.QueueWhileReceiving(MqttWire.EncodePublish(answer.Topic, _packetId, answer.Payload));
    }

    private void OnPubAck(ushort packetId, byte reason)
    {
        if (_waiting.TryDequeue(out var answer))
        {
            Send(_connection!, answer);
        }
        else
        {
            _inflight--;
        }
    }
}
