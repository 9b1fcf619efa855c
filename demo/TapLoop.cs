using Uitpas.Edge.VirtualTerminal;
using Terminal = Uitpas.Edge.VirtualTerminal.VirtualTerminal;

namespace Uitpas.Edge.Demo;

/// <summary>One terminal's taps: take the next card, tap it, print what the screen said.</summary>
public sealed class TapLoop(Terminal terminal, int index, CardScript cards, LatencyStats stats, DemoOptions options, Func<bool> takeTap)
{
    private static readonly Lock ConsoleGate = new();

    public async Task RunAsync(CancellationToken ct)
    {
        string? lastGood = null;
        for (int tap = 0; !ct.IsCancellationRequested && takeTap(); tap++)
        {
            var (chip, kind) = cards.Next(index, tap, ref lastGood);
            try
            {
                var seen = await terminal.TapAsync(chip, TimeSpan.FromSeconds(10), ct);
                stats.Add(seen.Elapsed);
                Print(chip, kind, seen);
                await Task.Delay(options.Pause, ct);
            }
            catch (TimeoutException)
            {
                Print(chip, kind, null);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Print(string chip, string kind, TapObservation? seen)
    {
        string outcome = seen is null ? "(no outcome within 10 s)" : $"{seen.Screen.Title} · {seen.Screen.Detail}";
        string ms = seen is null ? "" : $"{seen.Elapsed.TotalMilliseconds,6:F1} ms";
        lock (ConsoleGate)
        {
            Console.WriteLine($"[{terminal.DeviceId}] tap {chip} {kind,-7} → {outcome,-62} {ms}");
        }
    }
}
