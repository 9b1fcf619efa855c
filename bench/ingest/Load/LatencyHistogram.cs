using System.Numerics;

namespace Uitpas.Edge.Bench.Ingest.Load;

/// <summary>
/// Latencies in microseconds, log-linear buckets (exact below 128 µs, then 64 sub-buckets per
/// power of two: under 1.6 % error), recorded lock-free from any thread without allocating.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBuckets = 64;
    private readonly long[] _counts = new long[128 + (40 * SubBuckets)];
    private long _max;
    private long _count;

    /// <summary>Samples recorded.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Records one latency in Stopwatch ticks.</summary>
    public void RecordTicks(long ticks)
    {
        var us = Math.Max(0, ticks * 1_000_000 / System.Diagnostics.Stopwatch.Frequency);
        Interlocked.Increment(ref _counts[Index(us)]);
        Interlocked.Increment(ref _count);
        long seen;
        while (us > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, us, seen) != seen)
        {
        }
    }

    /// <summary>The value at quantile <paramref name="q"/> (0..1) in milliseconds, NaN when empty.</summary>
    public double PercentileMs(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }
        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= Math.Max(1, rank))
            {
                return Math.Min(UpperValue(i), Interlocked.Read(ref _max)) / 1000.0;
            }
        }
        return MaxMs;
    }

    /// <summary>The largest latency in milliseconds (NaN when empty).</summary>
    public double MaxMs => Count == 0 ? double.NaN : Interlocked.Read(ref _max) / 1000.0;

    private static int Index(long us)
    {
        if (us < 128)
        {
            return (int)us;
        }
        var msb = 63 - BitOperations.LeadingZeroCount((ulong)us);
        var shift = msb - 6;
        var index = 128 + ((msb - 7) * SubBuckets) + (int)((us >> shift) - SubBuckets);
        return Math.Min(index, 128 + (40 * SubBuckets) - 1);
    }

    private static long UpperValue(int index)
    {
        if (index < 128)
        {
            return index;
        }
        var msb = ((index - 128) / SubBuckets) + 7;
        var sub = (index - 128) % SubBuckets;
        var shift = msb - 6;
        return ((SubBuckets + sub + 1L) << shift) - 1;
    }
}
