using System.Diagnostics;
using Uitpas.Edge.Core.Display;

namespace Uitpas.Edge.VirtualTerminal;

/// <summary>What a tap ended in on the terminal's screen, and how long it took from the card's arrival.</summary>
public sealed record TapObservation(string ChipNumber, Screen Screen, TimeSpan Elapsed);

public static class Tapping
{
    /// <summary>Several polls of the reader: the card is seen gone (TapDetector needs three empty polls).</summary>
    public static readonly TimeSpan CardAwayTime = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Holds a card on the virtual terminal until an outcome shows (anything but the ready and
    /// the wait screens), then takes it away and keeps it away long enough for the reader to
    /// notice (a hand takes longer than that). Measures the time from the card's arrival in
    /// the field to the outcome on screen: the passholder's wait.
    /// </summary>
    public static Task<TapObservation> TapAsync(this VirtualTerminal terminal, string chipNumber, TimeSpan timeout, CancellationToken ct = default) =>
        terminal.TapAsync(chipNumber, timeout, CardAwayTime, ct);

    /// <summary>As above, keeping the card away for <paramref name="cardAway"/> (at least three reader polls).</summary>
    public static async Task<TapObservation> TapAsync(this VirtualTerminal terminal, string chipNumber, TimeSpan timeout, TimeSpan cardAway, CancellationToken ct = default)
    {
        var outcome = new TaskCompletionSource<Screen>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnScreen(Screen screen)
        {
            if (screen.Signal is not (Signal.None or Signal.Busy))
            {
                outcome.TrySetResult(screen);
            }
        }

        TapObservation observation;
        terminal.ScreenShown += OnScreen;
        var clock = Stopwatch.StartNew();
        try
        {
            terminal.Place(chipNumber);
            var screen = await outcome.Task.WaitAsync(timeout, ct);
            observation = new TapObservation(chipNumber, screen, clock.Elapsed);
        }
        finally
        {
            terminal.ScreenShown -= OnScreen;
            terminal.Remove();
        }
        await Task.Delay(cardAway, CancellationToken.None);
        return observation;
    }
}
