using Uitpas.Edge.Protocol.Config;
using Uitpas.Edge.Region.Tests.Infrastructure;
using Uitpas.Edge.Simulator;
using Xunit.Abstractions;

namespace Uitpas.Edge.Region.Tests;

/// <summary>
/// Issue 6 acceptance: a config pushed to a region of 1,000 terminals is reported applied by all
/// of them. The real agent program (embedded broker, SQLite, admin API) and 1,000 terminals, each
/// running the firmware core's applier over its own MQTT connection with its own credentials and
/// config key, all created and sited through the admin API. Needs no external server. The time
/// it takes is measured by bench/config-convergence (docs/performance.md), never asserted here.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class ConfigConvergenceTests(ITestOutputHelper output)
{
    private const int Terminals = 1_000;
    private const string Region = "conv-region";
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);

    [RegionFact(RegionServer.None)]
    public async Task A_config_pushed_to_a_region_of_1000_terminals_is_applied_by_all_of_them()
    {
        await using var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0 });
        await using var region = await ConfigRegion.StartAsync(central, Terminals, Region, output.WriteLine);
        Assert.All(region.Terminals, t => Assert.Equal((0u, "nl", 4000, 30000), t.Read((c, s, p) => (c.AppliedVersion, s.Language, s.ResultShownMs, p.RoutineIntervalMs))));

        var first = await region.PushAsync(new Dictionary<string, string?>
        {
            [ConfigSettings.Language] = "fr",
            [ConfigSettings.ResultShownMs] = "2500",
            [ConfigSettings.RetapWindowMs] = "1500",
            [ConfigSettings.StatusIntervalMs] = "60000",
        }, Converge);
        Report("first push", first);

        Assert.Equal(Terminals, first.Desired.Count);
        Assert.All(region.Terminals, terminal =>
        {
            var version = first.Desired[terminal.DeviceId];
            var (applied, language, shown, retap, timeout, status, reported, report) = terminal.Read((c, s, p) =>
                (c.AppliedVersion, s.Language, s.ResultShownMs, s.RetapWindowMs, s.ResultTimeoutMs, p.RoutineIntervalMs, p.ConfigVersion, c.LastReport));
            Assert.Equal(version, applied);
            Assert.Equal(("fr", 2500, 1500, 3000, 60000, version), (language, shown, retap, timeout, status, reported));
            Assert.Equal((ConfigReport.AppliedResult, version), (report.Result, report.Applied));
        });
        await AgentSaysAppliedAsync(region, first.Desired);

        // The document is the complete desired state: a setting removed from the layer returns to
        // the provisioned value on every terminal, with the next version.
        var second = await region.PushAsync(new Dictionary<string, string?>
        {
            [ConfigSettings.Language] = null,
            [ConfigSettings.ResultTimeoutMs] = "5000",
        }, Converge);
        Report("second push", second);

        Assert.Equal(Terminals, second.Desired.Count);
        Assert.All(region.Terminals, terminal =>
        {
            var version = second.Desired[terminal.DeviceId];
            Assert.Equal(first.Desired[terminal.DeviceId] + 1, version);
            Assert.Equal((version, "nl", 2500, 1500, 5000, 60000), terminal.Read((c, s, p) =>
                (c.AppliedVersion, s.Language, s.ResultShownMs, s.RetapWindowMs, s.ResultTimeoutMs, p.RoutineIntervalMs)));
        });
        await AgentSaysAppliedAsync(region, second.Desired);
    }

    /// <summary>The agent's own view (GET /api/v1/devices?region=): every device applied at its desired version.</summary>
    private static async Task AgentSaysAppliedAsync(ConfigRegion region, IReadOnlyDictionary<string, uint> desired)
    {
        IReadOnlyList<DeviceConfigRow> rows = [];
        await Eventually.HoldsAsync(
            async () =>
            {
                rows = await region.Api.ListDevicesAsync(region.Region, CancellationToken.None);
                return rows.Count == desired.Count && rows.All(r => r.Config == "applied" && r.DesiredConfigVersion == desired[r.Id]);
            },
            Converge,
            () => Task.FromResult($"{rows.Count} devices listed in {region.Region}, "
                + string.Join(", ", rows.GroupBy(r => r.Config).Select(g => $"{g.Key}: {g.Count()}"))));
        Assert.All(rows, r => Assert.Equal(region.Region, r.Region));
    }

    private void Report(string what, ConvergenceRun run) =>
        output.WriteLine($"{what}: PUT answered in {run.PutTime.TotalMilliseconds:F0} ms; applied reports p50 {run.Percentile(50).TotalMilliseconds:F0} ms, "
            + $"p95 {run.Percentile(95).TotalMilliseconds:F0} ms, last {run.LastApplied.TotalMilliseconds:F0} ms after the PUT");
}
