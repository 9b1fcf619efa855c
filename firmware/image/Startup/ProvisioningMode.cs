using nanoFramework.Runtime.Native;
using Uitpas.Edge.Core.Diagnostics;
using Uitpas.Edge.Core.Display.Signals;
using Uitpas.Edge.Core.Startup;
using Uitpas.Edge.Firmware.Adapters;

namespace Uitpas.Edge.Firmware.Startup
{
    /// <summary>
    /// No usable device.cfg: the screen says "Niet ingesteld / Vraag de IT-dienst", the LED
    /// blinks blue, and the terminal waits for the file; when a usable one appears it reboots to use it.
    /// Never returns.
    /// </summary>
    public static class ProvisioningMode
    {
        public const int CheckEveryMs = 2000;

        public static void Run(DeviceUi ui, TickClock ticks, ILineLog log)
        {
            ui.Show(BootScreens.Dutch.NotSetUp());
            ui.Play(SignalPattern.Provisioning, ticks.NowMs);
            while (true)
            {
                Pause.For(ui, ticks, CheckEveryMs);
                if (ConfigLoad.Run(null) != null)
                {
                    log.Write("[setup] " + BootPaths.ConfigPath + " is usable now: rebooting to use it");
                    Power.RebootDevice(RebootOption.NormalReboot);
                }
            }
        }
    }
}
