using Uitpas.Edge.Agent.Hosting;

namespace Uitpas.Edge.Demo;

internal static class Banner
{
    public static void Print(DemoSystem system, DemoOptions options)
    {
        var seed = system.Central.Seed;
        Console.WriteLine("Uitpas.Edge demo");
        Console.WriteLine($"  central simulator : {system.Central.BaseAddress} (seed {seed.SeedNumber}, {seed.Cards.Count} synthetic cards)");
        Console.WriteLine($"  edge agent        : embedded MQTT broker on {system.Broker}");
        if (system.Agent.GetOperationsEndPoint() is { } operations)
        {
            Console.WriteLine($"  operations        : http://{operations}/health · /metrics · /alive");
        }
        Console.WriteLine($"  virtual terminals : {string.Join(", ", system.Terminals.Select(t => t.DeviceId))}");
        Console.WriteLine($"  try your own      : dotnet run --project firmware/host -- --device {DemoSystem.OwnTerminalId} --broker 127.0.0.1:{system.Broker.Port} --data /tmp/vt-{DemoSystem.OwnTerminalId}");
        Console.WriteLine($"                      then type e.g. {seed.GoodCards[^1].ChipNumber} (good), {seed.BlockedCards[0].ChipNumber} (blocked), {seed.UnknownChipNumbers[0]} (unknown)");
        Console.WriteLine(options.Taps == 0 ? "  Ctrl+C stops." : $"  {options.Taps} taps, then a summary.");
        Console.WriteLine();
    }

    public static async Task PrintSummaryEvery(TimeSpan period, LatencyStats stats, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                Console.WriteLine($"-- tap to display so far: {stats.Summary()}");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
