using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Provisioning;

namespace Uitpas.Edge.DeviceTests.Cases.Provisioning
{
    /// <summary>device.cfg as provisioning writes it: read with defaults, refused naming the line, broker TLS keys.</summary>
    [TestClass]
    public class DeviceConfigCases
    {
        private const string Good = "# provisioned\ndevice=vt-001\nwifi.ssid=Bib Gent\nwifi.password=s3cret\nbroker.host=10.0.0.5\nbroker.port=8883\nlanguage=fr\n";
        private const string TlsBase = "device=vt-001\nwifi.ssid=Bib\nbroker.host=broker.venue.local\nmqtt.username=vt-001\nmqtt.password=pw\n";

        [TestMethod]
        public void Provisioned_file_is_read_with_defaults_for_what_it_omits()
        {
            string error;
            DeviceConfig config = DeviceConfig.Parse(Good, out error);
            Assert.IsNull(error, "no error");
            Assert.AreEqual("vt-001", config.DeviceId, "device");
            Assert.AreEqual("Bib Gent", config.WifiSsid, "ssid");
            Assert.AreEqual("10.0.0.5", config.BrokerHost, "broker host");
            Assert.AreEqual(8883, config.BrokerPort, "broker port");
            Assert.AreEqual("fr", config.Language, "language");

            DeviceConfig minimal = DeviceConfig.Parse("device=a\r\nwifi.ssid=x\r\nbroker.host=h", out error);
            Assert.AreEqual(1883, minimal.BrokerPort, "default port");
            Assert.AreEqual("nl", minimal.Language, "default language");
        }

        [DataRow("device=a\nwifi.ssid=x\nbroker.host=h\nbroker.port=70000", "line 4: broker.port")]
        [DataRow("device=A/B\n", "line 1: device id")]
        [DataRow("device=a\nwhat\n", "line 2: expected key=value")]
        [DataRow("device=a\ncolour=red\n", "line 2: unknown key 'colour'")]
        [DataRow("device=a\nbroker.host=h\n", "wifi.ssid is missing")]
        [DataRow("", "device is missing")]
        public void Unusable_file_is_refused_naming_the_line(string text, string expected)
        {
            string error;
            Assert.IsNull(DeviceConfig.Parse(text, out error), "refused");
            Assert.StartsWith(expected, error, "reason");
        }

        [TestMethod]
        public void An_explicit_port_wins_and_tls_is_off_by_default()
        {
            string error;
            DeviceConfig tls = DeviceConfig.Parse(TlsBase + "broker.port=18883\nbroker.tls=true\n", out error);
            DeviceConfig plain = DeviceConfig.Parse(TlsBase, out error);

            Assert.AreEqual(18883, tls.BrokerPort, "explicit port");
            Assert.IsNull(tls.BrokerCaPem, "no CA given");
            Assert.IsFalse(plain.BrokerTls, "TLS off by default");
            Assert.AreEqual(1883, plain.BrokerPort, "plain port");
        }

        [DataRow("broker.tls=yes\n", "line 6: broker.tls must be true or false")]
        [DataRow("broker.tls=true\nbroker.ca=not base64!\n", "line 7: broker.ca must be")]
        [DataRow("broker.tls=true\nbroker.ca=AA=A\n", "line 7: broker.ca must be")]
        [DataRow("broker.tls=true\nbroker.ca=QUJD\n", "line 7: broker.ca must be")]
        [DataRow("broker.ca=MIIBkTCB+wIJAKHHIG8Z0zTBMA0GCSqGSIb3DQEBCwUAMBExDzANBgNVBAMMBnRlc3RDQTAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBa\n", "broker.tls is not true")]
        public void Bad_tls_keys_are_named_and_refused(string extra, string message)
        {
            string error;
            DeviceConfig config = DeviceConfig.Parse(TlsBase + extra, out error);

            Assert.IsNull(config, "refused");
            Assert.Contains(message, error, "reason");
        }
    }
}
