using System.Globalization;
using Microsoft.Extensions.Logging;
using Uitpas.Edge.Bench.Ingest;
using Uitpas.Edge.Bench.Ingest.Targets;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

// Ingest bench (docs/performance.md):
//   dotnet run -c Release --project bench/ingest -- --terminals 1000 --seconds 30 [--stock-embedded]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 0 && args[0] == "serve-stock")
{
    return await StockServer.RunAsync(args[1..]);
}
var options = BenchOptions.Parse(args);
var repo = FindRepoRoot();
var agentDll = Path.Combine(repo, "edge-agent", "agent", "bin", "Release", "net10.0", "Uitpas.Edge.Agent.dll");
if (!File.Exists(agentDll))
{
    Console.Error.WriteLine($"{agentDll} is missing: run the bench with -c Release (it builds the agent).");
    return 2;
}
if (!File.Exists(options.MosquittoPath))
{
    Console.Error.WriteLine($"{options.MosquittoPath} is missing (apt-get install mosquitto, or --mosquitto PATH).");
    return 2;
}

await using var central = await CentralSimulator.StartAsync(new SimulatorOptions
{
    Port = 0,
    PassholderCount = 10_000,
    ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
});
var chips = central.Seed.GoodCards.Select(c => ChipUid.TryParseHex(c.ChipNumber)).Where(c => c is not null).Select(c => c!).ToArray();
var runner = new Runner(options, central, agentDll, chips);
Console.WriteLine($"{options.Terminals} terminals, {options.Seconds} s per load, {Environment.ProcessorCount} cores, scenarios {string.Join(",", options.Scenarios)}");
foreach (var scenario in options.Scenarios)
{
    switch (scenario)
    {
        case "raw": await runner.MosquittoRawAsync(); break;
        case "embedded": await runner.EmbeddedAsync(); break;
        case "external": await runner.ExternalAsync(); break;
        case "stock": await runner.StockAsync(); break;
        case "stock-consume": await runner.StockAsync(consume: true); break;
        case "embedded-alt": await runner.WithAlternativeAgentAsync(runner.EmbeddedAsync); break;
        case "external-alt": await runner.WithAlternativeAgentAsync(runner.ExternalAsync); break;
        default: throw new ArgumentException($"unknown scenario {scenario}");
    }
}
var markdown = Report.Markdown(options, runner.Rows, runner.Memory);
Console.WriteLine();
Console.WriteLine(markdown);
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, markdown);
}
return 0;

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Uitpas.Edge.sln")))
        {
            return dir.FullName;
        }
    }
    throw new InvalidOperationException("Uitpas.Edge.sln not found above " + AppContext.BaseDirectory);
}
