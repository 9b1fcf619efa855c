using MQTTnet;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

public sealed class DurabilityTests : AgentTestBase
{
    [Fact]
    public async Task A_tap_acknowledged_while_central_is_down_survives_a_restart_and_is_relayed_exactly_once()
    {
        Central.Faults.ServiceUnavailable(SimEndpoint.KioskCheckin);
        var terminal = await TerminalAsync("term-1");
        var card = GoodCard(5);

        var ack = await terminal.TapAsync(12, 1, card);

        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
        await terminal.ResultAsync(12, 1, TapOutcome.Queued);
        await Agent.Events.WaitAsync<RelayAttempted>(a => a.Sequence == 1 && a.Outcome == CentralOutcome.Unavailable && a.Attempt >= 2);
        Assert.Single(Agent.Events.All<ResultPublished>(), r => r.Outcome == TapOutcome.Queued);

        await Agent.StopAsync();
        Central.Faults.Clear();
        await RestartAgentAsync();

        await Agent.Events.WaitAsync<ResultPublished>(r => r.DeviceId == "term-1" && r.Sequence == 1 && r.Outcome == TapOutcome.CheckedIn);
        Assert.Equal(1, Central.State.CheckinCountForChip(card));
        Assert.Equal(1, Agent.CountTaps("term-1"));

        // The terminal, back on the restarted agent, replays the tap from its journal and gets the result.
        var replaying = await TerminalAsync("term-1");
        await replaying.TapAsync(12, 1, card, TapFlags.Replay);
        await replaying.ResultAsync(12, 1, TapOutcome.CheckedIn);
        Assert.Equal(1, Central.State.CheckinCountForChip(card));
        Assert.Single(Agent.Events.All<RelayAttempted>());
    }

    [Fact]
    public async Task While_central_is_down_the_terminal_is_told_once_that_its_tap_is_queued_then_gets_the_result()
    {
        Central.Faults.ServiceUnavailable(SimEndpoint.KioskCheckin, times: 3);
        var terminal = await TerminalAsync("term-2");

        await terminal.TapAsync(5, 5, GoodCard(6));

        await terminal.ResultAsync(5, 5, TapOutcome.CheckedIn);
        Assert.Equal([TapOutcome.Queued, TapOutcome.CheckedIn], terminal.Results.All.Select(r => r.Outcome));
        Assert.Equal(4, Agent.Events.All<RelayAttempted>().Count);
    }

    [Fact]
    public async Task A_tap_of_a_device_whose_kiosk_token_central_refuses_waits_queued_until_the_token_is_fixed()
    {
        var terminal = await TerminalAsync("term-misconfigured");
        var card = GoodCard(14);

        await terminal.TapAsync(2, 7, card);

        await terminal.ResultAsync(2, 7, TapOutcome.Queued);
        await Agent.Events.WaitAsync<RelayAttempted>(a => a.Sequence == 7 && a.Outcome == CentralOutcome.Problem && a.RetryIn is not null && a.Attempt >= 2);
        Assert.DoesNotContain(Agent.Events.All<ResultPublished>(), r => r.Outcome == TapOutcome.Refused);
        Assert.Contains(Agent.Logs.Entries, e => e.EventId.Id == 4010);

        Devices = [.. Devices.Select(d => d.Id == "term-misconfigured" ? d with { KioskToken = Central.Seed.Kiosks[1].Token } : d)];
        await RestartAgentAsync();

        await Agent.Events.WaitAsync<ResultPublished>(r => r.DeviceId == "term-misconfigured" && r.Sequence == 7 && r.Outcome == TapOutcome.CheckedIn);
        Assert.Equal(1, Central.State.CheckinCountForChip(card));
    }
}
