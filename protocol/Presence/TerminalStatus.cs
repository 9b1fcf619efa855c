using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.Protocol.Presence
{
    /// <summary>
    /// A terminal's presence, retained on <c>uitpas/v1/t/{id}/status</c> (QoS 1): the birth
    /// message (<see cref="Online"/>), the last will the broker publishes when the connection dies
    /// (<see cref="OfflineWill"/>) and the goodbye of a planned stop (<see cref="OfflineClean"/>).
    /// UTF-8 text, one <c>key=value</c> per line (the snapshot manifest's rules, docs/protocol.md
    /// "Presence"), at most <see cref="MaxLength"/> bytes, e.g.
    /// <c>v=1\nstate=online\nepoch=17\nuptime=5120\nsentAt=1760000000000\nlastTap=0\ntaps=0\nreader=ok\n…</c>.
    /// Text because the device's MQTT client takes the will as a string. <see cref="TryParse"/>
    /// never throws on bad bytes.
    /// </summary>
    public sealed class TerminalStatus
    {
        public const int FormatVersion = 1;
        public const int MaxLength = 512;
        public const int MaxFirmwareLength = 64;

        public const string Online = "online";
        public const string OfflineWill = "offline-will";
        public const string OfflineClean = "offline-clean";

        public const string ReaderOk = "ok";
        public const string ReaderDegraded = "degraded";
        public const string ReaderFailed = "failed";
        public const string ReaderUnknown = "unknown";

        private static readonly string[] SingleKeys = new string[]
        {
            "v", "state", "epoch", "uptime", "sentAt", "lastTap", "taps", "reader", "readerFaults", "readerResets",
            "journal", "allowlist", "events", "firmware", "config",
        };

        public TerminalStatus()
        {
            State = Online;
            Reader = ReaderUnknown;
            Firmware = "";
        }

        /// <summary><see cref="Online"/>, <see cref="OfflineWill"/> or <see cref="OfflineClean"/>.</summary>
        public string State { get; set; }

        /// <summary>The boot epoch of the terminal's current boot.</summary>
        public uint BootEpoch { get; set; }

        /// <summary>Milliseconds since the boot (monotonic clock) when the message was made.</summary>
        public long UptimeMs { get; set; }

        /// <summary>Unix ms UTC when the message was made; 0 = clock not set.</summary>
        public long SentAtUnixMs { get; set; }

        /// <summary>Unix ms UTC of the last tap of this boot; 0 = none (or clock not set then).</summary>
        public long LastTapUnixMs { get; set; }

        /// <summary>Taps read since the boot.</summary>
        public uint TapsSinceBoot { get; set; }

        /// <summary><see cref="ReaderOk"/>, <see cref="ReaderDegraded"/>, <see cref="ReaderFailed"/> or <see cref="ReaderUnknown"/>.</summary>
        public string Reader { get; set; }

        /// <summary>Reader chip faults since the boot.</summary>
        public uint ReaderFaults { get; set; }

        /// <summary>Reader re-initialisations (soft and hard resets) since the boot.</summary>
        public uint ReaderResets { get; set; }

        /// <summary>Journaled taps without a final answer (the journal's depth).</summary>
        public uint JournalDepth { get; set; }

        /// <summary>Installed allowlist snapshot version; 0 = none.</summary>
        public uint AllowlistVersion { get; set; }

        /// <summary>Installed events snapshot version; 0 = none.</summary>
        public uint EventsVersion { get; set; }

        /// <summary>Firmware version (printable ASCII, no spaces, ≤ 64 characters); empty = unknown.</summary>
        public string Firmware { get; set; }

        /// <summary>Version of the configuration in use; 0 = as provisioned.</summary>
        public uint ConfigVersion { get; set; }

        public bool IsOnline
        {
            get { return State == Online; }
        }

        /// <summary>A copy with another state (the will and the goodbye are the status with another state).</summary>
        public TerminalStatus WithState(string state)
        {
            TerminalStatus copy = (TerminalStatus)MemberwiseClone();
            copy.State = state;
            return copy;
        }

        public static bool IsState(string s)
        {
            return s == Online || s == OfflineWill || s == OfflineClean;
        }

        public static bool IsReaderCondition(string s)
        {
            return s == ReaderOk || s == ReaderDegraded || s == ReaderFailed || s == ReaderUnknown;
        }

        /// <summary>Firmware text as it goes on the wire: characters outside 0x21-0x7E become '_', cut at 64.</summary>
        public static string CleanFirmware(string s)
        {
            if (s == null)
            {
                return "";
            }
            int n = s.Length > MaxFirmwareLength ? MaxFirmwareLength : s.Length;
            char[] chars = new char[n];
            for (int i = 0; i < n; i++)
            {
                char c = s[i];
                chars[i] = c > ' ' && c < (char)0x7F ? c : '_';
            }
            return new string(chars);
        }

        public byte[] Encode()
        {
            if (!IsState(State) || !IsReaderCondition(Reader) || UptimeMs < 0 || SentAtUnixMs < 0 || LastTapUnixMs < 0)
            {
                throw new System.ArgumentException("invalid terminal status");
            }
            string text = "v=" + FormatVersion.ToString() + "\nstate=" + State + "\nepoch=" + BootEpoch.ToString()
                + "\nuptime=" + UptimeMs.ToString() + "\nsentAt=" + SentAtUnixMs.ToString() + "\nlastTap=" + LastTapUnixMs.ToString()
                + "\ntaps=" + TapsSinceBoot.ToString() + "\nreader=" + Reader + "\nreaderFaults=" + ReaderFaults.ToString()
                + "\nreaderResets=" + ReaderResets.ToString() + "\njournal=" + JournalDepth.ToString()
                + "\nallowlist=" + AllowlistVersion.ToString() + "\nevents=" + EventsVersion.ToString()
                + "\nfirmware=" + CleanFirmware(Firmware) + "\nconfig=" + ConfigVersion.ToString() + "\n";
            return System.Text.Encoding.UTF8.GetBytes(text);
        }

        /// <summary>The same as <see cref="Encode"/>, as a string (the device's MQTT client takes the will as text).</summary>
        public string EncodeText()
        {
            byte[] bytes = Encode();
            return System.Text.Encoding.UTF8.GetString(bytes, 0, bytes.Length);
        }

        /// <summary>
        /// Parses a status. Required: <c>v</c> (must be 1), <c>state</c>, <c>epoch</c>, <c>uptime</c>;
        /// the other keys default to 0 / unknown / empty; unknown keys are ignored; a key given
        /// twice is refused. False with a reason on anything else; never throws.
        /// </summary>
        public static bool TryParse(byte[] payload, out TerminalStatus status, out string error)
        {
            status = null;
            TextFields f;
            if (!TextFields.TryParse(payload, MaxLength, out f, out error))
            {
                error = "status: " + error;
                return false;
            }
            for (int i = 0; i < SingleKeys.Length; i++)
            {
                if (f.Occurrences(SingleKeys[i]) > 1)
                {
                    error = "status: " + SingleKeys[i] + " given twice";
                    return false;
                }
            }
            long version;
            if (!TextFields.TryParseNonNegative(f.Get("v"), 9, out version))
            {
                error = "status: format version missing";
                return false;
            }
            if (version != FormatVersion)
            {
                error = "status: unknown format version " + version.ToString();
                return false;
            }
            TerminalStatus s = new TerminalStatus();
            s.State = f.Get("state");
            if (!IsState(s.State))
            {
                error = "status: state missing or not online, offline-will or offline-clean";
                return false;
            }
            uint epoch;
            if (!TextFields.TryParseUInt32(f.Get("epoch"), out epoch))
            {
                error = "status: epoch missing or not a number";
                return false;
            }
            s.BootEpoch = epoch;
            long uptime;
            if (!TextFields.TryParseNonNegative(f.Get("uptime"), 15, out uptime))
            {
                error = "status: uptime missing or not a number";
                return false;
            }
            s.UptimeMs = uptime;
            long sentAt;
            long lastTap;
            if (!OptionalLong(f, "sentAt", out sentAt, out error) || !OptionalLong(f, "lastTap", out lastTap, out error))
            {
                return false;
            }
            s.SentAtUnixMs = sentAt;
            s.LastTapUnixMs = lastTap;
            uint taps, faults, resets, journal, allowlist, events, config;
            if (!OptionalUInt(f, "taps", out taps, out error) || !OptionalUInt(f, "readerFaults", out faults, out error)
                || !OptionalUInt(f, "readerResets", out resets, out error) || !OptionalUInt(f, "journal", out journal, out error)
                || !OptionalUInt(f, "allowlist", out allowlist, out error) || !OptionalUInt(f, "events", out events, out error)
                || !OptionalUInt(f, "config", out config, out error))
            {
                return false;
            }
            s.TapsSinceBoot = taps;
            s.ReaderFaults = faults;
            s.ReaderResets = resets;
            s.JournalDepth = journal;
            s.AllowlistVersion = allowlist;
            s.EventsVersion = events;
            s.ConfigVersion = config;
            string reader = f.Get("reader");
            if (reader != null && !IsReaderCondition(reader))
            {
                error = "status: reader is not ok, degraded, failed or unknown";
                return false;
            }
            s.Reader = reader == null ? ReaderUnknown : reader;
            string firmware = f.Get("firmware");
            if (firmware != null && (firmware.Length > MaxFirmwareLength || CleanFirmware(firmware) != firmware))
            {
                error = "status: firmware longer than 64 characters or not printable ASCII";
                return false;
            }
            s.Firmware = firmware == null ? "" : firmware;
            status = s;
            error = null;
            return true;
        }

        private static bool OptionalLong(TextFields f, string key, out long value, out string error)
        {
            value = 0;
            error = null;
            string text = f.Get(key);
            if (text != null && !TextFields.TryParseNonNegative(text, 15, out value))
            {
                error = "status: " + key + " is not a number";
                return false;
            }
            return true;
        }

        private static bool OptionalUInt(TextFields f, string key, out uint value, out string error)
        {
            value = 0;
            error = null;
            string text = f.Get(key);
            if (text != null && !TextFields.TryParseUInt32(text, out value))
            {
                error = "status: " + key + " is not a number";
                return false;
            }
            return true;
        }
    }
}
