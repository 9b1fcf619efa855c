using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.Protocol.Config
{
    /// <summary>
    /// What a terminal did with the last configuration document it was given, retained on
    /// <c>uitpas/v1/t/{id}/config-state</c>:
    /// <c>v=1\nversion=8\nresult=applied\napplied=8\nat=1764000000000\n</c>, or
    /// <c>v=1\nversion=8\nresult=refused\napplied=7\nreason=signature\ndetail=…\nat=…\n</c>.
    /// <see cref="Version"/> is the version the report is about (0 when the document was
    /// unreadable), <see cref="Applied"/> the version in use after handling it (0 = as provisioned).
    /// </summary>
    public sealed class ConfigReport
    {
        public const string AppliedResult = "applied";
        public const string RefusedResult = "refused";
        public const int MaxLength = 512;
        public const int MaxDetailLength = 120;
        private const int MaxReasonLength = 32;

        public ConfigReport(uint version, string result, uint applied, string reason, string detail, long atUnixMs)
        {
            Version = version;
            Result = result;
            Applied = applied;
            Reason = reason;
            Detail = detail;
            AtUnixMs = atUnixMs;
        }

        public uint Version { get; private set; }

        /// <summary><see cref="AppliedResult"/> or <see cref="RefusedResult"/>.</summary>
        public string Result { get; private set; }

        /// <summary>The version in use after handling the document; 0 = as provisioned.</summary>
        public uint Applied { get; private set; }

        /// <summary>A <see cref="ConfigRefusal"/> word; null when applied.</summary>
        public string Reason { get; private set; }

        /// <summary>One line of at most 120 printable ASCII characters; null when applied.</summary>
        public string Detail { get; private set; }

        /// <summary>Unix ms UTC of the report; 0 when the terminal's clock is not set.</summary>
        public long AtUnixMs { get; private set; }

        public bool IsRefused
        {
            get { return Result == RefusedResult; }
        }

        public static ConfigReport ForApplied(uint version, long atUnixMs)
        {
            return new ConfigReport(version, AppliedResult, version, null, null, atUnixMs);
        }

        public static ConfigReport ForRefused(uint version, uint applied, string reason, string detail, long atUnixMs)
        {
            return new ConfigReport(version, RefusedResult, applied, reason, CleanDetail(detail), atUnixMs < 0 ? 0 : atUnixMs);
        }

        /// <summary>The report's text (what <see cref="Encode"/> sends as UTF-8).</summary>
        public string ToText()
        {
            string text = "v=1\nversion=" + Version.ToString() + "\nresult=" + Result + "\napplied=" + Applied.ToString() + "\n";
            if (IsRefused)
            {
                text = text + "reason=" + Reason + "\ndetail=" + CleanDetail(Detail) + "\n";
            }
            return text + "at=" + AtUnixMs.ToString() + "\n";
        }

        public byte[] Encode()
        {
            if ((Result != AppliedResult && Result != RefusedResult) || (IsRefused && !IsReasonWord(Reason)))
            {
                throw new System.ArgumentException("invalid config report");
            }
            return System.Text.Encoding.UTF8.GetBytes(ToText());
        }

        /// <summary>Reads a report; false with the reason when it is not one (never throws). Unknown keys are ignored.</summary>
        public static bool TryParse(byte[] payload, out ConfigReport report, out string error)
        {
            report = null;
            TextFields f;
            if (!TextFields.TryParse(payload, MaxLength, out f, out error))
            {
                error = "config report: " + error;
                return false;
            }
            error = "config report: ";
            if (f.Get("v") != "1")
            {
                error = error + "unknown format version";
                return false;
            }
            uint version;
            uint applied;
            long at;
            if (!TextFields.TryParseUInt32(f.Get("version"), out version))
            {
                error = error + "version missing or not a number";
                return false;
            }
            if (!TextFields.TryParseUInt32(f.Get("applied"), out applied))
            {
                error = error + "applied missing or not a number";
                return false;
            }
            if (!TextFields.TryParseNonNegative(f.Get("at"), 15, out at))
            {
                error = error + "at missing or not Unix milliseconds";
                return false;
            }
            string result = f.Get("result");
            if (result == AppliedResult)
            {
                report = new ConfigReport(version, AppliedResult, applied, null, null, at);
                error = null;
                return true;
            }
            if (result != RefusedResult)
            {
                error = error + "result is neither applied nor refused";
                return false;
            }
            string reason = f.Get("reason");
            if (!IsReasonWord(reason))
            {
                error = error + "a refusal without a reason";
                return false;
            }
            string detail = f.Get("detail");
            report = new ConfigReport(version, RefusedResult, applied, reason, CleanDetail(detail), at);
            error = null;
            return true;
        }

        /// <summary>At most 120 characters, printable ASCII (anything else becomes '?'; control characters spaces).</summary>
        public static string CleanDetail(string detail)
        {
            if (detail == null)
            {
                return "";
            }
            int n = detail.Length > MaxDetailLength ? MaxDetailLength : detail.Length;
            char[] chars = new char[n];
            for (int i = 0; i < n; i++)
            {
                char c = detail[i];
                chars[i] = c < ' ' ? ' ' : c > '~' ? '?' : c;
            }
            return new string(chars);
        }

        /// <summary>A reason is a short lowercase word (the known ones: <see cref="ConfigRefusal"/>; later ones are read too).</summary>
        private static bool IsReasonWord(string reason)
        {
            if (reason == null || reason.Length == 0 || reason.Length > MaxReasonLength)
            {
                return false;
            }
            for (int i = 0; i < reason.Length; i++)
            {
                if (reason[i] < 'a' || reason[i] > 'z')
                {
                    return false;
                }
            }
            return true;
        }
    }
}
