using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>Taps replayed from a terminal's journal: checked in once, at the event of their own time.</summary>
public sealed class ReplayTests
{
    [Fact]
    public async Task Replayed_tap_is_not_counted_twice()
    {
        await using var rig = await ReplayRig.StartAsync();
        rig.Central.Faults.DropResponseAfterCommit(SimEndpoint.Checkin, times: 1);
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[0];
        var tappedAt = ReplayRig.Yesterday.AddHours(9);

        await ReplayRig.TapAsync(terminal, 2, 1, card.ChipNumber, tappedAt);
        await ReplayRig.TapAsync(terminal, 2, 1, card.ChipNumber, tappedAt);
        await terminal.ResultAsync(2, 1, TapOutcome.CheckedIn);
        await ReplayRig.TapAsync(terminal, 2, 1, card.ChipNumber, tappedAt);

        await terminal.Results.WaitAsync(r => r.Sequence == 1 && r.Outcome == TapOutcome.CheckedIn && terminal.Results.All.Count(o => o.Outcome == TapOutcome.CheckedIn) == 2,
            "the result published again for the last replay");
        Assert.Equal(1, rig.Central.State.CheckinCountForPass(card.UitpasNumber));
        Assert.Equal(1, rig.Central.State.RequestCount(SimEndpoint.Checkin));
        Assert.Equal(1, rig.Scalar("SELECT COUNT(*) FROM taps"));
        Assert.Equal(2, rig.Events.All<TapDuplicate>().Count);
        Assert.Equal(1, rig.Scalar("SELECT COUNT(*) FROM central_claims"));
    }

    [Fact]
    public async Task Late_tap_is_checked_in_at_the_event_in_force_when_it_was_tapped_not_the_kiosks_current_one()
    {
        await using var rig = await ReplayRig.StartAsync();
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[1];

        // Not flagged replay, but tapped last night: late by age.
        await ReplayRig.TapAsync(terminal, 1, 1, card.ChipNumber, ReplayRig.Yesterday.AddHours(23), TapFlags.None);

        var result = await terminal.ResultAsync(1, 1, TapOutcome.CheckedIn);
        var checkin = Assert.Single(rig.Central.State.Checkins);
        Assert.Equal(rig.NightEvent.Id, checkin.EventId);
        Assert.NotEqual(rig.Central.Seed.DefaultKiosk.CurrentEventId, checkin.EventId);
        Assert.Equal(CheckinChannel.Api, checkin.Channel);
        Assert.Equal(rig.Central.State.PointsOf(card.PassholderId), result.TotalPoints);
        Assert.Equal(0, rig.Central.State.RequestCount(SimEndpoint.KioskCheckin));
        Assert.Equal(1, rig.Scalar($"SELECT COUNT(*) FROM central_claims WHERE checkin_id = '{checkin.Id}' AND source = 'response'"));
        Assert.Equal(new CreditCount(ReplayRig.DeviceId, rig.NightEvent.Id, TapCredit.Credited, 1), Assert.Single(rig.Store.CreditCounts()));
    }

    [Fact]
    public async Task Live_tap_uses_the_kiosk_endpoint()
    {
        await using var rig = await ReplayRig.StartAsync();
        var terminal = await rig.TerminalAsync();

        await ReplayRig.TapAsync(terminal, 1, 1, rig.Central.Seed.GoodCards[2].ChipNumber, rig.Clock.GetUtcNow().AddSeconds(-2), TapFlags.None);

        await terminal.ResultAsync(1, 1, TapOutcome.CheckedIn);
        Assert.Equal(CheckinChannel.Kiosk, Assert.Single(rig.Central.State.Checkins).Channel);
        Assert.Equal(0, rig.Central.State.RequestCount(SimEndpoint.Checkin));
    }

    [Fact]
    public async Task Blocked_and_unknown_cards_replayed_get_central_s_refusal_and_are_not_retried()
    {
        await using var rig = await ReplayRig.StartAsync();
        var terminal = await rig.TerminalAsync();

        await ReplayRig.TapAsync(terminal, 1, 1, rig.Central.Seed.BlockedCards[0].ChipNumber, ReplayRig.Yesterday.AddHours(9));
        await ReplayRig.TapAsync(terminal, 1, 2, rig.Central.Seed.UnknownChipNumbers[0], ReplayRig.Yesterday.AddHours(9));

        var blocked = await terminal.ResultAsync(1, 1, TapOutcome.Refused);
        var unknown = await terminal.ResultAsync(1, 2, TapOutcome.Refused);
        Assert.Equal("invalid-card-status", blocked.Reason);
        Assert.Equal("pass-not-found", unknown.Reason);
        Assert.False(string.IsNullOrEmpty(unknown.Message));
        Assert.Empty(rig.Central.State.Checkins);
        Assert.Equal(0, rig.Central.State.RequestCount(SimEndpoint.Checkin));
        Assert.Equal(2, rig.Central.State.RequestCount(SimEndpoint.Passes));
        Assert.Equal(2, rig.Store.CreditCounts().Single(c => c.Credit == TapCredit.Refused).Count);
        Assert.Empty(rig.Store.Backlog());
    }

    [Fact]
    public async Task A_blank_organizer_id_stops_the_agent_at_start_with_a_clear_error()
    {
        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            ReplayRig.StartAsync(extra: new Dictionary<string, string?> { ["Agent:Relay:OrganizerIds:7"] = " " }));

        Assert.Contains("Agent:Relay:OrganizerIds may not hold empty ids.", failure.Message, StringComparison.Ordinal);
    }
}
