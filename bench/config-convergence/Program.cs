using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Uitpas.Edge.Bench.ConfigConvergence;
using Uitpas.Edge.Protocol.Config;
using Uitpas.Edge.Region.Tests.Infrastructure;
using Uitpas.Edge.Simulator;

// Config convergence bench (docs/performance.md, "Config convergence"):
//   dotnet run -c Release --project bench/config-convergence -- [--terminals 1000] [--runs 5] [--out FILE]
// One agent program (child process, embedded broker, SQLite, admin API), N devices created and
// sited in one region through the admin API, N terminals running the firmware core's config
// applier over their own MQTT connections. Each run is ONE PUT /api/v1/config/region/{id} with
// other values; timed from sending the PUT to each terminal's applied report (PUBACK at the
// terminal) and to the agent's API listing every device as applied.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine("error: " + exception.Message);
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/config-convergence -- [--terminals N] [--runs N] [--timeout-seconds N] [--out FILE]");
    return 2;
}
if (!AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
{
    Console.Error.WriteLine("note: not a Release build; run with -c Release for the figures in docs/performance.md");
}

await using var central = await CentralSimulator.StartAsync(new SimulatorOptions
{
    Port = 0,
    ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
});
const string region = "bench-region";
var setup = Stopwatch.StartNew();
await using var fleet = await ConfigRegion.StartAsync(central, options.Terminals, region, line => Console.WriteLine("  " + line), TimeSpan.FromMinutes(5));
Console.WriteLine($"{options.Terminals} terminals ready in {setup.Elapsed.TotalSeconds:F1} s; {options.Runs} pushes to region {region}");

var rows = new List<RunRow>();
string[] languages = ["fr", "en", "nl"];
for (var run = 1; run <= options.Runs; run++)
{
    var settings = new Dictionary<string, string?>
    {
        [ConfigSettings.Language] = languages[(run - 1) % languages.Length],
        [ConfigSettings.ResultShownMs] = (2000 + (run * 100)).ToString(CultureInfo.InvariantCulture),
        [ConfigSettings.StatusIntervalMs] = (30000 + (run * 1000)).ToString(CultureInfo.InvariantCulture),
    };
    var start = Stopwatch.GetTimestamp();
    var pushed = await fleet.PushAsync(settings, options.Timeout);
    // The agent's own view: GET /api/v1/devices?region= polled every 50 ms until all are applied.
    await Eventually.HoldsAsync(
        async () => (await fleet.Api.ListDevicesAsync(region, CancellationToken.None))
            .Count(r => r.Config == "applied" && pushed.Desired.TryGetValue(r.Id, out var v) && r.DesiredConfigVersion == v) == pushed.Desired.Count,
        options.Timeout, () => Task.FromResult("the agent does not list every device as applied"), TimeSpan.FromMilliseconds(50));
    var agentSaysApplied = Stopwatch.GetElapsedTime(start);
    var row = new RunRow(run, pushed.Desired.Count, pushed.PutTime, pushed.Percentile(50), pushed.Percentile(95), pushed.LastApplied, agentSaysApplied);
    rows.Add(row);
    Console.WriteLine($"run {run}: {row.Devices} devices, PUT {Ms(row.Put)}, p50 {Ms(row.P50)}, p95 {Ms(row.P95)}, last applied {Ms(row.LastApplied)}, agent lists all applied {Ms(row.AgentListsApplied)}");
}

var markdown = Report.Markdown(options, rows);
Console.WriteLine();
Console.WriteLine(markdown);
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, markdown);
}
return 0;

static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:F0} ms";
