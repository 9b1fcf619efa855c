using System.Diagnostics;
using System.Net;
using Uitpas.Edge.Region.Tests.Infrastructure;
using Uitpas.Edge.Simulator;
using Xunit.Abstractions;

namespace Uitpas.Edge.Region.Tests;

/// <summary>Central away for minutes (503s, hangs until timeout, answers lost after commit) while taps keep coming.</summary>
public sealed class CentralOutageTests(ITestOutputHelper output)
{
    private const int Terminals = 20;
    private const int TapsPerSecond = 6;
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan FaultPhase = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Drain = TimeSpan.FromMinutes(3);

    [RegionFact(RegionServer.None)]
    public async Task Central_outage_of_minutes_drains_afterwards()
    {
        await using var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0, PassholderCount = 2_000 });
        var devices = TerminalFleet.DeviceIds(Terminals, "out");
        await using var agent = new AgentProcess("agent", RegionAgentSettings.NewDataDirectory("outage"), RegionAgentSettings.For(central, devices));
        await agent.StartAsync();
        await using var fleet = await TerminalFleet.ConnectAsync(devices, () => new IPEndPoint(IPAddress.Loopback, agent.BrokerPort));
        var deck = new CardDeck(central.Seed.GoodCards.Select(c => c.ChipNumber));
        using var stopLoad = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var load = fleet.RunLoadAsync(deck, TapsPerSecond, stopLoad.Token);
        await Eventually.HoldsAsync(() => central.State.Checkins.Count >= 30, TimeSpan.FromMinutes(1), fleet.Describe);

        // Minutes of outage in 20 s phases, on every endpoint: answers lost after central
        // committed (the dangerous case: the check-in counts, the agent does not know), 503s (some
        // with Retry-After), calls hanging until the agent's 2 s timeout.
        var outage = Stopwatch.StartNew();
        var atStart = central.State.Checkins.Count;
        var phases = 0;
        while (outage.Elapsed < Outage)
        {
            central.Faults.Clear();
            switch (phases % 3)
            {
                case 0:
                    central.Faults.DropResponseAfterCommit();
                    central.Faults.ServiceUnavailable(SimEndpoint.All);
                    break;
                case 1:
                    central.Faults.ServiceUnavailable(SimEndpoint.All, retryAfter: phases % 2 == 0 ? TimeSpan.FromSeconds(1) : null);
                    break;
                default:
                    central.Faults.Hang(SimEndpoint.All);
                    break;
            }
            phases++;
            var phaseEnds = outage.Elapsed + FaultPhase;
            await Eventually.HoldsAsync(() => outage.Elapsed >= phaseEnds || outage.Elapsed >= Outage, FaultPhase + TimeSpan.FromSeconds(5), () => "phase", TimeSpan.FromMilliseconds(250));
        }
        var duringOutage = central.State.Checkins.Count - atStart;
        await fleet.WaitAllAcknowledgedAsync(TimeSpan.FromSeconds(30));
        var held = await AgentStore.ReadSqliteAsync(agent.DatabasePath);
        output.WriteLine($"outage of {outage.Elapsed.TotalSeconds:F0} s ({phases} fault phases): {fleet.Issued} taps made, all acknowledged; "
            + $"{AgentStore.Describe(held)}; central committed {duringOutage} whose answers were lost");
        Assert.True(duringOutage >= 1, "no answer was lost after a commit: the dangerous case did not happen");
        Assert.True(held.Count(r => r.RelayState != AgentStore.Done) >= 500, "the outage should leave hundreds of taps to drain: " + AgentStore.Describe(held));

        central.Faults.Clear();
        var recovered = Stopwatch.StartNew();
        await stopLoad.CancelAsync();
        var made = await load;
        await ExactlyOnce.WaitDrainedAsync(() => AgentStore.ReadSqliteAsync(agent.DatabasePath), made, Drain);
        var drained = recovered.Elapsed;
        await fleet.WaitAllAnsweredAsync(Drain);
        var final = await AgentStore.ReadSqliteAsync(agent.DatabasePath);
        output.WriteLine($"drained {made} taps {drained.TotalSeconds:F1} s after central recovered (total {clock.Elapsed.TotalSeconds:F0} s); "
            + $"central {central.State.Checkins.Count} check-ins; {fleet.Describe()}");

        Assert.True(agent.IsRunning, agent.RecentOutput());
        ExactlyOnce.Assert(central, fleet, final);
    }
}
