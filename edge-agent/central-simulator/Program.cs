using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Uitpas.Edge.Simulator;

// Standalone: dotnet run --project edge-agent/central-simulator -- --port 5080 [--seed N]
//   [--client-id ID] [--client-secret SECRET] [--token-lifetime SECONDS]
// Serves on 127.0.0.1 only, prints what a client needs, runs until Ctrl+C.

var options = new SimulatorOptions
{
    Port = 5080,
    // ASP.NET Core's request logs would print query strings (chip numbers): warnings only.
    ConfigureLogging = logging => logging
        .AddSimpleConsole(console => console.SingleLine = true)
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft.AspNetCore", LogLevel.Warning),
};
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port):
            options.Port = port;
            i++;
            break;
        case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed):
            options.SeedNumber = seed;
            i++;
            break;
        case "--client-id" when value is not null:
            options.ClientId = value;
            i++;
            break;
        case "--client-secret" when value is not null:
            options.ClientSecret = value;
            i++;
            break;
        case "--token-lifetime" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds):
            options.TokenLifetime = TimeSpan.FromSeconds(seconds);
            i++;
            break;
        default:
            Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'. Options: --port N, --seed N, --client-id ID, --client-secret SECRET, --token-lifetime SECONDS");
            return 2;
    }
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.TrySetResult();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

await using var sim = await CentralSimulator.StartAsync(options);
Console.WriteLine($"""
    UiTPAS central simulator (synthetic data, seed {sim.Seed.SeedNumber})
      base address    {sim.BaseAddress}
      token endpoint  {sim.TokenEndpoint}
      client id       {sim.ClientId}
      client secret   {sim.ClientSecret}
    Kiosks (x-custom-token → current event):
    """);
foreach (var kiosk in sim.Seed.Kiosks)
{
    var ev = kiosk.CurrentEventId is { } id ? sim.Seed.Event(id) : null;
    Console.WriteLine($"  {kiosk.Name}  {kiosk.Token}  → {ev?.Title ?? "(none)"}");
}
Console.WriteLine($"Good cards:    {string.Join(", ", sim.Seed.GoodCards.Take(5).Select(c => c.ChipNumber))}");
Console.WriteLine($"Blocked cards: {string.Join(", ", sim.Seed.BlockedCards.Take(3).Select(c => c.ChipNumber))}");
Console.WriteLine($"Unknown chips: {string.Join(", ", sim.Seed.UnknownChipNumbers.Take(3))}");
Console.WriteLine("Ctrl+C stops.");
await stop.Task;
return 0;
