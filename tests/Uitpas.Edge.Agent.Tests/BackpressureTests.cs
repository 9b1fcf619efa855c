using MQTTnet;
using Uitpas.Edge.Agent.Alarms;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Ingest;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>The store cap (Agent:Store:MaxBacklog): push-back on terminals, the StoreFull alarm, nothing dropped.</summary>
public sealed class BackpressureTests : AgentTestBase
{
    private const int Cap = 4;

    protected override IReadOnlyDictionary<string, string?>? ExtraSettings => new Dictionary<string, string?>
    {
        ["Agent:Store:MaxBacklog"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Agent:Relay:CircuitBreaker:OpenFor"] = "00:00:00.200",
        ["Agent:Relay:CircuitBreaker:MaxOpenFor"] = "00:00:00.400",
    };

    [Fact]
    public async Task At_the_cap_new_taps_are_refused_with_QuotaExceeded_nothing_more_is_stored_and_StoreFull_is_raised()
    {
        Central.Faults.ServiceUnavailable(SimEndpoint.KioskCheckin);
        var terminal = await TerminalAsync("term-1");
        for (uint sequence = 1; sequence <= Cap; sequence++)
        {
            Assert.Equal(MqttClientPublishReasonCode.Success, (await terminal.TapAsync(5, sequence, GoodCard((int)sequence))).ReasonCode);
        }

        var refused = await terminal.TapAsync(5, Cap + 1, GoodCard(Cap + 1));
        var other = await (await TerminalAsync("term-2")).TapAsync(1, 1, GoodCard(Cap + 2));

        Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, refused.ReasonCode);
        Assert.Equal(TapIngestor.BackpressureReason, refused.ReasonString);
        Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, other.ReasonCode);
        Assert.Equal(Cap, Agent.CountTaps("term-1"));
        Assert.Equal(0, Agent.CountTaps("term-2"));
        var alarm = await Agent.Events.WaitAsync<AlarmRaised>(a => a.Kind == AlarmKind.StoreFull);
        Assert.Contains($"MaxBacklog {Cap}", alarm.Detail, StringComparison.Ordinal);
        Assert.Equal(2, Agent.Events.All<TapRefused>().Count(r => r.Kind == RefusalKind.Backpressure));

        // A tap already stored is still answered: acknowledged, not stored again.
        var resent = await terminal.TapAsync(5, 2, GoodCard(2), TapFlags.Replay);
        Assert.Equal(MqttClientPublishReasonCode.Success, resent.ReasonCode);
        Assert.Equal(Cap, Agent.CountTaps("term-1"));
        Assert.Single(Agent.Events.All<AlarmRaised>());
    }

    [Fact]
    public async Task When_the_relay_drains_below_the_low_water_mark_the_alarm_clears_and_the_refused_taps_sent_again_are_counted_once()
    {
        Central.Faults.ServiceUnavailable(SimEndpoint.KioskCheckin);
        var terminal = await TerminalAsync("term-1");
        var cards = Enumerable.Range(0, Cap + 2).Select(i => GoodCard(10 + i)).ToArray();
        var refused = new List<uint>();
        for (uint sequence = 1; sequence <= cards.Length; sequence++)
        {
            var ack = await terminal.TapAsync(7, sequence, cards[sequence - 1]);
            if (ack.ReasonCode == MqttClientPublishReasonCode.QuotaExceeded)
            {
                refused.Add(sequence);
            }
        }
        Assert.Equal([Cap + 1, Cap + 2], refused);
        await Agent.Events.WaitAsync<AlarmRaised>(a => a.Kind == AlarmKind.StoreFull);

        Central.Faults.Clear();

        var cleared = await Agent.Events.WaitAsync<AlarmCleared>(a => a.Kind == AlarmKind.StoreFull);
        Assert.Contains("taps are taken again", cleared.Detail, StringComparison.Ordinal);
        for (uint sequence = 1; sequence <= Cap; sequence++)
        {
            await terminal.ResultAsync(7, sequence, TapOutcome.CheckedIn);
        }
        foreach (var sequence in refused)
        {
            // The terminal kept them journaled and sends them again as replays.
            var ack = await terminal.TapAsync(7, sequence, cards[sequence - 1], TapFlags.Replay);
            Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
        }
        foreach (var sequence in refused)
        {
            await terminal.ResultAsync(7, sequence, TapOutcome.CheckedIn);
        }
        Assert.All(cards, card => Assert.Equal(1, Central.State.CheckinCountForChip(card)));
        Assert.Equal(cards.Length, Central.State.Checkins.Count);
        Assert.Equal(cards.Length, Agent.CountTaps("term-1"));
        Assert.Single(Agent.Events.All<AlarmRaised>(), a => a.Kind == AlarmKind.StoreFull);
    }

    [Fact]
    public async Task The_backlog_is_counted_from_the_store_at_start_so_a_restarted_agent_at_the_cap_refuses_at_once()
    {
        Central.Faults.ServiceUnavailable(SimEndpoint.KioskCheckin);
        var terminal = await TerminalAsync("term-2");
        for (uint sequence = 1; sequence <= Cap; sequence++)
        {
            await terminal.TapAsync(2, sequence, GoodCard(20 + (int)sequence));
        }
        await RestartAgentAsync();

        var after = await TerminalAsync("term-2");
        var ack = await after.TapAsync(2, Cap + 1, GoodCard(30));

        Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, ack.ReasonCode);
        Assert.Equal(Cap, Agent.CountTaps("term-2"));
        await Agent.Events.WaitAsync<AlarmRaised>(a => a.Kind == AlarmKind.StoreFull);
    }

    [Fact]
    public async Task A_store_cap_below_one_is_refused_at_start()
    {
        var settings = new Dictionary<string, string?> { ["Agent:Store:MaxBacklog"] = "0" };

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => TestAgent.StartAsync(Central, DataDirectory + "-bad", Devices, settings));

        Assert.Contains("MaxBacklog", failure.Message, StringComparison.Ordinal);
    }
}
