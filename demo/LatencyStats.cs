namespace Uitpas.Edge.Demo;

/// <summary>Tap-to-display times of the demo's taps, for the p50/p99 lines it prints.</summary>
public sealed class LatencyStats
{
    private readonly List<double> _milliseconds = [];
    private readonly Lock _gate = new();

    public void Add(TimeSpan elapsed)
    {
        lock (_gate)
        {
            _milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    public int Count
    {
        get { lock (_gate) { return _milliseconds.Count; } }
    }

    /// <summary>"n=300 p50=21.4 ms p99=48.0 ms max=61.2 ms", nearest-rank percentiles.</summary>
    public string Summary()
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = [.. _milliseconds];
        }
        if (sorted.Length == 0)
        {
            return "n=0";
        }
        Array.Sort(sorted);
        return FormattableString.Invariant(
            $"n={sorted.Length} p50={Percentile(sorted, 50):F1} ms p99={Percentile(sorted, 99):F1} ms max={sorted[^1]:F1} ms");
    }

    internal static double Percentile(double[] sorted, int p)
    {
        int rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
