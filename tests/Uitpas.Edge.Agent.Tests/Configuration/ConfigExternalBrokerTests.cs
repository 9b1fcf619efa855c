using System.Globalization;
using System.Net;
using MQTTnet.Server;
using Uitpas.Edge.Agent.Configuration;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.Agent.Tests.Configuration;

/// <summary>Config push when the agent is a client of an external broker (a plain MQTTnet server here).</summary>
public sealed class ConfigExternalBrokerTests : ConfigTestBase
{
    private MqttServer _broker = null!;
    private IPEndPoint _endPoint = null!;
    private readonly Observed<string> _agentSubscriptions = new();

    protected override IReadOnlyDictionary<string, string?> AgentSettings => new Dictionary<string, string?>
    {
        ["Agent:Broker:Mode"] = "External",
        ["Agent:Broker:External:Host"] = _endPoint.Address.ToString(),
        ["Agent:Broker:External:Port"] = _endPoint.Port.ToString(CultureInfo.InvariantCulture),
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
        _broker.ClientSubscribedTopicAsync += e =>
        {
            if (e.ClientId == "agent-under-test")
            {
                _agentSubscriptions.Add(e.TopicFilter.Topic);
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
    public async Task Documents_are_retained_on_the_external_broker_and_a_report_retained_while_the_agent_was_away_arrives_at_subscribe()
    {
        await _agentSubscriptions.WaitAsync(t => t == ConfigTwins.AllReports, "the agent's config-state subscription");
        await AssignAsync("oost-vlaanderen", "aalst", "de-werf", "term-1");
        var terminal = await TerminalAsync("term-1");

        await PutAsync("venue", "de-werf", """{"settings": {"language": "en"}}""");
        var v1 = await terminal.Documents.WaitAsync(d => d.Document.Version == 1, "version 1 through the external broker");
        Assert.True(v1.SignatureValid);
        await terminal.ReportAppliedAsync(1);
        await WaitForAsync(() => Status.StatusOf("term-1") is { State: "applied", AppliedVersion: 1 }, "term-1 applied 1");

        await RestartAgentAsync(whileStopped: () => terminal.ReportAsync(
            ConfigReport.ForRefused(7, 1, ConfigRefusal.Signature, "HMAC mismatch", 1_764_000_000_000)));

        await WaitForAsync(() => Status.StatusOf("term-1")?.LastRefusal is { Version: 7 }, "the retained refusal after the restart");
        var status = Status.StatusOf("term-1")!;
        Assert.Equal("signature", status.LastRefusal!.Reason);
        Assert.Equal("applied", status.State);
        Assert.Equal(1u, status.DesiredVersion);
        // The agent published its document again on connecting: the same bytes, no new version.
        var again = await terminal.Documents.WaitAsync(d => !ReferenceEquals(d, v1) && d.Document.Version == 1, "version 1 published again");
        Assert.Equal(v1.Document.Payload, again.Document.Payload);
    }
}
