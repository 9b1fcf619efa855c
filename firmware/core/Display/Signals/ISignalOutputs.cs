namespace Uitpas.Edge.Core.Display.Signals
{
    /// <summary>
    /// The terminal's RGB LED and buzzer as the signal player drives them (GPIO pins and a PWM
    /// channel on the ESP32). Both calls must return at once: the player times the pattern.
    /// </summary>
    public interface ISignalOutputs
    {
        /// <summary>Each colour of the LED on or off (red and green together show amber).</summary>
        void SetLed(bool red, bool green, bool blue);

        /// <summary>The buzzer's tone in Hz; 0 = silent.</summary>
        void SetTone(int hz);
    }
}
