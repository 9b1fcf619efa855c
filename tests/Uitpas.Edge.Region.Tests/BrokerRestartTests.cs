using System.Diagnostics;
using MQTTnet;
using Uitpas.Edge.Region.Tests.Infrastructure;
using Uitpas.Edge.Simulator;
using Xunit.Abstractions;

namespace Uitpas.Edge.Region.Tests;

/// <summary>The agent behind Mosquitto (External mode); Mosquitto is restarted mid-load.</summary>
public sealed class BrokerRestartTests(ITestOutputHelper output)
{
    private const int Terminals = 100;
    private const int TapsPerSecond = 150;
    private const int TotalTaps = 3_000;
    private static readonly TimeSpan Drain = TimeSpan.FromMinutes(3);

    [RegionFact(RegionServer.Mosquitto)]
    public async Task Broker_restart_drains_without_loss()
    {
        await using var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0, PassholderCount = 10_000 });
        await using var broker = await MosquittoBroker.StartAsync();
        var devices = TerminalFleet.DeviceIds(Terminals, "brk");
        var settings = RegionAgentSettings.For(central, devices).WithExternalBroker(broker, "uitpas-edge-agent");
        await using var agent = new AgentProcess("agent", RegionAgentSettings.NewDataDirectory("broker"), settings);
        await agent.StartAsync();
        await using var fleet = await TerminalFleet.ConnectAsync(devices, () => broker.EndPoint);
        var deck = new CardDeck(central.Seed.GoodCards.Select(c => c.ChipNumber));
        var clock = Stopwatch.StartNew();
        var load = fleet.RunLoadAsync(deck, TapsPerSecond, CancellationToken.None, TotalTaps);

        await Eventually.HoldsAsync(() => fleet.Acknowledged >= TotalTaps / 3 && central.State.Checkins.Count >= TotalTaps / 4, TimeSpan.FromMinutes(2), fleet.Describe);
        var before = (Made: fleet.Issued, Acknowledged: fleet.Acknowledged, Checkins: central.State.Checkins.Count);
        var down = Stopwatch.StartNew();
        await broker.RestartAsync();
        output.WriteLine($"restart at {clock.Elapsed.TotalSeconds:F1} s ({before.Made} taps made, {before.Acknowledged} acknowledged by Mosquitto, central {before.Checkins}); broker back in {down.Elapsed.TotalSeconds:F1} s");
        await agent.Process!.WaitForLineAsync(line => line.Contains("Connected to the external MQTT broker", StringComparison.Ordinal) && line.Contains("session present: True", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        output.WriteLine($"  agent reconnected with its session at {clock.Elapsed.TotalSeconds:F1} s");

        var made = await load;
        await fleet.WaitAllAcknowledgedAsync(Drain);
        await ExactlyOnce.WaitDrainedAsync(() => AgentStore.ReadSqliteAsync(agent.DatabasePath), made, Drain);
        await fleet.WaitAllAnsweredAsync(Drain);
        var final = await AgentStore.ReadSqliteAsync(agent.DatabasePath);
        output.WriteLine($"drained at {clock.Elapsed.TotalSeconds:F1} s: {made} taps, central {central.State.Checkins.Count} check-ins, {AgentStore.Describe(final)}; {fleet.Describe()}");

        Assert.Equal(TotalTaps, made);
        Assert.True(broker.IsRunning, broker.RecentLog());
        Assert.True(agent.IsRunning, agent.RecentOutput());
        Assert.False(fleet.Refusals().ContainsKey(MqttClientPublishReasonCode.NoMatchingSubscribers), "Mosquitto acknowledged taps nobody was subscribed to: " + fleet.Describe());
        ExactlyOnce.Assert(central, fleet, final);
    }
}
