namespace Uitpas.Edge.Core.Display
{
    /// <summary>What the LED and buzzer do with a screen, so an outcome is seen and heard, not only read.</summary>
    public enum Signal
    {
        /// <summary>Idle: LED dim, silent.</summary>
        None = 0,

        /// <summary>Tap taken, waiting: LED blue, short click.</summary>
        Busy = 1,

        /// <summary>Counted: LED green, one high beep.</summary>
        Success = 2,

        /// <summary>Not counted: LED red, two low beeps.</summary>
        Refusal = 3,

        /// <summary>Kept for later (no answer yet): LED amber, one long beep.</summary>
        Pending = 4,
    }
}
