using System.Collections;

namespace Uitpas.Edge.Protocol.Config
{
    /// <summary>
    /// The settings a configuration document may carry, their order in the document and their
    /// bounds: the one definition the agent (to refuse a bad push up front) and the terminal (to
    /// refuse a bad document) share. Values are text: a language code, or a whole number of
    /// milliseconds in decimal without sign or leading zeros.
    /// </summary>
    public static class ConfigSettings
    {
        /// <summary>Display language of the terminal: nl, fr or en.</summary>
        public const string Language = "language";

        /// <summary>How long the terminal waits for the answer to a live tap (100-60000 ms).</summary>
        public const string ResultTimeoutMs = "resultTimeoutMs";

        /// <summary>How long an outcome stays on screen (500-60000 ms).</summary>
        public const string ResultShownMs = "resultShownMs";

        /// <summary>The same card again within this time is a bounce (0-600000 ms).</summary>
        public const string RetapWindowMs = "retapWindowMs";

        /// <summary>How often an unanswered journaled tap is sent again (1000-3600000 ms).</summary>
        public const string ReplayIntervalMs = "replayIntervalMs";

        /// <summary>The presence status's routine interval (1000-3600000 ms).</summary>
        public const string StatusIntervalMs = "statusIntervalMs";

        /// <summary>How many settings there are (<see cref="NameAt"/> 0 to Count - 1).</summary>
        public const int Count = 6;

        private const int MaxDigits = 7;

        private static readonly string[] Names = new string[]
        {
            Language, ResultTimeoutMs, ResultShownMs, RetapWindowMs, ReplayIntervalMs, StatusIntervalMs,
        };

        private static readonly int[] Minimums = new int[] { 0, 100, 500, 0, 1000, 1000 };
        private static readonly int[] Maximums = new int[] { 0, 60000, 60000, 600000, 3600000, 3600000 };

        /// <summary>The setting at <paramref name="index"/> in document order.</summary>
        public static string NameAt(int index)
        {
            return Names[index];
        }

        /// <summary>Index in document order; -1 for an unknown key.</summary>
        public static int IndexOf(string key)
        {
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == key)
                {
                    return i;
                }
            }
            return -1;
        }

        public static bool IsKnown(string key)
        {
            return IndexOf(key) >= 0;
        }

        /// <summary>True for the settings whose value is a number of milliseconds.</summary>
        public static bool IsNumeric(string key)
        {
            return IndexOf(key) > 0;
        }

        /// <summary>Least allowed value of a numeric setting (0 for the language or an unknown key).</summary>
        public static int MinimumOf(string key)
        {
            int i = IndexOf(key);
            return i < 0 ? 0 : Minimums[i];
        }

        /// <summary>Greatest allowed value of a numeric setting (0 for the language or an unknown key).</summary>
        public static int MaximumOf(string key)
        {
            int i = IndexOf(key);
            return i < 0 ? 0 : Maximums[i];
        }

        /// <summary>All known settings, comma separated, for error messages.</summary>
        public static string KnownNames()
        {
            string s = "";
            for (int i = 0; i < Names.Length; i++)
            {
                s = i == 0 ? Names[i] : s + ", " + Names[i];
            }
            return s;
        }

        /// <summary>Null when <paramref name="value"/> is allowed for <paramref name="key"/>, otherwise one sentence saying why not.</summary>
        public static string Validate(string key, string value)
        {
            int i = IndexOf(key);
            if (i < 0)
            {
                return "unknown setting '" + Printable(key) + "'; the settings are " + KnownNames();
            }
            if (value == null)
            {
                return key + " has no value";
            }
            if (i == 0)
            {
                if (value == "nl" || value == "fr" || value == "en")
                {
                    return null;
                }
                return "language must be nl, fr or en, not '" + Printable(value) + "'";
            }
            int number;
            if (!TryParseNumber(value, out number) || number < Minimums[i] || number > Maximums[i])
            {
                return key + " must be a whole number of milliseconds from " + Minimums[i] + " to " + Maximums[i]
                    + ", not '" + Printable(value) + "'";
            }
            return null;
        }

        /// <summary>
        /// Null when every entry of <paramref name="settings"/> (string to string) is a known
        /// setting with an allowed value, otherwise the first problem (unknown keys first, then
        /// the known ones in document order).
        /// </summary>
        public static string ValidateAll(Hashtable settings)
        {
            if (settings == null)
            {
                return null;
            }
            foreach (object name in settings.Keys)
            {
                string key = name as string;
                if (!IsKnown(key))
                {
                    return Validate(key, null);
                }
            }
            for (int i = 0; i < Names.Length; i++)
            {
                if (settings.Contains(Names[i]))
                {
                    string problem = Validate(Names[i], settings[Names[i]] as string);
                    if (problem != null)
                    {
                        return problem;
                    }
                }
            }
            return null;
        }

        /// <summary>Decimal without sign or leading zeros, at most 7 digits.</summary>
        public static bool TryParseNumber(string value, out int number)
        {
            number = 0;
            if (value == null || value.Length == 0 || value.Length > MaxDigits || (value.Length > 1 && value[0] == '0'))
            {
                return false;
            }
            int n = 0;
            for (int k = 0; k < value.Length; k++)
            {
                char c = value[k];
                if (c < '0' || c > '9')
                {
                    return false;
                }
                n = n * 10 + (c - '0');
            }
            number = n;
            return true;
        }

        /// <summary>A value quoted in an error message: printable ASCII only, at most 40 characters.</summary>
        internal static string Printable(string s)
        {
            if (s == null)
            {
                return "";
            }
            int n = s.Length > 40 ? 40 : s.Length;
            char[] chars = new char[n];
            for (int k = 0; k < n; k++)
            {
                char c = s[k];
                chars[k] = c < ' ' || c > '~' ? '?' : c;
            }
            return new string(chars) + (s.Length > 40 ? "..." : "");
        }
    }
}
