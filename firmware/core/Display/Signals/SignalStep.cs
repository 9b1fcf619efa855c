namespace Uitpas.Edge.Core.Display.Signals
{
    /// <summary>One step of a signal pattern: an LED colour and a tone (0 = silent) for a time.</summary>
    public sealed class SignalStep
    {
        public SignalStep(int colour, int toneHz, int durationMs)
        {
            Colour = colour;
            ToneHz = toneHz;
            DurationMs = durationMs;
        }

        /// <summary>A <see cref="SignalColour"/> value.</summary>
        public int Colour { get; }

        public int ToneHz { get; }

        public int DurationMs { get; }
    }
}
