namespace Uitpas.Edge.Core.Display.Signals
{
    /// <summary>
    /// Plays a <see cref="SignalPattern"/> on the LED and the buzzer without threads or sleeps:
    /// <see cref="Play(Signal, long)"/> starts it, <see cref="Step"/> (every turn of the main loop)
    /// moves it on. A new play cuts the running one short. After its steps the LED holds the
    /// outcome's colour until <see cref="HoldMs"/> after the start, then goes back to idle (off).
    /// The outputs are only called when something changes; a step allocates nothing.
    /// </summary>
    public sealed class SignalPlayer
    {
        private const int Unknown = -1;

        private readonly ISignalOutputs _outputs;
        private SignalPattern _pattern;
        private int _index;
        private long _startedMs;
        private long _stepEndsMs;
        private int _led = Unknown;
        private int _tone = Unknown;

        public SignalPlayer(ISignalOutputs outputs)
        {
            _outputs = outputs;
            HoldMs = 4000;
            Apply(SignalColour.Off, 0);
        }

        /// <summary>How long after the start the LED keeps the outcome's colour (the screen's display time).</summary>
        public int HoldMs { get; set; }

        /// <summary>The pattern playing or holding; null when idle.</summary>
        public SignalPattern Current
        {
            get { return _pattern; }
        }

        /// <summary>The LED's colour now (a <see cref="SignalColour"/> value).</summary>
        public int Led
        {
            get { return _led; }
        }

        /// <summary>The buzzer's tone now; 0 = silent.</summary>
        public int Tone
        {
            get { return _tone; }
        }

        public void Play(Signal signal, long nowMs)
        {
            Play(SignalPattern.For(signal), nowMs);
        }

        public void Play(SignalPattern pattern, long nowMs)
        {
            _pattern = pattern;
            _startedMs = nowMs;
            _index = 0;
            SignalStep first = pattern.StepAt(0);
            _stepEndsMs = nowMs + first.DurationMs;
            Apply(first.Colour, first.ToneHz);
            Step(nowMs);
        }

        /// <summary>Moves the pattern on to the step due at <paramref name="nowMs"/>; never blocks.</summary>
        public void Step(long nowMs)
        {
            SignalPattern pattern = _pattern;
            if (pattern == null)
            {
                return;
            }
            int count = pattern.StepCount;
            while (_index < count && nowMs >= _stepEndsMs)
            {
                _index++;
                if (_index == count && pattern.Repeats)
                {
                    _index = 0;
                    if (nowMs - _stepEndsMs >= pattern.DurationMs)
                    {
                        _stepEndsMs = nowMs; // polled very late: restart from now instead of catching up
                    }
                }
                if (_index < count)
                {
                    _stepEndsMs += pattern.StepAt(_index).DurationMs;
                }
            }
            if (_index < count)
            {
                SignalStep step = pattern.StepAt(_index);
                Apply(step.Colour, step.ToneHz);
                return;
            }
            if (pattern.HoldColour != SignalColour.Off && nowMs - _startedMs < HoldMs)
            {
                Apply(pattern.HoldColour, 0);
                return;
            }
            _pattern = null;
            Apply(SignalColour.Off, 0);
        }

        private void Apply(int colour, int toneHz)
        {
            if (colour != _led)
            {
                _led = colour;
                _outputs.SetLed(SignalColour.HasRed(colour), SignalColour.HasGreen(colour), SignalColour.HasBlue(colour));
            }
            if (toneHz != _tone)
            {
                _tone = toneHz;
                _outputs.SetTone(toneHz);
            }
        }
    }
}
