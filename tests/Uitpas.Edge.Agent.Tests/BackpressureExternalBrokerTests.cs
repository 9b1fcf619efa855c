using System.Net;
using MQTTnet.Server;
using Uitpas.Edge.Agent.Alarms;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>
/// The store cap behind an external broker (a plain MQTTnet server): the agent cannot refuse a
/// PUBACK there, so it holds the tap unacknowledged until the backlog has room.
/// </summary>
public sealed class BackpressureExternalBrokerTests : AgentTestBase
{
    private MqttServer _broker = null!;
    private IPEndPoint _endPoint = null!;
    private readonly Observed<string> _agentAcks = new();
    private readonly TaskCompletionSource _agentSubscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Agent:Broker:Mode"] = "External",
        ["Agent:Broker:External:Host"] = _endPoint.Address.ToString(),
        ["Agent:Broker:External:Port"] = _endPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Agent:Broker:External:ClientId"] = "agent-under-test",
        ["Agent:Broker:External:ReconnectDelay"] = "00:00:00.050",
        ["Agent:Store:MaxBacklog"] = "2",
        ["Agent:Relay:CircuitBreaker:OpenFor"] = "00:00:00.200",
        ["Agent:Relay:CircuitBreaker:MaxOpenFor"] = "00:00:00.400",
    };

    protected override IPEndPoint TerminalBroker => _endPoint;

    protected override async Task BeforeAgentStartsAsync()
    {
        var options = new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointPort(0).Build();
        options.DefaultEndpointOptions.BoundInterNetworkAddress = IPAddress.Loopback;
        options.DefaultEndpointOptions.BoundInterNetworkV6Address = IPAddress.None;
        _broker = new MqttServerFactory().CreateMqttServer(options);
        _broker.ClientAcknowledgedPublishPacketAsync += e =>
        {
            if (e.ClientId == "agent-under-test")
            {
                _agentAcks.Add(e.PublishPacket.Topic);
            }
            return Task.CompletedTask;
        };
        _broker.ClientSubscribedTopicAsync += e =>
        {
            if (e.ClientId == "agent-under-test" && e.TopicFilter.Topic.EndsWith(Topics.AllTaps, StringComparison.Ordinal))
            {
                _agentSubscribed.TrySetResult();
            }
            return Task.CompletedTask;
        };
        await _broker.StartAsync();
        _endPoint = new IPEndPoint(IPAddress.Loopback, options.DefaultEndpointOptions.Port);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _broker.StopAsync();
        _broker.Dispose();
    }

    [Fact]
    public async Task At_the_cap_a_tap_from_the_external_broker_stays_unacknowledged_until_there_is_room_then_is_stored_and_counted_once()
    {
        await _agentSubscribed.Task.WaitAsync(Waits.Default);
        Central.Faults.ServiceUnavailable(SimEndpoint.KioskCheckin);
        var terminal = await TerminalAsync("term-1");
        var cards = new[] { GoodCard(1), GoodCard(2), GoodCard(3) };
        await terminal.TapAsync(3, 1, cards[0]);
        await terminal.TapAsync(3, 2, cards[1]);
        await Agent.Events.WaitAsync<AlarmRaised>(a => a.Kind == AlarmKind.StoreFull);

        await terminal.TapAsync(3, 3, cards[2]);
        await _agentAcks.WaitAsync(topic => topic == Topics.Tap("term-1") && _agentAcks.All.Count == 2, "the agent's first two PUBACKs");
        Central.Faults.Clear();

        for (uint sequence = 1; sequence <= 3; sequence++)
        {
            await terminal.ResultAsync(3, sequence, TapOutcome.CheckedIn);
        }
        await _agentAcks.WaitAsync(_ => _agentAcks.All.Count == 3, "the agent's PUBACK of the held tap");
        var events = Agent.Events.All<object>();
        var heldCommitted = events.ToList().FindIndex(e => e is TapCommitted { Sequence: 3 });
        var firstSettled = events.ToList().FindIndex(e => e is TapSettled);
        Assert.InRange(firstSettled, 0, heldCommitted - 1);
        Assert.DoesNotContain(events, e => e is TapRefused);
        Assert.All(cards, card => Assert.Equal(1, Central.State.CheckinCountForChip(card)));
        Assert.Equal(3, Agent.CountTaps("term-1"));
    }
}
