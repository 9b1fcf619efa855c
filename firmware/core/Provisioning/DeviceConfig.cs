using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.Core.Provisioning
{
    /// <summary>
    /// What provisioning writes to a terminal's flash (file <c>device.cfg</c>): one
    /// <c>key=value</c> per line, <c>#</c> starts a comment. Keys: device, wifi.ssid,
    /// wifi.password, broker.host, broker.port, mqtt.username, mqtt.password, language,
    /// cardSystem and snapshotKey (the card system's 32-byte snapshot key in hex; both or
    /// neither: without them the terminal takes no snapshots). No names or UiTPAS numbers ever go here.
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
        public string Language { get; private set; }

        /// <summary>The terminal's card system; 0 when not provisioned for snapshots.</summary>
        public uint CardSystemId { get; private set; }

        /// <summary>The card system's snapshot key (32 bytes); null when not provisioned for snapshots.</summary>
        public byte[] SnapshotKey { get; private set; }

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
            return null;
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
