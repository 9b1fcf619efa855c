using System.Threading;
using Uitpas.Edge.Firmware.Adapters;

namespace Uitpas.Edge.Firmware.Startup
{
    /// <summary>Boot-time waiting that keeps the screen and the LED/buzzer patterns moving (the main loop's cadence).</summary>
    public static class Pause
    {
        public static void For(DeviceUi ui, TickClock ticks, int ms)
        {
            long end = ticks.NowMs + ms;
            long now = ticks.NowMs;
            while (now < end)
            {
                ui.Step(now);
                Thread.Sleep(Program.PollIntervalMs);
                now = ticks.NowMs;
            }
            ui.Step(now);
        }
    }
}
