using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.Core.Provisioning
{
    /// <summary>
    /// What provisioning writes to a terminal's flash (file <c>device.cfg</c>): one
    /// <c>key=value</c> per line, <c>#</c> starts a comment. Keys: device, wifi.ssid,
    /// wifi.password, broker.host, broker.port, broker.tls (true: MQTT over TLS, port 8883 unless
    /// broker.port says otherwise), broker.ca (the region CA's certificate, base64 DER on one line:
    /// the only trust anchor for the broker's certificate), mqtt.username, mqtt.password, language,
    /// cardSystem and snapshotKey (the card system's 32-byte snapshot key in hex; both or
    /// neither: without them the terminal takes no snapshots), configKey (the device's own 32-byte
    /// key in hex that signs pushed configurations). No names or UiTPAS numbers ever go here.
    /// </summary>
    public sealed class DeviceConfig
    {
        public string DeviceId { get; private set; }
        public string WifiSsid { get; private set; }
        public string WifiPassword { get; private set; }
        public string BrokerHost { get; private set; }
        public int BrokerPort { get; private set; }
        public string MqttUsername { get; private set; }
        public string MqttPassword { get; private set; }

        /// <summary>Connect to the broker over TLS.</summary>
        public bool BrokerTls { get; private set; }

        /// <summary>The CA certificate (DER) the broker's certificate must chain to; null = the device's built-in store.</summary>
        public byte[] BrokerCaCertificate { get; private set; }

        /// <summary>The CA certificate as PEM text (what the TLS stack takes); null when none is provisioned.</summary>
        public string BrokerCaPem
        {
            get { return _brokerCaBase64 == null ? null : "-----BEGIN CERTIFICATE-----\n" + _brokerCaBase64 + "\n-----END CERTIFICATE-----\n"; }
        }

        private string _brokerCaBase64;
        private bool _brokerPortSet;
        public string Language { get; private set; }

        /// <summary>The terminal's card system; 0 when not provisioned for snapshots.</summary>
        public uint CardSystemId { get; private set; }

        /// <summary>The card system's snapshot key (32 bytes); null when not provisioned for snapshots.</summary>
        public byte[] SnapshotKey { get; private set; }

        /// <summary>The per-device key (32 bytes) that signs pushed configurations; null = pushed configurations are refused.</summary>
        public byte[] ConfigKey { get; private set; }

        public bool HasSnapshots
        {
            get { return CardSystemId != 0 && SnapshotKey != null; }
        }

        /// <summary>Parses the file's text; null with <paramref name="error"/> naming the line when it is not usable.</summary>
        public static DeviceConfig Parse(string text, out string error)
        {
            error = null;
            DeviceConfig config = new DeviceConfig();
            config.BrokerPort = 1883;
            config.Language = "nl";
            string[] lines = (text == null ? string.Empty : text).Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }
                int eq = line.IndexOf('=');
                if (eq <= 0)
                {
                    error = "line " + (i + 1) + ": expected key=value";
                    return null;
                }
                string problem = config.Set(line.Substring(0, eq).Trim(), line.Substring(eq + 1).Trim());
                if (problem != null)
                {
                    error = "line " + (i + 1) + ": " + problem;
                    return null;
                }
            }
            error = config.Missing();
            return error == null ? config : null;
        }

        private string Set(string key, string value)
        {
            switch (key)
            {
                case "device":
                    if (!DeviceIds.IsValid(value)) return "device id must be 1-32 characters of a-z, 0-9 and '-'";
                    DeviceId = value;
                    return null;
                case "wifi.ssid":
                    if (value.Length == 0 || value.Length > 32) return "wifi.ssid must be 1-32 characters";
                    WifiSsid = value;
                    return null;
                case "wifi.password":
                    WifiPassword = value;
                    return null;
                case "broker.host":
                    if (value.Length == 0) return "broker.host is empty";
                    BrokerHost = value;
                    return null;
                case "broker.port":
                    int port = ParsePort(value);
                    if (port < 0) return "broker.port must be a number from 1 to 65535";
                    BrokerPort = port;
                    _brokerPortSet = true;
                    return null;
                case "broker.tls":
                    if (value != "true" && value != "false") return "broker.tls must be true or false";
                    BrokerTls = value == "true";
                    return null;
                case "broker.ca":
                    byte[] ca = DecodeBase64(value);
                    if (ca == null || ca.Length < 64 || ca[0] != 0x30) return "broker.ca must be the CA certificate as base64 DER on one line";
                    BrokerCaCertificate = ca;
                    _brokerCaBase64 = value;
                    return null;
                case "mqtt.username":
                    MqttUsername = value;
                    return null;
                case "mqtt.password":
                    MqttPassword = value;
                    return null;
                case "language":
                    if (value != "nl" && value != "fr" && value != "en") return "language must be nl, fr or en";
                    Language = value;
                    return null;
                case "cardSystem":
                    uint cardSystem;
                    if (!TextFields.TryParseUInt32(value, out cardSystem) || cardSystem == 0) return "cardSystem must be a positive number";
                    CardSystemId = cardSystem;
                    return null;
                case "snapshotKey":
                    byte[] snapshotKey = TextFields.ParseHex(value.ToLower(), 32);
                    if (snapshotKey == null) return "snapshotKey must be 64 hex digits (32 bytes)";
                    SnapshotKey = snapshotKey;
                    return null;
                case "configKey":
                    byte[] configKey = TextFields.ParseHex(value.ToLower(), 32);
                    if (configKey == null) return "configKey must be 64 hex digits (32 bytes)";
                    ConfigKey = configKey;
                    return null;
                default:
                    return "unknown key '" + key + "'";
            }
        }

        private string Missing()
        {
            if (DeviceId == null) return "device is missing";
            if (WifiSsid == null) return "wifi.ssid is missing";
            if (BrokerHost == null) return "broker.host is missing";
            if (CardSystemId != 0 && SnapshotKey == null) return "snapshotKey is missing (cardSystem is set)";
            if (CardSystemId == 0 && SnapshotKey != null) return "cardSystem is missing (snapshotKey is set)";
            if (BrokerCaCertificate != null && !BrokerTls) return "broker.ca is set but broker.tls is not true";
            if (BrokerTls && !_brokerPortSet) BrokerPort = 8883;
            return null;
        }

        private static byte[] DecodeBase64(string text)
        {
            if (text.Length == 0 || text.Length % 4 != 0)
            {
                return null;
            }
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || (c == '=' && i >= text.Length - 2);
                if (!ok)
                {
                    return null;
                }
            }
            try
            {
                return System.Convert.FromBase64String(text);
            }
            catch (System.Exception)
            {
                // '=' in the middle: not base64 after all.
                return null;
            }
        }

        private static int ParsePort(string text)
        {
            if (text.Length == 0 || text.Length > 5)
            {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value >= 1 && value <= 65535 ? value : -1;
        }
    }
}
