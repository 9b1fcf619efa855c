using System.Collections;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Protocol.Config
{
    /// <summary>
    /// A terminal's desired configuration, retained by the agent on <c>uitpas/v1/t/{id}/config</c>:
    /// UTF-8 <c>key=value</c> lines ending in <c>\n</c>, at most 1024 bytes, <c>v=1</c> first, then
    /// <c>device</c>, <c>version</c> (u32, 1 or more), <c>issuedAt</c> (Unix ms), the settings of
    /// <see cref="ConfigSettings"/> (the complete desired state: a setting left out is the
    /// provisioned value) and last <c>sig</c>: 64 lowercase hex digits of HMAC-SHA256 under the
    /// device's 32-byte config key over every byte before <c>sig=</c>.
    /// Parsing checks the form only; the caller verifies the signature, the device, the version and
    /// the settings, in that order (<see cref="Verify"/>, <see cref="ValidateSettings"/>).
    /// </summary>
    public sealed class ConfigDocument
    {
        public const int FormatVersion = 1;
        public const int MaxLength = 1024;
        public const int KeyLength = 32;
        private const int MacLength = 32;
        private const int MaxIssuedAtDigits = 15;

        public ConfigDocument(string deviceId, uint version, long issuedAtUnixMs, Hashtable settings)
        {
            DeviceId = deviceId;
            Version = version;
            IssuedAtUnixMs = issuedAtUnixMs;
            Settings = settings == null ? new Hashtable() : settings;
        }

        public string DeviceId { get; private set; }
        public uint Version { get; private set; }

        /// <summary>When the agent made the document (Unix ms UTC).</summary>
        public long IssuedAtUnixMs { get; private set; }

        /// <summary>Setting name to value (both strings), as given; may hold unknown keys until validated.</summary>
        public Hashtable Settings { get; private set; }

        /// <summary>The exact bytes parsed or made by <see cref="Sign"/>; null before.</summary>
        public byte[] Payload { get; private set; }

        /// <summary>How many leading bytes of <see cref="Payload"/> the signature covers (everything before <c>sig=</c>).</summary>
        public int SignedLength { get; private set; }

        /// <summary>The 32-byte HMAC of the document; null before signing.</summary>
        public byte[] Signature { get; private set; }

        /// <summary>
        /// Makes the signed document: the fixed fields, the settings in <see cref="ConfigSettings"/>
        /// order, the signature line. Throws ArgumentException for an invalid device id, version 0,
        /// a key that is not 32 bytes, or a setting the terminal would refuse.
        /// </summary>
        public byte[] Sign(IHmacSha256 hmac, byte[] key)
        {
            if (hmac == null || key == null || key.Length != KeyLength)
            {
                throw new System.ArgumentException("a config document is signed with a 32-byte key");
            }
            if (!DeviceIds.IsValid(DeviceId) || Version == 0 || IssuedAtUnixMs < 0)
            {
                throw new System.ArgumentException("a config document needs a valid device id, a version of 1 or more and a time");
            }
            string problem = ConfigSettings.ValidateAll(Settings);
            if (problem != null)
            {
                throw new System.ArgumentException(problem);
            }
            string text = "v=" + FormatVersion + "\ndevice=" + DeviceId + "\nversion=" + Version.ToString()
                + "\nissuedAt=" + IssuedAtUnixMs.ToString() + "\n";
            for (int i = 0; i < ConfigSettings.Count; i++)
            {
                string name = ConfigSettings.NameAt(i);
                if (Settings.Contains(name))
                {
                    text = text + name + "=" + (string)Settings[name] + "\n";
                }
            }
            byte[] body = System.Text.Encoding.UTF8.GetBytes(text);
            byte[] mac = hmac.Compute(key, body, 0, body.Length);
            byte[] sigLine = System.Text.Encoding.UTF8.GetBytes("sig=" + TextFields.ToHex(mac) + "\n");
            byte[] payload = new byte[body.Length + sigLine.Length];
            System.Array.Copy(body, 0, payload, 0, body.Length);
            System.Array.Copy(sigLine, 0, payload, body.Length, sigLine.Length);
            Payload = payload;
            SignedLength = body.Length;
            Signature = mac;
            return payload;
        }

        /// <summary>True when the signature matches under <paramref name="key"/> (compared in constant time).</summary>
        public bool Verify(IHmacSha256 hmac, byte[] key)
        {
            if (hmac == null || key == null || key.Length == 0 || Payload == null || Signature == null || Signature.Length != MacLength)
            {
                return false;
            }
            byte[] mac = hmac.Compute(key, Payload, 0, SignedLength);
            if (mac == null || mac.Length != MacLength)
            {
                return false;
            }
            int diff = 0;
            for (int i = 0; i < MacLength; i++)
            {
                diff |= mac[i] ^ Signature[i];
            }
            return diff == 0;
        }

        /// <summary>Null when every setting is known and in range, otherwise the first problem (refusal <see cref="ConfigRefusal.Invalid"/>).</summary>
        public string ValidateSettings()
        {
            return ConfigSettings.ValidateAll(Settings);
        }

        /// <summary>True when <paramref name="other"/> holds exactly the bytes of <see cref="Payload"/>.</summary>
        public bool SameBytes(byte[] other)
        {
            return SameBytes(Payload, other);
        }

        public static bool SameBytes(byte[] a, byte[] b)
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

        /// <summary>
        /// Reads the form of a document; null when unreadable, with the refusal
        /// (<see cref="ConfigRefusal.Format"/>, <see cref="ConfigRefusal.Unsigned"/> or
        /// <see cref="ConfigRefusal.Signature"/> for a malformed sig) and one line saying why.
        /// Never throws.
        /// </summary>
        public static ConfigDocument TryParse(byte[] payload, out string reason, out string detail)
        {
            uint version;
            return TryParse(payload, out reason, out detail, out version);
        }

        /// <summary>As <see cref="TryParse(byte[], out string, out string)"/>; <paramref name="version"/> is the document's version when it could be read (else 0), for the report.</summary>
        public static ConfigDocument TryParse(byte[] payload, out string reason, out string detail, out uint version)
        {
            version = 0;
            try
            {
                return Parse(payload, out reason, out detail, ref version);
            }
            catch (System.Exception)
            {
                reason = ConfigRefusal.Format;
                detail = "unreadable document";
                return null;
            }
        }

        private static ConfigDocument Parse(byte[] payload, out string reason, out string detail, ref uint version)
        {
            reason = ConfigRefusal.Format;
            if (payload == null || payload.Length == 0)
            {
                detail = "empty document";
                return null;
            }
            if (payload.Length > MaxLength)
            {
                detail = payload.Length + " bytes, more than " + MaxLength;
                return null;
            }
            if (!Utf8.IsValid(payload, 0, payload.Length))
            {
                detail = "not UTF-8";
                return null;
            }
            string deviceId = null;
            string versionText = null;
            string issuedText = null;
            string sigText = null;
            int sigStart = -1;
            Hashtable settings = new Hashtable();
            int start = 0;
            int lineNumber = 0;
            while (start < payload.Length)
            {
                int end = start;
                while (end < payload.Length && payload[end] != (byte)'\n')
                {
                    end++;
                }
                lineNumber++;
                if (sigStart >= 0)
                {
                    detail = "sig must be the last line";
                    return null;
                }
                string line = System.Text.Encoding.UTF8.GetString(payload, start, end - start);
                int eq = line.IndexOf('=');
                if (eq <= 0)
                {
                    detail = "line " + lineNumber + " is not key=value";
                    return null;
                }
                if (HasControl(line))
                {
                    detail = "line " + lineNumber + " holds a control character";
                    return null;
                }
                string key = line.Substring(0, eq);
                string value = line.Substring(eq + 1);
                if (lineNumber == 1)
                {
                    if (key != "v")
                    {
                        detail = "the first line must be v=" + FormatVersion;
                        return null;
                    }
                    if (value != "1")
                    {
                        detail = "format version " + ConfigSettings.Printable(value) + " is not supported";
                        return null;
                    }
                }
                else if (key == "v" || (key == "device" && deviceId != null) || (key == "version" && versionText != null)
                    || (key == "issuedAt" && issuedText != null) || settings.Contains(key))
                {
                    detail = "line " + lineNumber + " repeats " + ConfigSettings.Printable(key);
                    return null;
                }
                else if (key == "device")
                {
                    deviceId = value;
                }
                else if (key == "version")
                {
                    versionText = value;
                }
                else if (key == "issuedAt")
                {
                    issuedText = value;
                }
                else if (key == "sig")
                {
                    sigStart = start;
                    sigText = value;
                }
                else
                {
                    settings.Add(key, value);
                }
                start = end + 1;
            }
            if (deviceId == null || versionText == null || issuedText == null)
            {
                detail = "missing " + (deviceId == null ? "device" : versionText == null ? "version" : "issuedAt");
                return null;
            }
            uint parsedVersion;
            if (!TextFields.TryParseUInt32(versionText, out parsedVersion) || parsedVersion == 0)
            {
                detail = "version must be a whole number from 1 to 4294967295";
                return null;
            }
            version = parsedVersion;
            long issuedAt;
            if (!TextFields.TryParseNonNegative(issuedText, MaxIssuedAtDigits, out issuedAt))
            {
                detail = "issuedAt must be Unix milliseconds";
                return null;
            }
            if (sigStart < 0)
            {
                reason = ConfigRefusal.Unsigned;
                detail = "no sig line";
                return null;
            }
            byte[] signature = TextFields.ParseHex(sigText, MacLength);
            if (signature == null)
            {
                reason = ConfigRefusal.Signature;
                detail = "sig is not 64 lowercase hex digits";
                return null;
            }
            ConfigDocument document = new ConfigDocument(deviceId, parsedVersion, issuedAt, settings);
            document.Payload = payload;
            document.SignedLength = sigStart;
            document.Signature = signature;
            reason = null;
            detail = null;
            return document;
        }

        private static bool HasControl(string line)
        {
            for (int i = 0; i < line.Length; i++)
            {
                if (line[i] < ' ' || line[i] == (char)0x7F)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
