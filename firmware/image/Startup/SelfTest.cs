using Uitpas.Edge.Core.Display.Signals;
using Uitpas.Edge.Core.Startup;
using Uitpas.Edge.Firmware.Adapters;

namespace Uitpas.Edge.Firmware.Startup
{
    /// <summary>
    /// Step 1 of the boot: the display starts and says so, the LED shows red, green and blue in
    /// turn with a rising chirp, so the installer sees and hears that every part works. A
    /// display that does not answer is logged; the terminal carries on with LED and buzzer.
    /// </summary>
    public static class SelfTest
    {
        public static void Run(DeviceUi ui, TickClock ticks)
        {
            long now = ticks.NowMs;
            if (!ui.StartDisplay())
            {
                System.Console.WriteLine("[display] no answer from the SSD1306: outcomes show on the LED and buzzer only");
            }
            ui.Show(BootScreens.Dutch.Starting());
            ui.Play(SignalPattern.SelfTest, now);
            Pause.For(ui, ticks, SignalPattern.SelfTest.DurationMs);
        }
    }
}
