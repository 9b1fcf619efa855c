using System.Text;
using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Mfrc522Simulator;
using Xunit.Abstractions;

namespace Uitpas.Edge.Mfrc522.Tests;

/// <summary>
/// The figures of docs/performance.md, "Card reading (MFRC522)": register accesses, SPI bytes
/// and time per tap, measured with the simulator's counters. Reproduce with
/// <c>dotnet test tests/Uitpas.Edge.Mfrc522.Tests --filter "FullyQualifiedName~PerformanceFigures" --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class PerformanceFigures(ITestOutputHelper output)
{
    private sealed record PollCost(string What, BusSnapshot Bus, long ElapsedNanos);

    [Fact]
    public void Card_reading_costs_per_tap()
    {
        var table = new StringBuilder();
        table.AppendLine("| UID | host overhead per SPI transaction | poll | accesses (status reads) | fixed accesses | SPI bytes | frames | air time | poll time |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (double overhead in new[] { 0.0, 25.0 })
        {
            foreach (int length in new[] { 4, 7, 10 })
            {
                foreach (var cost in Measure(length, overhead))
                {
                    var b = cost.Bus;
                    table.AppendLine($"| {length} bytes | {overhead:0} µs | {cost.What} | {b.Accesses} ({b.StatusReads}) | {b.Accesses - b.StatusReads} | {b.SpiBytes} | {b.Frames} | {b.AirNanos / 1000.0:0} µs | {cost.ElapsedNanos / 1000.0:0} µs |");
                    if (cost.What.StartsWith("tap", StringComparison.Ordinal))
                    {
                        Assert.InRange(b.Accesses - b.StatusReads, 1, 130);
                    }
                }
            }
        }
        output.WriteLine(table.ToString());
    }

    private List<PollCost> Measure(int length, double overheadMicros)
    {
        long nowMs = 0;
        // At wire speed (no host overhead) status reads are so cheap that one activation would
        // not fit the default poll budget; it is raised there so a poll is one whole activation.
        var settings = new Mfrc522Settings { MaxAccessesPerPoll = overheadMicros == 0 ? 20_000 : 1500 };
        var reader = new SimulatedReader(() => nowMs, settings, new SimulatorOptions { AccessOverheadMicros = overheadMicros });
        PollCost Poll(string what, out byte[]? uid)
        {
            var chip = reader.Chip;
            long start = Math.Max(chip.NowNanos, nowMs * 1_000_000);
            var before = chip.Counters.Snapshot();
            uid = reader.ReadCardInField(nowMs);
            var cost = new PollCost(what, chip.Counters.Snapshot() - before, chip.NowNanos - start);
            nowMs += 20;
            return cost;
        }
        for (int i = 0; i < 5; i++)
        {
            Poll("start", out _);
        }
        var costs = new List<PollCost> { Poll("empty field", out _) };
        byte[] uid = length == 4 ? [0x3A, 0x11, 0x22, 0x33] : length == 7 ? [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66] : [0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        reader.Place(uid);
        var first = Poll("new card: anticollision", out var none);
        Assert.Null(none);
        var confirm = Poll("confirm: select by UID", out var read);
        Assert.NotNull(read);
        costs.Add(first);
        costs.Add(confirm);
        costs.Add(new PollCost("tap = both", first.Bus + confirm.Bus, first.ElapsedNanos + confirm.ElapsedNanos));
        costs.Add(Poll("card held (each poll)", out _));
        return costs;
    }
}
