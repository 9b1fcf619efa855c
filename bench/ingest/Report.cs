using System.Globalization;
using System.Text;
using Uitpas.Edge.Bench.Ingest.Load;

namespace Uitpas.Edge.Bench.Ingest;

/// <summary>One measured load on one target.</summary>
public sealed record LoadRow(string Target, string Load, double Seconds, LoadSink Sink, double? CommittedPerSecond, string Note)
{
    public double AckedPerSecond => Sink.Acked / Seconds;
}

/// <summary>Memory of a target with no terminal and with every terminal connected and idle.</summary>
public sealed record MemoryRow(string Target, int Terminals, long RssEmptyKb, long RssConnectedKb, TimeSpan ConnectTime, long Threads)
{
    public double KbPerTerminal => (RssConnectedKb - RssEmptyKb) / (double)Terminals;
}

/// <summary>The results as a markdown table (printed, and written where --out says).</summary>
public static class Report
{
    public static string Markdown(BenchOptions options, IReadOnlyList<LoadRow> rows, IReadOnlyList<MemoryRow> memory)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"{options.Terminals} terminals, {options.Seconds} s per load after {options.WarmUpSeconds} s warm-up; {Environment.ProcessorCount} cores; {DateTimeOffset.Now:yyyy-MM-dd HH:mm}");
        s.AppendLine();
        s.AppendLine("| target | load | PUBACKs/s | committed/s (agent) or delivered/s (subscriber) | publish→PUBACK p50 / p99 / max (ms) | tap→result p50 / p99 / max (ms) | publish→delivery p50 / p99 / max (ms) | results | refused | unacked | note |");
        s.AppendLine("|---|---|---:|---:|---|---|---|---:|---:|---:|---|");
        foreach (var r in rows)
        {
            var k = r.Sink;
            var through = r.CommittedPerSecond ?? (k.Deliveries > 0 ? k.Deliveries / r.Seconds : (double?)null);
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Target} | {r.Load} | {r.AckedPerSecond:N0} | {(through is { } c ? c.ToString("N0", CultureInfo.InvariantCulture) : "—")} | {Ms(k.PubAck)} | {Ms(k.Result)} | {Ms(k.Delivery)} | {k.Results:N0} | {k.Refused:N0} | {k.Unacknowledged:N0} | {r.Note} |");
        }
        if (memory.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("| target | RSS, no terminal | RSS, terminals connected and idle | per terminal | connect all | threads |");
            s.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var m in memory)
            {
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"| {m.Target} | {m.RssEmptyKb / 1024.0:N1} MB | {m.RssConnectedKb / 1024.0:N1} MB | {m.KbPerTerminal:N1} KB | {m.ConnectTime.TotalSeconds:N2} s | {m.Threads} |");
            }
        }
        return s.ToString();
    }

    private static string Ms(LatencyHistogram h) => h.Count == 0
        ? "—"
        : string.Create(CultureInfo.InvariantCulture, $"{h.PercentileMs(0.5):N2} / {h.PercentileMs(0.99):N2} / {h.MaxMs:N1}");
}
