namespace Uitpas.Edge.Protocol
{
    /// <summary>
    /// A card's UID as read by ISO/IEC 14443-3 anticollision: 4 (single), 7 (double) or
    /// 10 (triple size) bytes. UiTPAS cards (MIFARE DESFire/Ultralight) carry 7-byte UIDs
    /// starting with the NXP manufacturer byte 0x04; central calls the uppercase hex form the
    /// "chip number" (14 characters).
    /// </summary>
    public static class ChipUid
    {
        private const string HexDigits = "0123456789ABCDEF";

        public static bool IsValidLength(int length)
        {
            return length == 4 || length == 7 || length == 10;
        }

        public static string ToHex(byte[] uid)
        {
            return ToHex(uid, 0, uid.Length);
        }

        public static string ToHex(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                byte b = buffer[offset + i];
                chars[2 * i] = HexDigits[b >> 4];
                chars[2 * i + 1] = HexDigits[b & 0x0F];
            }
            return new string(chars);
        }

        /// <summary>Parses a chip number (hex, either case); null when it is not a valid UID.</summary>
        public static byte[] TryParseHex(string text)
        {
            if (text == null || (text.Length & 1) != 0 || !IsValidLength(text.Length / 2))
            {
                return null;
            }
            byte[] uid = new byte[text.Length / 2];
            for (int i = 0; i < uid.Length; i++)
            {
                int hi = HexValue(text[2 * i]);
                int lo = HexValue(text[2 * i + 1]);
                if (hi < 0 || lo < 0)
                {
                    return null;
                }
                uid[i] = (byte)((hi << 4) | lo);
            }
            return uid;
        }

        public static bool AreEqual(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }
            return true;
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            return -1;
        }
    }
}
