using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>Issue 4's acceptance: a terminal cut off for a day, then reconnected.</summary>
public sealed class ReplayDayTests
{
    private const int TapCount = 1000;

    [Fact]
    public async Task A_day_of_1000_offline_taps_over_200_cards_reaches_central_exactly_once_despite_lost_answers()
    {
        await using var rig = await ReplayRig.StartAsync(passholders: 240);
        var seed = rig.Central.Seed;
        var random = new Random(20260310);
        string[] cards = [.. seed.GoodCards.Take(185).Select(c => c.ChipNumber), .. seed.BlockedCards.Take(10).Select(c => c.ChipNumber), .. seed.UnknownChipNumbers];
        Assert.Equal(200, cards.Length);
        // From 08:00 to 22:00 yesterday: the morning event (open again today), the evening event (closed now), the night event (open).
        var taps = Enumerable.Range(0, TapCount)
            .Select(i => (Sequence: (uint)(i + 1), Chip: cards[random.Next(cards.Length)], At: ReplayRig.Yesterday.AddHours(8).AddSeconds(i * 50.4)))
            .ToArray();

        // What central must end up with, worked out from the rules alone: one check-in per good card per open event (limit 1 per day).
        var good = seed.GoodCards.Select(c => c.ChipNumber).ToHashSet();
        string EventAt(DateTimeOffset at) => at < ReplayRig.Yesterday.AddHours(12) ? rig.MorningEvent.Id
            : at < ReplayRig.Yesterday.AddHours(21) ? rig.EveningEvent.Id : rig.NightEvent.Id;
        var atOpenEvents = taps.Where(t => good.Contains(t.Chip) && EventAt(t.At) != rig.EveningEvent.Id).ToArray();
        var expectedCheckins = atOpenEvents.Select(t => (t.Chip, EventAt(t.At))).Distinct().Count();
        var expectedLimit = atOpenEvents.Length - expectedCheckins;
        var expectedWindowClosed = taps.Count(t => good.Contains(t.Chip) && EventAt(t.At) == rig.EveningEvent.Id);
        var expectedRefused = taps.Count(t => !good.Contains(t.Chip));

        using var stopFaults = new CancellationTokenSource();
        var faults = SprinkleFaultsAsync(rig.Central, stopFaults.Token);
        var terminal = await rig.TerminalAsync();
        foreach (var tap in taps)
        {
            await ReplayRig.TapAsync(terminal, 40, tap.Sequence, tap.Chip, tap.At);
        }
        foreach (var tap in taps)
        {
            await terminal.Results.WaitAsync(r => r.Sequence == tap.Sequence && r.Outcome is TapOutcome.CheckedIn or TapOutcome.Refused,
                $"final result of tap {tap.Sequence}", TimeSpan.FromSeconds(60));
        }
        await stopFaults.CancelAsync();
        var injected = await faults;

        var checkins = rig.Central.State.Checkins;
        Assert.Equal(expectedCheckins, checkins.Count);
        Assert.All(checkins.GroupBy(c => (c.PassholderId, c.EventId)), g => Assert.Single(g));
        Assert.DoesNotContain(checkins, c => c.EventId == rig.EveningEvent.Id);

        var counts = rig.Store.CreditCounts(ReplayRig.DeviceId);
        int Count(params TapCredit[] credits) => counts.Where(c => credits.Contains(c.Credit)).Sum(c => c.Count);
        Assert.Equal(expectedCheckins, Count(TapCredit.Credited, TapCredit.CreditedFromHistory));
        Assert.Equal(expectedLimit, Count(TapCredit.RefusedLimit));
        Assert.Equal(expectedWindowClosed, Count(TapCredit.RefusedWindowClosed));
        Assert.Equal(expectedRefused, Count(TapCredit.Refused));
        Assert.Equal(TapCount, counts.Sum(c => c.Count));
        Assert.True(Count(TapCredit.CreditedFromHistory) > 0, "the lost answers were settled from the history");
        foreach (var ev in new[] { rig.MorningEvent.Id, rig.NightEvent.Id })
        {
            Assert.Equal(checkins.Count(c => c.EventId == ev),
                counts.Where(c => c.EventId == ev && c.Credit is TapCredit.Credited or TapCredit.CreditedFromHistory).Sum(c => c.Count));
        }
        Assert.Equal(expectedWindowClosed, rig.Store.UncreditedTaps(ReplayRig.DeviceId).Count);
        Assert.Equal(checkins.Count, rig.Scalar("SELECT COUNT(*) FROM central_claims"));
        Assert.Equal(checkins.Count, rig.Scalar($"SELECT COUNT(*) FROM central_claims WHERE checkin_id IN ({string.Join(", ", checkins.Select(c => $"'{c.Id}'"))})"));
        Assert.Empty(rig.Store.Backlog());
        Assert.True(injected >= 20, $"{injected} faults injected");
    }

    /// <summary>A fault every 23 check-in calls: mostly answers lost after central committed, some unreadable, refused or unanswered history searches.</summary>
    private static async Task<int> SprinkleFaultsAsync(CentralSimulator central, CancellationToken stop)
    {
        var injected = 0;
        try
        {
            for (var k = 1; ; k++)
            {
                await central.State.WaitForRequestsAsync(SimEndpoint.Checkin, k * 23, stop);
                switch (k % 6)
                {
                    case 0:
                        central.Faults.MalformedBody(SimEndpoint.Checkin, times: 1);
                        break;
                    case 1:
                        central.Faults.ServiceUnavailable(SimEndpoint.Checkin, times: 1);
                        break;
                    case 2:
                        central.Faults.ServiceUnavailable(SimEndpoint.SearchCheckins, times: 1);
                        break;
                    default:
                        central.Faults.DropResponseAfterCommit(SimEndpoint.Checkin, times: 1);
                        break;
                }
                injected++;
            }
        }
        catch (OperationCanceledException)
        {
            return injected;
        }
    }
}
