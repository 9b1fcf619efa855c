using MQTTnet;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Tests;

public sealed class DeduplicationTests : AgentTestBase
{
    [Fact]
    public async Task A_duplicate_publish_is_acknowledged_not_stored_twice_and_not_relayed_twice()
    {
        var terminal = await TerminalAsync("term-1");
        var card = GoodCard(3);

        var first = await terminal.TapAsync(9, 4, card);
        var second = await terminal.TapAsync(9, 4, card, TapFlags.Replay);

        Assert.Equal(MqttClientPublishReasonCode.Success, first.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, second.ReasonCode);
        await Agent.Events.WaitAsync<TapDuplicate>(d => d.DeviceId == "term-1" && d.BootEpoch == 9 && d.Sequence == 4);
        await terminal.ResultAsync(9, 4, TapOutcome.CheckedIn);
        Assert.Equal(1, Agent.CountTaps("term-1"));
        Assert.Single(Agent.Events.All<TapCommitted>());
        Assert.Single(Agent.Events.All<RelayAttempted>());
        Assert.Equal(1, Central.State.CheckinCountForChip(card));
    }

    [Fact]
    public async Task A_duplicate_of_a_tap_with_a_known_result_gets_that_result_again()
    {
        var terminal = await TerminalAsync("term-1");
        var card = GoodCard(4);
        await terminal.TapAsync(2, 1, card);
        var original = await terminal.ResultAsync(2, 1, TapOutcome.CheckedIn);

        var again = await terminal.TapAsync(2, 1, card, TapFlags.Replay);

        Assert.Equal(MqttClientPublishReasonCode.Success, again.ReasonCode);
        await Agent.Events.WaitAsync<TapDuplicate>(d => d.Sequence == 1 && d.ResultRepublished);
        await terminal.Results.WaitAsync(_ => terminal.Results.All.Count == 2, "the republished result");
        var republished = terminal.Results.All[1];
        Assert.Equal(TapOutcome.CheckedIn, republished.Outcome);
        Assert.Equal(original.PointsAdded, republished.PointsAdded);
        Assert.Equal(original.TotalPoints, republished.TotalPoints);
        Assert.Equal(1, Central.State.CheckinCountForChip(card));
        Assert.Single(Agent.Events.All<RelayAttempted>());
    }
}
