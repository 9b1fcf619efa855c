using Uitpas.Edge.Snapshots.Tests.Infrastructure;

namespace Uitpas.Edge.Bench.Snapshots;

/// <summary>The bench's markdown tables.</summary>
internal static class Report
{
    public static void Print(IReadOnlyList<AllowlistFigures> results, TextWriter output)
    {
        output.WriteLine("### Allowlist size (7-byte 04… UIDs, random; blocked list = 1% of the social-tariff cards)");
        output.WriteLine();
        output.WriteLine("| social-tariff cards | blocked | file bytes | bytes/card (file ÷ all entries) | social-only file ÷ cards | information bound | fixed width (6 B key) | tree levels |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            output.WriteLine($"| {r.Social:N0} | {r.Blocked:N0} | {r.FileBytes:N0} | {(double)r.FileBytes / (r.Social + r.Blocked):F3} | "
                + $"{(double)r.SocialOnlyBytes / r.Social:F3} | {r.BoundBytesPerCard:F3} | 6.000 | {r.Levels} |");
        }
        output.WriteLine();
        foreach (var r in results)
        {
            long fixedWidth = 6L * (r.Social + r.Blocked);
            output.WriteLine($"Fixed-width sorted table of 6-byte keys for {r.Social:N0} + {r.Blocked:N0} cards: {fixedWidth:N0} B, "
                + $"{(double)fixedWidth / r.FileBytes:F2}× this file.");
        }
        output.WriteLine();
        output.WriteLine("### Lookup (AllowlistReader.Lookup: blocked set, then social-tariff set), counted at the IFlashReader");
        output.WriteLine();
        output.WriteLine("Root pages are read once and held: " + string.Join(", ", results.Select(r => $"{r.RootCacheBytes} B at {r.Social:N0} cards")) + ".");
        output.WriteLine();
        output.WriteLine("| cards | probe | reads mean | reads max | bytes read mean | bytes read max |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Row(output, r.Social, "member", r.Members);
            Row(output, r.Social, "random non-member", r.NonMembers);
            Row(output, r.Social, "non-member ±1 from a member", r.NearMisses);
        }
        output.WriteLine();
        output.WriteLine("### Speed and churn (this machine; delta = 0.5% removed + 0.5% added in both lists)");
        output.WriteLine();
        output.WriteLine("| cards | build ms | verify ms | lookups/s | delta bytes | delta % of full | delta apply ms | applied = full build |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            output.WriteLine($"| {r.Social:N0} | {r.BuildMs:F0} | {r.VerifyMs:F0} | {r.LookupsPerSecond:N0} | {r.DeltaBytes:N0} | "
                + $"{100.0 * r.DeltaBytes / r.FileBytes:F2} | {r.DeltaApplyMs:F0} | {(r.DeltaIdentical ? "yes" : "NO")} |");
        }
    }

    private static void Row(TextWriter output, int cards, string probe, LookupFigures f) =>
        output.WriteLine($"| {cards:N0} | {probe} | {f.MeanReads:F2} | {f.MaxReads} | {f.MeanBytes:F0} | {f.MaxBytes} |");
}
