using System.Diagnostics;
using System.Net;
using Uitpas.Edge.Region.Tests.Infrastructure;
using Uitpas.Edge.Simulator;
using Xunit.Abstractions;

namespace Uitpas.Edge.Region.Tests;

/// <summary>kill -9 of the agent program under sustained load, twice, restarted on the same SQLite file.</summary>
public sealed class AgentKillTests(ITestOutputHelper output)
{
    private const int Terminals = 100;
    private const int TapsPerSecond = 150;
    private const int TotalTaps = 4_500;
    private static readonly TimeSpan Drain = TimeSpan.FromMinutes(3);

    [RegionFact(RegionServer.None)]
    public async Task Killing_the_agent_under_load_loses_and_doubles_nothing()
    {
        await using var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0, PassholderCount = 10_000 });
        var devices = TerminalFleet.DeviceIds(Terminals, "kill");
        var data = RegionAgentSettings.NewDataDirectory("kill");
        await using var agent = new AgentProcess("agent", data, RegionAgentSettings.For(central, devices));
        await agent.StartAsync();
        await using var fleet = await TerminalFleet.ConnectAsync(devices, () => new IPEndPoint(IPAddress.Loopback, agent.BrokerPort));
        var deck = new CardDeck(central.Seed.GoodCards.Select(c => c.ChipNumber));
        var clock = Stopwatch.StartNew();
        var load = fleet.RunLoadAsync(deck, TapsPerSecond, CancellationToken.None, TotalTaps);

        for (var kill = 1; kill <= 2; kill++)
        {
            // Mid-load: taps arriving, commits and calls to central under way.
            // Mid-load, with calls to central whose answers were lost (committed there, unknown
            // here) and calls hanging: the kill must find taps in flight or unknown in the store.
            var threshold = kill * TotalTaps / 3;
            await Eventually.HoldsAsync(() => fleet.Acknowledged >= threshold, TimeSpan.FromMinutes(2), fleet.Describe);
            central.Faults.DropResponseAfterCommit(times: 20);
            central.Faults.Hang(SimEndpoint.KioskCheckin | SimEndpoint.Checkin, times: 10);
            await Eventually.HoldsAsync(
                async () => (await AgentStore.ReadSqliteAsync(agent.DatabasePath)).Count(r => r.RelayState is 1 or 3) >= 5,
                TimeSpan.FromMinutes(1),
                async () => AgentStore.Describe(await AgentStore.ReadSqliteAsync(agent.DatabasePath)),
                TimeSpan.FromMilliseconds(20));
            agent.KillHard();
            central.Faults.Clear();
            var acknowledged = fleet.AcknowledgedTaps();
            var stored = await AgentStore.ReadSqliteAsync(agent.DatabasePath);
            var keys = stored.Select(r => (r.DeviceId, r.Epoch, r.Sequence)).ToHashSet();
            var lost = acknowledged.Count(t => !keys.Contains((t.DeviceId, t.Epoch, t.Sequence)));
            output.WriteLine($"kill {kill} at {clock.Elapsed.TotalSeconds:F1} s: {fleet.Issued} taps made, {acknowledged.Count} acknowledged, "
                + $"{AgentStore.Describe(stored)}, central {central.State.Checkins.Count} check-ins");
            Assert.True(lost == 0, $"{lost} taps acknowledged before the kill are not in the store");

            var down = Stopwatch.StartNew();
            await agent.StartAsync();
            output.WriteLine($"  restarted in {down.Elapsed.TotalSeconds:F1} s");
        }

        var made = await load;
        await fleet.WaitAllAcknowledgedAsync(Drain);
        await ExactlyOnce.WaitDrainedAsync(() => AgentStore.ReadSqliteAsync(agent.DatabasePath), made, Drain);
        await fleet.WaitAllAnsweredAsync(Drain);
        var final = await AgentStore.ReadSqliteAsync(agent.DatabasePath);
        output.WriteLine($"drained at {clock.Elapsed.TotalSeconds:F1} s: {made} taps, central {central.State.Checkins.Count} check-ins, {AgentStore.Describe(final)}; {fleet.Describe()}");

        Assert.Equal(TotalTaps, made);
        Assert.Equal(3, agent.Starts);
        ExactlyOnce.Assert(central, fleet, final);
    }
}
