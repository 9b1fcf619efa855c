using System.Collections;
using nanoFramework.TestFramework;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>Configuration documents as the agent signs them, and the terminal's reports read back.</summary>
    public static class ConfigDocs
    {
        /// <summary>The terminal's config key: bytes 100..131.</summary>
        public static byte[] Key()
        {
            return Bytes.Series(100, 32, 1);
        }

        /// <summary>Another terminal's key: bytes 7..38.</summary>
        public static byte[] OtherKey()
        {
            return Bytes.Series(7, 32, 1);
        }

        /// <summary>A document signed with <see cref="Key"/>; <paramref name="settings"/> alternates keys and values.</summary>
        public static byte[] Signed(string device, uint version, params string[] settings)
        {
            return SignedWith(Key(), device, version, settings);
        }

        public static byte[] SignedWith(byte[] key, string device, uint version, params string[] settings)
        {
            Hashtable table = new Hashtable();
            for (int i = 0; i + 1 < settings.Length; i += 2)
            {
                table[settings[i]] = settings[i + 1];
            }
            return new ConfigDocument(device, version, 1764000000000 + version, table).Sign(TestHmac.Instance, key);
        }

        /// <summary>A document signed correctly over content <see cref="ConfigDocument.Sign"/> would not write (an unknown key, a value out of range).</summary>
        public static byte[] SignedRaw(string body)
        {
            byte[] bytes = Bytes.Utf8(body);
            return Bytes.Concat(bytes, Bytes.Utf8("sig=" + Bytes.Hex(TestHmac.Mac(Key(), bytes)) + "\n"));
        }

        /// <summary>The reports published on <paramref name="topic"/>, each checked to be retained, oldest first.</summary>
        public static ConfigReport[] Reports(RetainingTransport mqtt, string topic)
        {
            SentMessage[] sent = mqtt.On(topic);
            ConfigReport[] reports = new ConfigReport[sent.Length];
            for (int i = 0; i < sent.Length; i++)
            {
                Assert.IsTrue(sent[i].Retained, "a config report is retained");
                ConfigReport report;
                string error;
                Assert.IsTrue(ConfigReport.TryParse(sent[i].Payload, out report, out error), "a report: " + error);
                reports[i] = report;
            }
            return reports;
        }

        public static ConfigReport LastReport(RetainingTransport mqtt, string topic)
        {
            ConfigReport[] reports = Reports(mqtt, topic);
            Assert.IsTrue(reports.Length > 0, "a report was published");
            return reports[reports.Length - 1];
        }
    }
}
