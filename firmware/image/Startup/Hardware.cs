using System.Device.Gpio;
using nanoFramework.Runtime.Native;
using Uitpas.Edge.Core.Display.Oled;
using Uitpas.Edge.Core.Display.Signals;
using Uitpas.Edge.Firmware.Adapters;

namespace Uitpas.Edge.Firmware.Startup
{
    /// <summary>The reference board's outputs (ReferenceBoard pin map) and the reboot.</summary>
    public static class Hardware
    {
        /// <summary>The SSD1306 on I²C1 and the LED and buzzer, as one terminal face; the panel is started by the self-test.</summary>
        public static DeviceUi OpenUi(GpioController gpio, TickClock ticks)
        {
            DisplayPanel panel = new DisplayPanel(new I2cSsd1306Bus());
            SignalPlayer signals = new SignalPlayer(new PwmSignalOutputs(gpio));
            return new DeviceUi(panel, signals, ticks);
        }

        public static void Reboot()
        {
            Power.RebootDevice(RebootOption.NormalReboot);
        }
    }
}
