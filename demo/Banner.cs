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
        if (system.Agent.GetAdminEndPoint() is { } admin)
        {
            string agentData = Path.Combine(system.DataDirectory, "agent");
            Console.WriteLine($"  dashboard         : http://{admin}/ (user admin, password in {Path.Combine(agentData, "dashboard.password")})");
            Console.WriteLine($"  the CLI           : export UITPAS_EDGE_AGENT=http://{admin} UITPAS_EDGE_TOKEN_FILE={Path.Combine(agentData, "admin.token")}");
            Console.WriteLine($"  kiosk token       : {seed.DefaultKiosk.Token} (for uitpas-edge device create --kiosk-token)");
        }
        Console.WriteLine($"  virtual terminals : {(system.Terminals.Count == 0 ? "none (--terminals 0)" : string.Join(", ", system.Terminals.Select(t => t.DeviceId)))}");
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
