using System;

namespace Uitpas.Edge.Core.Display.Oled
{
    /// <summary>
    /// The SSD1306 panel as the terminal uses it: <see cref="Show"/> lays out, draws and flushes
    /// a screen; <see cref="Step"/> protects the OLED against burn-in (a screen left unchanged
    /// moves by a pixel or two every minute and dims after five) and brings a lost display back.
    /// Without a display the terminal keeps working on LED and buzzer: <see cref="Healthy"/> is
    /// false, Start is retried with backoff, and nothing here throws.
    /// </summary>
    public sealed class DisplayPanel
    {
        public const int ShiftIntervalMs = 60000;
        public const int DimAfterMs = 300000;
        public const byte DimContrast = 0x10;

        /// <summary>How often a healthy panel checks that the display still acknowledges.</summary>
        public const int ProbeIntervalMs = 10000;
        public const int RetryMinMs = 1000;
        public const int RetryMaxMs = 60000;

        /// <summary>The burn-in walk: offsets from the laid-out position, one step per <see cref="ShiftIntervalMs"/>.</summary>
        private static readonly int[] ShiftX = new int[] { 0, 1, 2, 1, 0, -1, -2, -1 };
        private static readonly int[] ShiftY = new int[] { 0, 1, 0, -1, 0, 1, 0, -1 };

        private readonly Ssd1306 _driver;
        private readonly FrameBuffer _frame = new FrameBuffer();
        private readonly ScreenRenderer _renderer = new ScreenRenderer();

        private Screen _screen;
        private ScreenLayout _layout;
        private long _shownMs;
        private int _step;
        private bool _dimmed;
        private bool _attempted;
        private bool _retryScheduled;
        private long _retryAtMs;
        private int _retryWaitMs;
        private int _nextRetryWaitMs = RetryMinMs;
        private bool _probeScheduled;
        private long _probeAtMs;

        public DisplayPanel(ISsd1306Bus bus)
        {
            _driver = new Ssd1306(bus);
        }

        /// <summary>The display answered its last command.</summary>
        public bool Healthy { get; private set; }

        public bool Dimmed { get { return _dimmed; } }

        /// <summary>The screen being shown (also while the display is missing), or null.</summary>
        public Screen Current { get { return _screen; } }

        /// <summary>Its layout: what the glass shows, line by line.</summary>
        public ScreenLayout CurrentLayout { get { return _layout; } }

        /// <summary>The burn-in offset now drawn.</summary>
        public int OffsetX { get { return ShiftX[_step]; } }
        public int OffsetY { get { return ShiftY[_step]; } }

        /// <summary>The picture as last drawn (also while the display is missing).</summary>
        public FrameBuffer Frame { get { return _frame; } }

        /// <summary>Times the display was (re-)initialised successfully.</summary>
        public int Starts { get; private set; }

        /// <summary>
        /// Configures the display, writes the current screen (or a blank one) and switches it on.
        /// False when the display does not answer; a later <see cref="Step"/> tries again.
        /// </summary>
        public bool Start()
        {
            _attempted = true;
            try
            {
                Healthy = false;
                Redraw();
                _frame.MarkAllDirty();
                bool ok = _driver.Configure()
                    && (!_dimmed || _driver.SetContrast(DimContrast))
                    && _driver.Flush(_frame, true)
                    && _driver.SetDisplayOn(true);
                if (ok)
                {
                    Healthy = true;
                    Starts++;
                    _nextRetryWaitMs = RetryMinMs;
                    _probeScheduled = false;
                    return true;
                }
            }
            catch (Exception)
            {
                // A bus adapter that throws is a missing display too.
            }
            ScheduleRetry();
            return false;
        }

        /// <summary>
        /// Shows <paramref name="screen"/>. The same texts again keep the idle clock running, so a
        /// flow that re-shows its ready screen still gets burn-in protection; any other screen
        /// restores full contrast and the unshifted position.
        /// </summary>
        public void Show(Screen screen, long nowMs)
        {
            if (screen == null || (_screen != null && SameTexts(_screen, screen)))
            {
                return;
            }
            try
            {
                _screen = screen;
                _layout = _renderer.Layout(screen);
                _shownMs = nowMs;
                _step = 0;
                Redraw();
                if (!Healthy)
                {
                    return;
                }
                if (_dimmed)
                {
                    if (!_driver.SetContrast(Ssd1306.DefaultContrast))
                    {
                        Fault();
                        return;
                    }
                    _dimmed = false;
                }
                if (!_driver.Flush(_frame, false))
                {
                    Fault();
                }
            }
            catch (Exception)
            {
                Fault();
            }
        }

        /// <summary>Burn-in shift and dimming, the presence probe, the retry of a lost display. Never throws.</summary>
        public void Step(long nowMs)
        {
            try
            {
                if (!Healthy)
                {
                    StepRetry(nowMs);
                    return;
                }
                if (_screen != null && !StepBurnIn(nowMs))
                {
                    Fault();
                    return;
                }
                if (!_probeScheduled)
                {
                    _probeScheduled = true;
                    _probeAtMs = nowMs + ProbeIntervalMs;
                }
                else if (nowMs >= _probeAtMs)
                {
                    _probeAtMs = nowMs + ProbeIntervalMs;
                    if (!_driver.Probe())
                    {
                        Fault();
                    }
                }
            }
            catch (Exception)
            {
                Fault();
            }
        }

        /// <summary>A failed start or a lost display: the wait is counted from the first step after it.</summary>
        private void StepRetry(long nowMs)
        {
            if (!_attempted)
            {
                return;
            }
            if (!_retryScheduled)
            {
                _retryScheduled = true;
                _retryAtMs = nowMs + _retryWaitMs;
            }
            else if (nowMs >= _retryAtMs)
            {
                Start();
            }
        }

        private bool StepBurnIn(long nowMs)
        {
            long idle = nowMs < _shownMs ? 0 : nowMs - _shownMs;
            int step = (int)((idle / ShiftIntervalMs) % ShiftX.Length);
            if (step != _step)
            {
                // Each move also restates the configuration and the whole picture, so a display
                // that reset itself unnoticed (a supply dip) is back within a minute.
                _step = step;
                Redraw();
                _frame.MarkAllDirty();
                if (!_driver.Reassert(_dimmed ? DimContrast : Ssd1306.DefaultContrast) || !_driver.Flush(_frame, false))
                {
                    return false;
                }
            }
            if (idle >= DimAfterMs && !_dimmed)
            {
                if (!_driver.SetContrast(DimContrast))
                {
                    return false;
                }
                _dimmed = true;
            }
            return true;
        }

        private void Redraw()
        {
            if (_layout == null)
            {
                _frame.Clear();
                return;
            }
            ScreenRenderer.Draw(_layout, _frame, ShiftX[_step], ShiftY[_step]);
        }

        private void Fault()
        {
            if (Healthy)
            {
                Healthy = false;
                _nextRetryWaitMs = RetryMinMs;
            }
            ScheduleRetry();
        }

        /// <summary>The next attempt waits the current delay, which doubles up to <see cref="RetryMaxMs"/>.</summary>
        private void ScheduleRetry()
        {
            _retryScheduled = false;
            _retryWaitMs = _nextRetryWaitMs;
            _nextRetryWaitMs = _nextRetryWaitMs >= RetryMaxMs / 2 ? RetryMaxMs : _nextRetryWaitMs * 2;
        }

        private static bool SameTexts(Screen a, Screen b)
        {
            return a.Title == b.Title && a.Detail == b.Detail && a.StaffCue == b.StaffCue;
        }
    }
}
