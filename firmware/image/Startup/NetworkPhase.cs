using System.Threading;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Network;
using Uitpas.Edge.Core.Startup;
using Uitpas.Edge.Firmware.Adapters;

namespace Uitpas.Edge.Firmware.Startup
{
    /// <summary>
    /// Step 5: waits, at most <see cref="NetworkWait.LimitMs"/>, for the WiFi link to join and the
    /// clock to be set, showing "Verbinden met wifi…" then "Klok wordt gezet…" with the signal
    /// strength. It waits on the link's change event (woken at once by a change), not a fixed
    /// sleep. After the limit the terminal starts anyway: taps are journaled until the network
    /// is there.
    /// </summary>
    public static class NetworkPhase
    {
        private const int RefreshMs = 200;

        /// <summary>True when network and clock are there; false when the wait ran out.</summary>
        public static bool Wait(DeviceUi ui, BootScreens screens, NetworkSupervisor network, ClockGuard clock, TickClock ticks,
            AutoResetEvent changed)
        {
            NetworkWait wait = new NetworkWait(ticks.NowMs);
            int shownStage = -1;
            int shownRssi = 0;
            while (true)
            {
                long now = ticks.NowMs;
                int stage = wait.Stage(now, network.State, clock.IsSet(ticks.RawUnixMs));
                int rssi = network.LastRssi;
                if (stage != shownStage || rssi != shownRssi)
                {
                    Screen screen = NetworkWait.ScreenFor(stage, screens, rssi);
                    if (screen != null)
                    {
                        ui.Show(screen);
                    }
                    shownStage = stage;
                    shownRssi = rssi;
                }
                if (NetworkWait.IsOver(stage))
                {
                    System.Console.WriteLine(stage == NetworkWait.Ready
                        ? "[setup] network and clock ready after " + (now - wait.StartedMs) / 1000 + " s"
                        : "[setup] no network after " + NetworkWait.LimitMs / 1000 + " s: starting anyway, taps are journaled");
                    return stage == NetworkWait.Ready;
                }
                ui.Step(now);
                changed.WaitOne(RefreshMs, false);
            }
        }
    }
}
