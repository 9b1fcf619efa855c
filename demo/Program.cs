using Uitpas.Edge.Demo;

// The demo: central simulator + edge agent with its embedded MQTT broker + virtual terminals
// tapping seeded cards (good, the same again, blocked, unknown), each tap printed as the
// terminal's screen shows it, with the time from tap to display. Runs until Ctrl+C, or for
// --taps N taps and then prints the latency summary.

var options = DemoOptions.Parse(args, out var error);
if (options is null)
{
    if (!string.IsNullOrEmpty(error)) Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine(DemoOptions.Usage);
    return string.IsNullOrEmpty(error) ? 0 : 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

await using var system = await DemoSystem.StartAsync(options, stop.Token);
Banner.Print(system, options);

var stats = new LatencyStats();
int remaining = options.Taps == 0 ? int.MaxValue : options.Taps;
bool TakeTap() => Interlocked.Decrement(ref remaining) >= 0;
var cards = new CardScript(system.Central.Seed);
var loops = system.Terminals.Select((terminal, i) => new TapLoop(terminal, i, cards, stats, options, TakeTap).RunAsync(stop.Token));
var summaries = Banner.PrintSummaryEvery(TimeSpan.FromSeconds(30), stats, stop.Token);

await Task.WhenAll(loops);
if (system.Terminals.Count == 0)
{
    // Only the agent (for the IT workgroup guide): it serves until Ctrl+C.
    await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
}
stop.Cancel();
await summaries;
Console.WriteLine($"tap to display: {stats.Summary()}");
Console.WriteLine($"check-ins recorded by central: {system.Central.State.Checkins.Count}");
return 0;
