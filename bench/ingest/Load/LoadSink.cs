namespace Uitpas.Edge.Bench.Ingest.Load;

/// <summary>What one measurement window saw: latencies and counts, recorded from every terminal's receive loop.</summary>
public sealed class LoadSink
{
    private long _published;
    private long _acked;
    private long _refused;
    private long _results;
    private long _deliveries;

    /// <summary>Publish → PUBACK Success.</summary>
    public LatencyHistogram PubAck { get; } = new();

    /// <summary>Publish → the result on the terminal's result topic.</summary>
    public LatencyHistogram Result { get; } = new();

    /// <summary>Publish → delivery to the pass-through subscriber (Mosquitto raw only).</summary>
    public LatencyHistogram Delivery { get; } = new();

    /// <summary>The last refusal reason code seen (0 when none).</summary>
    public int LastRefusalReason { get; private set; }

    public long Published => Interlocked.Read(ref _published);
    public long Acked => Interlocked.Read(ref _acked);
    public long Refused => Interlocked.Read(ref _refused);
    public long Results => Interlocked.Read(ref _results);
    public long Deliveries => Interlocked.Read(ref _deliveries);

    /// <summary>Taps still without PUBACK when the drain after the window timed out.</summary>
    public int Unacknowledged { get; set; }

    internal void OnPublished() => Interlocked.Increment(ref _published);

    internal void OnAck(byte reason, long ticks)
    {
        if (reason < 0x80)
        {
            Interlocked.Increment(ref _acked);
            PubAck.RecordTicks(ticks);
        }
        else
        {
            Interlocked.Increment(ref _refused);
            LastRefusalReason = reason;
        }
    }

    internal void OnResult(long ticks)
    {
        Interlocked.Increment(ref _results);
        Result.RecordTicks(ticks);
    }

    internal void OnDelivery(long ticks)
    {
        Interlocked.Increment(ref _deliveries);
        Delivery.RecordTicks(ticks);
    }
}
