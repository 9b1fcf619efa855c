namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// Durations on the air at 106 kbit/s (ISO/IEC 14443-2/-3): one elementary time unit is
    /// 128/fc = 9.44 µs; a standard frame is a start bit, 9 etu per byte (8 data bits + odd
    /// parity) and an end of communication; a card answers an activation command after the
    /// frame delay time of about 1172/fc to 1236/fc (86-91 µs).
    /// </summary>
    public static class AirTime
    {
        /// <summary>One etu in nanoseconds (128 / 13.56 MHz).</summary>
        public const int EtuNanos = 9440;
        public const int FrameDelayMicros = 92;

        /// <summary>Air time in µs of a frame of <paramref name="bits"/> data bits (parity after every full byte).</summary>
        public static int FrameMicros(int bits)
        {
            int etus = 2 + bits + bits / 8;
            return (etus * EtuNanos + 999) / 1000;
        }
    }
}
