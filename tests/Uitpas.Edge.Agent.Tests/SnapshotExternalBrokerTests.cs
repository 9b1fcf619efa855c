using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet.Server;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>Snapshot distribution when the agent is a client of an external broker (a plain MQTTnet server here).</summary>
public sealed class SnapshotExternalBrokerTests : SnapshotTestBase
{
    private readonly TaskCompletionSource _agentSubscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private MqttServer _broker = null!;
    private IPEndPoint _endPoint = null!;
    private SnapshotTerminal? _terminal;

    protected override IReadOnlyDictionary<string, string?>? ExtraSettings => new Dictionary<string, string?>(base.ExtraSettings!)
    {
        ["Agent:Broker:Mode"] = "External",
        ["Agent:Broker:External:Host"] = _endPoint.Address.ToString(),
        ["Agent:Broker:External:Port"] = _endPoint.Port.ToString(CultureInfo.InvariantCulture),
        ["Agent:Broker:External:ClientId"] = "agent-under-test",
        ["Agent:Broker:External:ReconnectDelay"] = "00:00:00.050",
    };

    protected override async Task BeforeAgentStartsAsync()
    {
        await base.BeforeAgentStartsAsync();
        var options = new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointPort(0).Build();
        options.DefaultEndpointOptions.BoundInterNetworkAddress = IPAddress.Loopback;
        options.DefaultEndpointOptions.BoundInterNetworkV6Address = IPAddress.None;
        _broker = new MqttServerFactory().CreateMqttServer(options);
        _broker.ClientSubscribedTopicAsync += e =>
        {
            if (e.ClientId == "agent-under-test" && e.TopicFilter.Topic == DistributionTopics.AllAppliedReports)
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
        if (_terminal is not null)
        {
            await _terminal.DisposeAsync();
        }
        await base.DisposeAsync();
        await _broker.StopAsync();
        _broker.Dispose();
    }

    [Fact]
    public async Task Manifests_are_retained_on_the_external_broker_and_chunks_and_reports_go_through_it()
    {
        await _agentSubscribed.Task.WaitAsync(Waits.Default);
        await RebuildAsync();
        var events = Catalog.Series(SnapshotKind.Events, "term-1")!;
        var reports = new Observed<SnapshotReported>();
        Services.GetRequiredService<SnapshotEvents>().Reported += reports.Add;
        _terminal = await SnapshotTerminal.ConnectAsync(_endPoint, "term-1");
        await _terminal.SubscribeAsync(DistributionTopics.Events("term-1"));
        await _terminal.SubscribeAsync(DistributionTopics.Chunk("term-1"));

        var (manifest, retained) = await _terminal.ManifestAsync(DistributionTopics.Events("term-1"), events.Version);
        var file = await _terminal.DownloadAsync(manifest.File, chunk: 128);
        await _terminal.PublishAsync(DistributionTopics.Applied("term-1"), AppliedReport.ForApplied(SnapshotKind.Events, manifest.Version).Encode(), retain: true);
        await reports.WaitAsync(r => r.DeviceId == "term-1" && r.Kind == SnapshotKind.Events, "events applied report");

        Assert.True(retained);
        Assert.Equal(FileBytes(events.File), file);
        Assert.Equal(manifest.Version, Services.GetRequiredService<SnapshotReports>().StatusOf("term-1", 1).Events.AppliedVersion);
    }
}
