using Uitpas.Edge.Core.Display;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The terminal's passholder-facing side on the ESP32: LED and buzzer for every outcome,
    /// and the screen's text on the serial console (what the IT workgroup sees with a cable).
    /// The SSD1306 screen driver joins here with the reference hardware work (issue 7).
    /// </summary>
    public sealed class DeviceUi : ITerminalUi
    {
        private readonly SignalOutputs _signals;

        public DeviceUi(SignalOutputs signals)
        {
            _signals = signals;
        }

        public void Show(Screen screen)
        {
            _signals.Show(screen.Signal);
            System.Console.WriteLine("[screen] " + screen.ToString());
        }
    }
}
