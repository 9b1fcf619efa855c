using MQTTnet;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

public sealed class CheckinRelayTests : AgentTestBase
{
    [Fact]
    public async Task A_good_card_gets_one_checked_in_result_with_points_and_one_checkin_at_central()
    {
        var terminal = await TerminalAsync("term-1");
        var card = GoodCard(0);

        var ack = await terminal.TapAsync(7, 1, card);

        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
        var result = await terminal.ResultAsync(7, 1, TapOutcome.CheckedIn);
        var checkin = Assert.Single(Central.State.Checkins);
        Assert.Equal(card, checkin.ChipNumber);
        Assert.Equal(Central.Seed.Kiosks[0].Token, checkin.KioskToken);
        Assert.True(result.PointsAdded > 0);
        Assert.Equal(Central.State.PointsOf(checkin.PassholderId), result.TotalPoints);
        Assert.Single(terminal.Results.All);
        Assert.Equal(1, Central.State.CheckinCountForChip(card));
    }

    [Fact]
    public async Task A_second_tap_of_the_same_card_the_same_day_is_refused_as_maximum_reached_with_the_dutch_message()
    {
        var terminal = await TerminalAsync("term-1");
        var card = GoodCard(1);
        await terminal.TapAsync(7, 1, card);
        await terminal.ResultAsync(7, 1, TapOutcome.CheckedIn);

        await terminal.TapAsync(7, 2, card);

        var refused = await terminal.ResultAsync(7, 2, TapOutcome.Refused);
        Assert.Equal("maximum-reached", refused.Reason);
        Assert.Contains("vandaag al ingecheckt", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, Central.State.CheckinCountForChip(card));
    }

    [Fact]
    public async Task A_blocked_card_is_refused_with_the_card_blocked_text()
    {
        var terminal = await TerminalAsync("term-1");

        await terminal.TapAsync(3, 10, Central.Seed.BlockedCards[0].ChipNumber);

        var refused = await terminal.ResultAsync(3, 10, TapOutcome.Refused);
        Assert.Equal("card-blocked", refused.Reason);
        Assert.Contains("geblokkeerd", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Central.State.Checkins);
    }

    [Fact]
    public async Task An_unknown_chip_is_refused_with_the_passholder_not_found_text()
    {
        var terminal = await TerminalAsync("term-1");

        await terminal.TapAsync(3, 11, Central.Seed.UnknownChipNumbers[0]);

        var refused = await terminal.ResultAsync(3, 11, TapOutcome.Refused);
        Assert.Equal("passholder-not-found", refused.Reason);
        Assert.Contains("herkennen we niet als UiTPAS", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_terminal_set_to_french_gets_central_s_french_message()
    {
        var terminal = await TerminalAsync("term-fr");

        await terminal.TapAsync(1, 1, Central.Seed.BlockedCards[0].ChipNumber);

        var refused = await terminal.ResultAsync(1, 1, TapOutcome.Refused);
        Assert.Contains("bloquée", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Taps_of_one_terminal_are_relayed_in_their_own_order()
    {
        var terminal = await TerminalAsync("term-2");
        var cards = Enumerable.Range(2, 5).Select(GoodCard).ToArray();

        for (var i = 0; i < cards.Length; i++)
        {
            await terminal.TapAsync(4, (uint)(i + 1), cards[i]);
        }

        await terminal.ResultAsync(4, (uint)cards.Length, TapOutcome.CheckedIn);
        var attempts = Agent.Events.All<RelayAttempted>().Where(a => a.DeviceId == "term-2").Select(a => a.Sequence);
        Assert.Equal([1u, 2u, 3u, 4u, 5u], attempts);
        Assert.Equal(cards, Central.State.Checkins.Select(c => c.ChipNumber));
        Assert.All(Agent.Events.All<RelayAttempted>(), a => Assert.Equal(CentralOutcome.Ok, a.Outcome));
    }

    [Fact]
    public async Task No_log_line_shows_a_card_number_in_full()
    {
        var terminal = await TerminalAsync("term-1");
        string[] cards = [GoodCard(13), Central.Seed.BlockedCards[0].ChipNumber, Central.Seed.UnknownChipNumbers[0]];

        for (var i = 0; i < cards.Length; i++)
        {
            await terminal.TapAsync(1, (uint)(i + 1), cards[i]);
            await terminal.TapAsync(1, (uint)(i + 1), cards[i], TapFlags.Replay);
        }
        await terminal.Results.WaitAsync(r => r.Sequence == 3 && r.Outcome == TapOutcome.Refused, "the last result");

        Assert.NotEmpty(Agent.Logs.Entries);
        foreach (var entry in Agent.Logs.Entries)
        {
            Assert.All(cards, card => Assert.DoesNotContain(card, entry.Message, StringComparison.OrdinalIgnoreCase));
        }
    }
}
