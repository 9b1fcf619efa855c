using System.Net;
using MQTTnet;
using MQTTnet.Server;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>The agent as a client of an external broker (here a plain MQTTnet server with no agent logic).</summary>
public sealed class ExternalBrokerTests : AgentTestBase
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
            if (e.ClientId == "agent-under-test" && e.TopicFilter.Topic == Topics.AllTaps)
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
    public async Task A_tap_through_an_external_broker_is_acknowledged_by_the_agent_after_commit_and_answered()
    {
        await WaitForAgentSubscriptionAsync();
        var terminal = await TerminalAsync("term-1");

        await terminal.TapAsync(8, 1, GoodCard(11));

        await _agentAcks.WaitAsync(topic => topic == Topics.Tap("term-1"), "the agent's PUBACK of the tap");
        Assert.Single(Agent.Events.All<TapCommitted>());
        Assert.Equal(1, Agent.CountTaps("term-1"));
        await terminal.ResultAsync(8, 1, TapOutcome.CheckedIn);
    }

    [Fact]
    public async Task A_refused_tap_from_an_external_broker_is_logged_and_acknowledged_so_it_is_not_redelivered()
    {
        await WaitForAgentSubscriptionAsync();
        var terminal = await TerminalAsync("term-1", subscribe: false);

        await terminal.PublishAsync(Topics.Tap("ghost-1"), TestTerminal.Tap(1, 1, GoodCard(12)));

        await _agentAcks.WaitAsync(topic => topic == Topics.Tap("ghost-1"), "the agent's PUBACK of the refused tap");
        var refusal = await Agent.Events.WaitAsync<TapRefused>(r => r.Topic == Topics.Tap("ghost-1"));
        Assert.Equal(RefusalKind.UnknownDevice, refusal.Kind);
        Assert.Equal(0, Agent.CountTaps("ghost-1"));
    }

    private Task WaitForAgentSubscriptionAsync() => _agentSubscribed.Task.WaitAsync(Waits.Default);
}
