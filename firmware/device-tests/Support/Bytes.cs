using System.Text;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>Byte and text helpers the cases share (the device has no LINQ, spans or string.Replace).</summary>
    public static class Bytes
    {
        private const string HexDigits = "0123456789abcdef";

        public static byte[] Utf8(string text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        public static string Text(byte[] bytes)
        {
            return Encoding.UTF8.GetString(bytes, 0, bytes.Length);
        }

        /// <summary>Lower-case hex, two digits per byte.</summary>
        public static string Hex(byte[] bytes)
        {
            char[] chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = HexDigits[bytes[i] >> 4];
                chars[2 * i + 1] = HexDigits[bytes[i] & 0x0F];
            }
            return new string(chars);
        }

        /// <summary>Bytes from hex digits (either case, no separators).</summary>
        public static byte[] FromHex(string hex)
        {
            byte[] bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((Digit(hex[2 * i]) << 4) | Digit(hex[2 * i + 1]));
            }
            return bytes;
        }

        /// <summary>0, 1, 2 … count-1, each times <paramref name="step"/> plus <paramref name="first"/>, as bytes.</summary>
        public static byte[] Series(int first, int count, int step)
        {
            byte[] bytes = new byte[count];
            for (int i = 0; i < count; i++)
            {
                bytes[i] = (byte)(first + i * step);
            }
            return bytes;
        }

        public static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] all = new byte[a.Length + b.Length];
            System.Array.Copy(a, 0, all, 0, a.Length);
            System.Array.Copy(b, 0, all, a.Length, b.Length);
            return all;
        }

        public static byte[] Slice(byte[] bytes, int start, int count)
        {
            byte[] part = new byte[count];
            System.Array.Copy(bytes, start, part, 0, count);
            return part;
        }

        public static byte[] Copy(byte[] bytes)
        {
            return Slice(bytes, 0, bytes.Length);
        }

        public static bool Same(byte[] a, byte[] b)
        {
            if (a == null || b == null)
            {
                return a == null && b == null;
            }
            if (a.Length != b.Length)
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

        /// <summary>Whether <paramref name="text"/> occurs in <paramref name="bytes"/> read as UTF-8.</summary>
        public static bool ContainsText(byte[] bytes, string text)
        {
            return Text(bytes).IndexOf(text) >= 0;
        }

        /// <summary><paramref name="text"/> with every <paramref name="oldValue"/> replaced.</summary>
        public static string Replace(string text, string oldValue, string newValue)
        {
            StringBuilder result = new StringBuilder();
            int at = 0;
            for (int found = text.IndexOf(oldValue); found >= 0; found = text.IndexOf(oldValue, at))
            {
                result.Append(text.Substring(at, found - at));
                result.Append(newValue);
                at = found + oldValue.Length;
            }
            result.Append(text.Substring(at));
            return result.ToString();
        }

        public static string Repeat(string text, int times)
        {
            StringBuilder result = new StringBuilder();
            for (int i = 0; i < times; i++)
            {
                result.Append(text);
            }
            return result.ToString();
        }

        private static int Digit(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            throw new System.ArgumentException("not a hex digit: " + c);
        }
    }
}
