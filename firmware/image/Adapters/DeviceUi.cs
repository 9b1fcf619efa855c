using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Display.Oled;
using Uitpas.Edge.Core.Display.Signals;
using Uitpas.Edge.Core.Flow;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The terminal's face on the ESP32: every screen on the SSD1306 panel, its signal on the
    /// LED and buzzer (<see cref="SignalPlayer"/>), and its text on the serial console (what the
    /// IT workgroup sees with a cable). <see cref="Step"/> from the main loop moves the signal
    /// patterns on and lets the panel protect itself against burn-in. Never blocks.
    /// </summary>
    public sealed class DeviceUi : ITerminalUi
    {
        private const int DefaultHoldMs = 4000;

        private readonly DisplayPanel _panel;
        private readonly SignalPlayer _signals;
        private readonly TickClock _ticks;

        public DeviceUi(DisplayPanel panel, SignalPlayer signals, TickClock ticks)
        {
            _panel = panel;
            _signals = signals;
            _ticks = ticks;
        }

        /// <summary>The terminal's settings once the core runs: how long an outcome's LED colour is held.</summary>
        public TerminalSettings Settings { get; set; }

        public bool DisplayHealthy
        {
            get { return _panel.Healthy; }
        }

        /// <summary>Initialises the panel; false when it does not answer (the LED and buzzer still work).</summary>
        public bool StartDisplay()
        {
            return _panel.Start();
        }

        public void Show(Screen screen)
        {
            long now = _ticks.NowMs;
            _panel.Show(screen, now);
            _signals.HoldMs = HoldFor(screen.Signal);
            _signals.Play(screen.Signal, now);
            System.Console.WriteLine("[screen] " + screen.ToString());
        }

        /// <summary>A pattern of its own (the self-test, the provisioning blink), without changing the screen.</summary>
        public void Play(SignalPattern pattern, long nowMs)
        {
            _signals.Play(pattern, nowMs);
        }

        public void Step(long nowMs)
        {
            _panel.Step(nowMs);
            _signals.Step(nowMs);
        }

        /// <summary>Waiting for an answer: until the answer's timeout and its display time; an outcome: its display time.</summary>
        private int HoldFor(Signal signal)
        {
            TerminalSettings settings = Settings;
            if (settings == null)
            {
                return DefaultHoldMs;
            }
            return signal == Signal.Busy ? settings.ResultTimeoutMs + settings.ResultShownMs : settings.ResultShownMs;
        }
    }
}
