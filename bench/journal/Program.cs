using System.Globalization;
using Uitpas.Edge.Bench.Journal;

// Tap journal bench (docs/performance.md): dotnet run -c Release --project bench/journal
const int Seed = 20260415;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string directory = Path.Combine(Path.GetTempPath(), "uitpas-journal-bench-" + Environment.ProcessId);
Directory.CreateDirectory(directory);
try
{
    using var bench = new JournalBench(directory, Seed);
    bench.Append(onFile: false, 1000); // warm-up: JIT, file system
    bench.Append(onFile: true, 50);

    var rows = new List<Row>();
    foreach (bool onFile in new[] { true, false })
    {
        int scale = onFile ? 1 : 20;
        rows.Add(bench.Append(onFile, 1000 * scale));
        rows.Add(bench.Cycle(onFile, 1000 * scale));
        rows.Add(bench.Replay(onFile, 1000));
        rows.Add(bench.Replay(onFile, 10_000));
        rows.Add(bench.Drain(onFile, 1000));
        if (!onFile)
        {
            rows.Add(bench.Drain(onFile, 10_000)); // 10,000 fsyncs would measure the disk, not the journal
        }
        rows.Add(bench.Compaction(onFile, 100, interleaved: false));
        rows.Add(bench.Compaction(onFile, 1000, interleaved: false));
        rows.Add(bench.Compaction(onFile, 10_000, interleaved: false));
        rows.Add(bench.Compaction(onFile, 1000, interleaved: true));
    }
    Print(rows, Console.Out);
}
finally
{
    Directory.Delete(directory, recursive: true);
}

static void Print(IReadOnlyList<Row> rows, TextWriter output)
{
    output.WriteLine("| store | work | taps | ms | taps/s | µs/tap | flushes | bytes written | store reads | bytes read |");
    output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in rows)
    {
        output.WriteLine($"| {r.Store} | {r.Work} | {r.Items:N0} | {r.Ms:F1} | {r.PerSecond:N0} | {r.Ms * 1000 / r.Items:F1} | "
            + $"{r.Counts.Flushes:N0} | {r.Counts.BytesWritten:N0} | {r.Counts.Reads:N0} | {r.Counts.BytesRead:N0} |");
    }
}
