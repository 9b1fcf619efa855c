namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// ISO/IEC 14443-3 type A facts the reader needs: the commands of the activation (REQA and
    /// WUPA as 7-bit short frames; ANTICOLLISION/SELECT with SEL and NVB; HLTA), the cascade
    /// tag, the block check character and CRC_A (Annex B: polynomial x^16+x^12+x^5+1, preset
    /// 6363h, LSB first, transmitted low byte first).
    /// </summary>
    public static class Iso14443a
    {
        public const byte Reqa = 0x26;          // short frame, 7 bits
        public const byte Wupa = 0x52;          // short frame, 7 bits; also wakes HALTed cards
        public const int ShortFrameBits = 7;
        public const byte SelCascadeLevel1 = 0x93;
        public const byte SelCascadeLevel2 = 0x95;
        public const byte SelCascadeLevel3 = 0x97;
        public const byte NvbSelect = 0x70;     // 7 bytes valid: SEL, NVB, 4 UID bytes, BCC (+ CRC_A)
        public const byte CascadeTag = 0x88;    // CT: the UID continues at the next cascade level
        public const byte HltaFirst = 0x50;     // HLTA = 50h 00h + CRC_A
        public const byte SakCascadeBit = 0x04; // SAK: UID not complete
        public const byte SakIso14443Part4 = 0x20;
        public const int CrcAPreset = 0x6363;

        public static byte SelectCode(int cascadeLevel)
        {
            if (cascadeLevel == 1) return SelCascadeLevel1;
            if (cascadeLevel == 2) return SelCascadeLevel2;
            return SelCascadeLevel3;
        }

        /// <summary>NVB for a frame that carries <paramref name="knownBits"/> bits of the UID CLn field.</summary>
        public static byte Nvb(int knownBits)
        {
            return (byte)(((2 + knownBits / 8) << 4) | (knownBits % 8));
        }

        /// <summary>BCC: exclusive-or of the four UID bytes of one cascade level.</summary>
        public static byte Bcc(byte[] data, int offset)
        {
            return (byte)(data[offset] ^ data[offset + 1] ^ data[offset + 2] ^ data[offset + 3]);
        }

        /// <summary>CRC_A over <paramref name="count"/> bytes; the low byte is sent first.</summary>
        public static int CrcA(byte[] data, int offset, int count)
        {
            int crc = CrcAPreset;
            for (int i = 0; i < count; i++)
            {
                int b = (data[offset + i] ^ crc) & 0xFF;
                b = (b ^ (b << 4)) & 0xFF;
                crc = ((crc >> 8) ^ (b << 8) ^ (b << 3) ^ (b >> 4)) & 0xFFFF;
            }
            return crc;
        }

        /// <summary>Writes CRC_A of the first <paramref name="count"/> bytes right after them.</summary>
        public static void AppendCrcA(byte[] frame, int count)
        {
            int crc = CrcA(frame, 0, count);
            frame[count] = (byte)(crc & 0xFF);
            frame[count + 1] = (byte)(crc >> 8);
        }

        /// <summary>True when the last two of <paramref name="countWithCrc"/> bytes are the CRC_A of the others.</summary>
        public static bool HasValidCrcA(byte[] frame, int offset, int countWithCrc)
        {
            if (countWithCrc < 3)
            {
                return false;
            }
            int crc = CrcA(frame, offset, countWithCrc - 2);
            return frame[offset + countWithCrc - 2] == (byte)(crc & 0xFF) && frame[offset + countWithCrc - 1] == (byte)(crc >> 8);
        }
    }
}
