namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// The MFRC522's NRSTPD pin (data sheet §8.8.1, hard reset; §8.6.1, hard power-down): held
    /// low the chip is reset and powered down; released, it restarts its oscillator and comes up
    /// with reset values. The driver pulses it (assert in one poll, release in the next) when soft
    /// resets over SPI no longer help, e.g. when the chip's bus interface hangs.
    /// </summary>
    public interface IResetLine
    {
        /// <summary>True drives NRSTPD low (reset asserted); false releases it (high).</summary>
        void SetReset(bool asserted);
    }
}
