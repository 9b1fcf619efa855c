namespace Uitpas.Edge.Core.Network
{
    /// <summary>
    /// The 48-byte SNTP v4 client request and the checks on the server's reply (RFC 4330 §4-5):
    /// mode 4 (server), leap indicator not 3 (clock not synchronised), stratum 1-15, a non-zero
    /// transmit timestamp. NTP seconds count from 1900; values with the top bit clear are read
    /// as era 1 (from 2036-02-07), so the terminal keeps working past 2036. Never throws.
    /// </summary>
    public static class SntpPacket
    {
        public const int Length = 48;
        public const int Port = 123;

        /// <summary>Seconds from 1900-01-01 to 1970-01-01.</summary>
        public const long UnixEpochInNtpSeconds = 2208988800L;

        private const int TransmitOffset = 40;

        /// <summary>A client request: LI 0, version 4, mode 3, everything else zero.</summary>
        public static byte[] Request()
        {
            byte[] packet = new byte[Length];
            packet[0] = (0 << 6) | (4 << 3) | 3;
            return packet;
        }

        /// <summary>
        /// The server's transmit time as Unix ms, or 0 with <paramref name="error"/> saying why the
        /// reply is not usable. <paramref name="roundTripMs"/> (measured by the caller) adds half
        /// the round trip, the time the answer spent on its way back.
        /// </summary>
        public static long ParseReply(byte[] reply, int count, long roundTripMs, out string error)
        {
            error = null;
            if (reply == null || count < Length || reply.Length < count)
            {
                error = "reply shorter than " + Length + " bytes";
                return 0;
            }
            int leap = reply[0] >> 6;
            int version = (reply[0] >> 3) & 7;
            int mode = reply[0] & 7;
            int stratum = reply[1];
            if (mode != 4)
            {
                error = "not a server reply (mode " + mode + ")";
                return 0;
            }
            if (version < 3 || version > 4)
            {
                error = "unsupported version " + version;
                return 0;
            }
            if (leap == 3 || stratum == 0 || stratum > 15)
            {
                error = "server not synchronised (leap " + leap + ", stratum " + stratum + ")";
                return 0;
            }
            long seconds = ReadUInt32(reply, TransmitOffset);
            long fraction = ReadUInt32(reply, TransmitOffset + 4);
            if (seconds == 0 && fraction == 0)
            {
                error = "no transmit time";
                return 0;
            }
            if ((seconds & 0x80000000L) == 0)
            {
                seconds += 0x100000000L; // era 1: after 2036-02-07 06:28:16 UTC
            }
            long unixMs = (seconds - UnixEpochInNtpSeconds) * 1000 + ((fraction * 1000 + 0x80000000L) >> 32); // rounded to the ms
            return unixMs + (roundTripMs > 0 ? roundTripMs / 2 : 0);
        }

        /// <summary>Writes <paramref name="unixMs"/> as an NTP transmit timestamp (for servers in tests).</summary>
        public static void WriteTransmit(byte[] packet, long unixMs)
        {
            long ms = unixMs + UnixEpochInNtpSeconds * 1000;
            long seconds = (ms / 1000) & 0xFFFFFFFFL;
            long fraction = ((ms % 1000) << 32) / 1000;
            WriteUInt32(packet, TransmitOffset, seconds);
            WriteUInt32(packet, TransmitOffset + 4, fraction);
        }

        private static long ReadUInt32(byte[] b, int offset)
        {
            return ((long)b[offset] << 24) | ((long)b[offset + 1] << 16) | ((long)b[offset + 2] << 8) | b[offset + 3];
        }

        private static void WriteUInt32(byte[] b, int offset, long value)
        {
            b[offset] = (byte)(value >> 24);
            b[offset + 1] = (byte)(value >> 16);
            b[offset + 2] = (byte)(value >> 8);
            b[offset + 3] = (byte)value;
        }
    }
}
