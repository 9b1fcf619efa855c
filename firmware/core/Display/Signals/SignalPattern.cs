namespace Uitpas.Edge.Core.Display.Signals
{
    /// <summary>
    /// What the LED and the buzzer do for a <see cref="Signal"/>: a few timed steps, then the LED
    /// holds a colour while the outcome is on screen. Every outcome differs from the others in
    /// colour AND in sound, so someone who cannot read or cannot see the screen still tells them
    /// apart: counted = green and one high beep, not counted = red and two low beeps, kept for
    /// later = amber and one long middle beep, waiting = blue and a short click.
    /// </summary>
    public sealed class SignalPattern
    {
        public const int HighBeepHz = 2600;
        public const int LowBeepHz = 600;
        public const int LongBeepHz = 1200;
        public const int ClickHz = 3000;

        public static readonly SignalPattern Success = new SignalPattern("success", SignalColour.Green, false,
            new SignalStep[] { new SignalStep(SignalColour.Green, HighBeepHz, 150) });

        public static readonly SignalPattern Refusal = new SignalPattern("refusal", SignalColour.Red, false,
            new SignalStep[]
            {
                new SignalStep(SignalColour.Red, LowBeepHz, 180),
                new SignalStep(SignalColour.Red, 0, 80),
                new SignalStep(SignalColour.Red, LowBeepHz, 180),
            });

        public static readonly SignalPattern Pending = new SignalPattern("pending", SignalColour.Amber, false,
            new SignalStep[] { new SignalStep(SignalColour.Amber, LongBeepHz, 450) });

        public static readonly SignalPattern Busy = new SignalPattern("busy", SignalColour.Blue, false,
            new SignalStep[] { new SignalStep(SignalColour.Blue, ClickHz, 20) });

        public static readonly SignalPattern Idle = new SignalPattern("idle", SignalColour.Off, false,
            new SignalStep[] { new SignalStep(SignalColour.Off, 0, 0) });

        /// <summary>At power-on: each colour in turn and a rising chirp, so the installer sees every LED and hears the buzzer.</summary>
        public static readonly SignalPattern SelfTest = new SignalPattern("self-test", SignalColour.Off, false,
            new SignalStep[]
            {
                new SignalStep(SignalColour.Red, 1500, 60),
                new SignalStep(SignalColour.Red, 3000, 60),
                new SignalStep(SignalColour.Red, 0, 180),
                new SignalStep(SignalColour.Green, 0, 300),
                new SignalStep(SignalColour.Blue, 0, 300),
            });

        /// <summary>No usable device.cfg: the LED blinks blue (silently) until the terminal is provisioned.</summary>
        public static readonly SignalPattern Provisioning = new SignalPattern("provisioning", SignalColour.Off, true,
            new SignalStep[] { new SignalStep(SignalColour.Blue, 0, 500), new SignalStep(SignalColour.Off, 0, 500) });

        private readonly SignalStep[] _steps;

        public SignalPattern(string name, int holdColour, bool repeats, SignalStep[] steps)
        {
            if (steps == null || steps.Length == 0)
            {
                throw new System.ArgumentException("a signal pattern needs at least one step");
            }
            Name = name;
            HoldColour = holdColour;
            _steps = steps;
            int total = 0;
            for (int i = 0; i < steps.Length; i++)
            {
                total += steps[i].DurationMs;
            }
            DurationMs = total;
            Repeats = repeats && total > 0; // a pattern of no time cannot repeat
        }

        public string Name { get; }

        /// <summary>The LED's colour after the steps, while the outcome stays on screen.</summary>
        public int HoldColour { get; }

        /// <summary>True when the steps play again and again (provisioning blink) instead of holding.</summary>
        public bool Repeats { get; }

        /// <summary>The steps' total time.</summary>
        public int DurationMs { get; }

        public int StepCount
        {
            get { return _steps.Length; }
        }

        public SignalStep StepAt(int index)
        {
            return _steps[index];
        }

        /// <summary>How many tones the pattern sounds (steps with a tone, adjacent ones of one tone counted once).</summary>
        public int ToneCount
        {
            get
            {
                int count = 0;
                int previous = 0;
                for (int i = 0; i < _steps.Length; i++)
                {
                    int hz = _steps[i].ToneHz;
                    if (hz > 0 && hz != previous)
                    {
                        count++;
                    }
                    previous = hz;
                }
                return count;
            }
        }

        /// <summary>The pattern of every signal the tap flow uses.</summary>
        public static SignalPattern For(Signal signal)
        {
            switch (signal)
            {
                case Signal.Success: return Success;
                case Signal.Refusal: return Refusal;
                case Signal.Pending: return Pending;
                case Signal.Busy: return Busy;
                default: return Idle;
            }
        }
    }
}
