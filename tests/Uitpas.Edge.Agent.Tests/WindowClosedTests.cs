using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>A replay central refuses because its event's window has passed: final, kept, counted, reported; never dropped or retried.</summary>
public sealed class WindowClosedTests
{
    [Fact]
    public async Task Window_closed_replay_is_kept_counted_and_reported_not_retried()
    {
        await using var rig = await ReplayRig.StartAsync();
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[7];
        var tappedAt = ReplayRig.Yesterday.AddHours(20); // at the evening event, replayed the next morning

        await ReplayRig.TapAsync(terminal, 11, 1, card.ChipNumber, tappedAt);
        await ReplayRig.TapAsync(terminal, 11, 2, card.ChipNumber, tappedAt.AddMinutes(30));

        var first = await terminal.ResultAsync(11, 1, TapOutcome.Refused);
        await terminal.ResultAsync(11, 2, TapOutcome.Refused);
        Assert.Equal("checkin-not-allowed", first.Reason);
        Assert.Contains("Inchecken voor deze activiteit kan nu niet", first.Message, StringComparison.Ordinal);
        Assert.Empty(rig.Central.State.Checkins);
        Assert.Equal(2, rig.Central.State.RequestCount(SimEndpoint.Checkin));
        Assert.Equal(new CreditCount(ReplayRig.DeviceId, rig.EveningEvent.Id, TapCredit.RefusedWindowClosed, 2), Assert.Single(rig.Store.CreditCounts()));
        var uncredited = rig.Store.UncreditedTaps(ReplayRig.DeviceId);
        Assert.Equal([1u, 2u], uncredited.Select(t => t.Sequence));
        Assert.All(uncredited, t => Assert.Equal(rig.EveningEvent.Id, t.EventId));
        Assert.Equal(tappedAt, uncredited[0].TappedAt);
        Assert.Equal(ChipUid.TryParseHex(card.ChipNumber), uncredited[0].ChipUid);
        Assert.Empty(rig.Store.Backlog());
        Assert.Contains(rig.Logs.Entries, e => e.EventId.Id == 4017);

        // The terminal replays it again: the final answer is published again, so its journal drains; central is not asked again.
        await ReplayRig.TapAsync(terminal, 11, 1, card.ChipNumber, tappedAt);
        await rig.Events.WaitAsync<TapDuplicate>(d => d.Sequence == 1 && d.ResultRepublished);
        Assert.Equal(2, rig.Central.State.RequestCount(SimEndpoint.Checkin));
    }

    [Fact]
    public async Task Window_closed_is_told_apart_from_the_limit_by_the_history()
    {
        await using var rig = await ReplayRig.StartAsync();
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[8];

        // Two taps at the morning event (open now: the second meets the limit) and one at the evening event (closed now).
        await ReplayRig.TapAsync(terminal, 12, 1, card.ChipNumber, ReplayRig.Yesterday.AddHours(9));
        await ReplayRig.TapAsync(terminal, 12, 2, card.ChipNumber, ReplayRig.Yesterday.AddHours(10));
        await ReplayRig.TapAsync(terminal, 12, 3, card.ChipNumber, ReplayRig.Yesterday.AddHours(19));

        await terminal.ResultAsync(12, 3, TapOutcome.Refused);
        Assert.Equal(
            [
                new CreditCount(ReplayRig.DeviceId, rig.EveningEvent.Id, TapCredit.RefusedWindowClosed, 1),
                new CreditCount(ReplayRig.DeviceId, rig.MorningEvent.Id, TapCredit.Credited, 1),
                new CreditCount(ReplayRig.DeviceId, rig.MorningEvent.Id, TapCredit.RefusedLimit, 1),
            ],
            rig.Store.CreditCounts().OrderBy(c => c.EventId == rig.EveningEvent.Id ? 0 : 1).ThenBy(c => c.Credit));
        Assert.Equal(3u, Assert.Single(rig.Store.UncreditedTaps()).Sequence);
    }

    [Fact]
    public async Task The_event_s_weekly_limit_from_its_settings_makes_a_refusal_the_limit_not_the_window()
    {
        await using var rig = await ReplayRig.StartAsync();
        var card = rig.Central.Seed.GoodCards[9];
        rig.Central.SetCheckinLimit(rig.MorningEvent.Id, new CheckinLimitRule(1, CheckinLimitPeriod.Week));
        var today = rig.Clock.GetUtcNow();
        rig.Clock.MoveTo(ReplayRig.Yesterday.AddHours(9));
        var yesterday = await rig.Host.Services.GetRequiredService<IUitpasCentral>().CheckinAsync(card.UitpasNumber, rig.MorningEvent.Id, CancellationToken.None);
        Assert.True(yesterday.IsOk, yesterday.ToString());
        rig.Clock.MoveTo(today);
        var terminal = await rig.TerminalAsync();

        await ReplayRig.TapAsync(terminal, 13, 1, card.ChipNumber, ReplayRig.Yesterday.AddHours(11));

        var refused = await terminal.ResultAsync(13, 1, TapOutcome.Refused);
        Assert.Equal("checkin-not-allowed", refused.Reason);
        Assert.Equal(TapCredit.RefusedLimit, Assert.Single(rig.Store.CreditCounts()).Credit);
        Assert.Empty(rig.Store.UncreditedTaps());
        Assert.Equal(1, rig.Central.State.RequestCount(SimEndpoint.EventSettings));
    }
}
