using System.Globalization;
using System.Text;

namespace Uitpas.Edge.Bench.ConfigConvergence;

/// <summary>One push: from sending the PUT to its answer, to the terminals' applied reports, to the agent listing all as applied.</summary>
public sealed record RunRow(int Run, int Devices, TimeSpan Put, TimeSpan P50, TimeSpan P95, TimeSpan LastApplied, TimeSpan AgentListsApplied);

/// <summary>The markdown table for docs/performance.md, with the machine it ran on.</summary>
public static class Report
{
    public static string Markdown(BenchOptions options, IReadOnlyList<RunRow> rows)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine()}; load average {LoadAverage()}; {options.Terminals} terminals, {rows.Count} pushes.");
        text.AppendLine();
        text.AppendLine("| run | devices | PUT answered | applied p50 | applied p95 | last applied (max) | agent lists all applied |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Run} | {row.Devices} | {Ms(row.Put)} | {Ms(row.P50)} | {Ms(row.P95)} | {Ms(row.LastApplied)} | {Ms(row.AgentListsApplied)} |");
        }
        if (rows.Count > 0)
        {
            var last = rows.Select(r => r.LastApplied).Order().ToArray();
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Time to converge (last applied report) over {rows.Count} pushes: median {Ms(last[last.Length / 2])}, worst {Ms(last[^1])}.");
        }
        return text.ToString();
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>The 1-minute load average at the end (other work on the machine skews the figures).</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static string Machine()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0);
        return $"{cpu}, {Environment.ProcessorCount} cores, {memory:F0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
