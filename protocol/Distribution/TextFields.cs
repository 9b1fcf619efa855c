using System.Collections;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Protocol.Distribution
{
    /// <summary>
    /// The text payloads of snapshot distribution: UTF-8 <c>key=value</c> lines ending in
    /// <c>\n</c> (a <c>\r</c> before it is tolerated), order free, empty lines skipped. Parsing
    /// never throws: bad bytes give false and a reason.
    /// </summary>
    public sealed class TextFields
    {
        private readonly ArrayList _keys = new ArrayList();
        private readonly ArrayList _values = new ArrayList();

        private TextFields()
        {
        }

        public int Count
        {
            get { return _keys.Count; }
        }

        public static bool TryParse(byte[] payload, int maxLength, out TextFields fields, out string error)
        {
            fields = null;
            if (payload == null || payload.Length == 0)
            {
                error = "empty payload";
                return false;
            }
            if (payload.Length > maxLength)
            {
                error = "payload of " + payload.Length + " bytes is longer than " + maxLength;
                return false;
            }
            if (!Utf8.IsValid(payload, 0, payload.Length))
            {
                error = "payload is not UTF-8";
                return false;
            }
            string text = System.Text.Encoding.UTF8.GetString(payload, 0, payload.Length);
            TextFields parsed = new TextFields();
            int start = 0;
            int lineNumber = 0;
            while (start < text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0)
                {
                    end = text.Length;
                }
                lineNumber++;
                int stop = end;
                if (stop > start && text[stop - 1] == '\r')
                {
                    stop--;
                }
                if (stop > start)
                {
                    string line = text.Substring(start, stop - start);
                    int eq = line.IndexOf('=');
                    if (eq <= 0)
                    {
                        error = "line " + lineNumber + " is not key=value";
                        return false;
                    }
                    parsed._keys.Add(line.Substring(0, eq));
                    parsed._values.Add(line.Substring(eq + 1));
                }
                start = end + 1;
            }
            fields = parsed;
            error = null;
            return true;
        }

        /// <summary>The value of a single-valued key; null when absent. Duplicates: see <see cref="Occurrences"/>.</summary>
        public string Get(string key)
        {
            for (int i = 0; i < _keys.Count; i++)
            {
                if ((string)_keys[i] == key)
                {
                    return (string)_values[i];
                }
            }
            return null;
        }

        public int Occurrences(string key)
        {
            int n = 0;
            for (int i = 0; i < _keys.Count; i++)
            {
                if ((string)_keys[i] == key)
                {
                    n++;
                }
            }
            return n;
        }

        /// <summary>The <paramref name="index"/>-th value of a repeated key (0-based); null past the last.</summary>
        public string GetAt(string key, int index)
        {
            int n = 0;
            for (int i = 0; i < _keys.Count; i++)
            {
                if ((string)_keys[i] == key)
                {
                    if (n == index)
                    {
                        return (string)_values[i];
                    }
                    n++;
                }
            }
            return null;
        }

        /// <summary>Decimal u32, no sign, no leading zeros (except "0"), no spaces.</summary>
        public static bool TryParseUInt32(string s, out uint value)
        {
            long v;
            value = 0;
            if (!TryParseNonNegative(s, 10, out v) || v > 0xFFFFFFFFL)
            {
                return false;
            }
            value = (uint)v;
            return true;
        }

        /// <summary>Decimal non-negative number of at most <paramref name="maxDigits"/> digits (≤ 18).</summary>
        public static bool TryParseNonNegative(string s, int maxDigits, out long value)
        {
            value = 0;
            if (s == null || s.Length == 0 || s.Length > maxDigits || s.Length > 18)
            {
                return false;
            }
            if (s.Length > 1 && s[0] == '0')
            {
                return false;
            }
            long v = 0;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }
                v = v * 10 + (c - '0');
            }
            value = v;
            return true;
        }

        /// <summary>Lowercase hex of exactly <paramref name="byteCount"/> bytes; null when malformed.</summary>
        public static byte[] ParseHex(string s, int byteCount)
        {
            if (s == null || s.Length != byteCount * 2)
            {
                return null;
            }
            byte[] bytes = new byte[byteCount];
            for (int i = 0; i < byteCount; i++)
            {
                int hi = HexDigit(s[2 * i]);
                int lo = HexDigit(s[2 * i + 1]);
                if (hi < 0 || lo < 0)
                {
                    return null;
                }
                bytes[i] = (byte)((hi << 4) | lo);
            }
            return bytes;
        }

        public static string ToHex(byte[] bytes)
        {
            const string digits = "0123456789abcdef";
            char[] chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = digits[bytes[i] >> 4];
                chars[2 * i + 1] = digits[bytes[i] & 0x0F];
            }
            return new string(chars);
        }

        /// <summary>One line of text: control characters (newlines included) become spaces, cut at <paramref name="max"/> characters.</summary>
        public static string OneLine(string s, int max)
        {
            if (s == null)
            {
                return "";
            }
            char[] chars = s.ToCharArray();
            int n = chars.Length > max ? max : chars.Length;
            for (int i = 0; i < n; i++)
            {
                if (chars[i] < ' ')
                {
                    chars[i] = ' ';
                }
            }
            return new string(chars, 0, n);
        }

        private static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }
            return -1;
        }
    }
}
