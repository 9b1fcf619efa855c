using System.Diagnostics;
using MQTTnet;
using Uitpas.Edge.Region.Tests.Infrastructure;
using Uitpas.Edge.Simulator;
using Xunit.Abstractions;

namespace Uitpas.Edge.Region.Tests;

/// <summary>Two agent programs behind one Mosquitto (shared subscription), one PostgreSQL store; one is killed mid-load.</summary>
public sealed class TwoInstanceTests(ITestOutputHelper output)
{
    private const int Terminals = 100;
    private const int TapsPerSecond = 150;
    private const int TotalTaps = 3_000;
    private static readonly TimeSpan Drain = TimeSpan.FromMinutes(3);

    /// <summary>
    /// After the load (and agent-a's restart), the two instances must finish within this. One
    /// instance alone needs ~10 s for this load; two on one PostgreSQL database sometimes stall
    /// for 25–60 s on each other's relay_leases row locks (a known performance gap, see
    /// docs/operations.md): the bound proves they finish, the counts prove nothing is lost or doubled.
    /// </summary>
    private static readonly TimeSpan StoreDrain = TimeSpan.FromMinutes(2);

    [RegionFact(RegionServer.Mosquitto | RegionServer.PostgreSql)]
    public async Task Two_instances_share_the_work_without_doubles()
    {
        await using var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0, PassholderCount = 10_000 });
        await using var broker = await MosquittoBroker.StartAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        var devices = TerminalFleet.DeviceIds(Terminals, "two");
        await using var a = Instance("agent-a", central, broker, database, devices);
        await using var b = Instance("agent-b", central, broker, database, devices);
        var committed = new Dictionary<string, int> { ["agent-a"] = 0, ["agent-b"] = 0 };
        CountCommits(a, committed);
        CountCommits(b, committed);
        var forensics = new TapForensics();
        forensics.Watch(a);
        forensics.Watch(b);
        await a.StartAsync();
        await b.StartAsync();
        await using var fleet = await TerminalFleet.ConnectAsync(devices, () => broker.EndPoint);
        var deck = new CardDeck(central.Seed.GoodCards.Select(c => c.ChipNumber));
        var clock = Stopwatch.StartNew();
        var load = fleet.RunLoadAsync(deck, TapsPerSecond, CancellationToken.None, TotalTaps);

        // Both take a share while both run (1,000 taps take ~7 s on a quiet machine; the bound is
        // generous because the whole solution's suites run beside this one in CI and starve it:
        // two full runs had only 437 and 865 commits after 30 s; it asserts sharing, not speed).
        await Eventually.HoldsAsync(() => Commits(committed, "agent-a") >= 200 && Commits(committed, "agent-b") >= 200 && Commits(committed, "agent-a") + Commits(committed, "agent-b") >= TotalTaps / 3,
            TimeSpan.FromMinutes(2), () => $"commits a {Commits(committed, "agent-a")}, b {Commits(committed, "agent-b")}; {fleet.Describe()}");
        a.KillHard();
        output.WriteLine($"agent-a killed at {clock.Elapsed.TotalSeconds:F1} s: commits a {Commits(committed, "agent-a")}, b {Commits(committed, "agent-b")}; {fleet.Acknowledged} acknowledged by Mosquitto");

        // B goes on alone; A comes back (as its supervisor would restart it) and takes its session's taps.
        var bBefore = Commits(committed, "agent-b");
        await Eventually.HoldsAsync(() => Commits(committed, "agent-b") >= bBefore + 300, TimeSpan.FromMinutes(1), () => $"agent-b alone: {Commits(committed, "agent-b") - bBefore} commits");
        await a.StartAsync();
        output.WriteLine($"agent-a restarted at {clock.Elapsed.TotalSeconds:F1} s");

        var made = await load;
        await fleet.WaitAllAcknowledgedAsync(Drain);
        var loadEnded = clock.Elapsed; // and agent-a back
        await ExactlyOnce.WaitDrainedAsync(() => AgentStore.ReadPostgresAsync(database.ConnectionString), made, StoreDrain);
        output.WriteLine($"load ended and agent-a back at {loadEnded.TotalSeconds:F1} s, store drained {(clock.Elapsed - loadEnded).TotalSeconds:F1} s later");
        await fleet.WaitAllAnsweredAsync(Drain);
        var final = await AgentStore.ReadPostgresAsync(database.ConnectionString);
        output.WriteLine($"drained at {clock.Elapsed.TotalSeconds:F1} s: {made} taps, commits a {Commits(committed, "agent-a")}, b {Commits(committed, "agent-b")}; "
            + $"central {central.State.Checkins.Count} check-ins; {AgentStore.Describe(final)}; {fleet.Describe()}");
        output.WriteLine(forensics.Summary());

        Assert.Equal(TotalTaps, made);
        Assert.True(b.IsRunning && a.IsRunning, a.RecentOutput() + Environment.NewLine + b.RecentOutput());
        // Each tap is logged "committed" once, by the instance that stored it first (lines still
        // queued in a killed process's logger are lost, so the sum may fall short, never over).
        Assert.InRange(Commits(committed, "agent-a") + Commits(committed, "agent-b"), made / 2, made);
        Assert.False(fleet.Refusals().ContainsKey(MqttClientPublishReasonCode.NoMatchingSubscribers), fleet.Describe());
        ExactlyOnce.Assert(central, fleet, final, await forensics.ExplainNotCheckedInAsync(database.ConnectionString, central, final));
    }

    private static AgentProcess Instance(string id, CentralSimulator central, MosquittoBroker broker, PostgresDatabase database, IReadOnlyList<string> devices)
    {
        var settings = RegionAgentSettings.For(central, devices).WithExternalBroker(broker, id);
        settings["Agent:InstanceId"] = id;
        settings["Agent:Store:Provider"] = "PostgreSql";
        settings["Agent:Store:ConnectionString"] = database.ConnectionString;
        // Instances sharing a database share its pseudonym key file (the agent refuses to start with another key).
        settings["Agent:Reports:PseudonymKeyFile"] = Path.Combine(Path.GetTempPath(), "uitpas-region-" + database.Name + ".pseudonym.key");
        settings["Agent:Store:RelayLease"] = "00:00:08";
        settings["Agent:Store:RelayPollInterval"] = "00:00:00.500";
        settings["Agent:Broker:External:SharedSubscriptionGroup"] = "uitpas-agents";
        settings["Logging:LogLevel:Uitpas.Edge.Agent.Ingest"] = "Information";
        // A tap's relay story (checked in, refused, counted from history, leases taken over) for the failure message.
        settings["Logging:LogLevel:Uitpas.Edge.Agent.Relay"] = "Information";
        return new AgentProcess(id, RegionAgentSettings.NewDataDirectory(id), settings);
    }

    /// <summary>Counts the "Tap … committed" log lines (first stores only; duplicates log otherwise) per instance, over all its runs.</summary>
    private static void CountCommits(AgentProcess agent, Dictionary<string, int> committed) =>
        agent.LineWritten += line =>
        {
            if (line.Contains(" committed (card ", StringComparison.Ordinal))
            {
                lock (committed)
                {
                    committed[agent.Name]++;
                }
            }
        };

    private static int Commits(Dictionary<string, int> committed, string id)
    {
        lock (committed)
        {
            return committed[id];
        }
    }
}
