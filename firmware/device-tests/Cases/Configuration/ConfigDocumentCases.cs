using System;
using System.Collections;
using nanoFramework.TestFramework;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.DeviceTests.Cases.Configuration
{
    /// <summary>The signed configuration document and the terminal's report: layout, signature, refusals, bounds.</summary>
    [TestClass]
    public class ConfigDocumentCases
    {
        private static byte[] Key()
        {
            return Bytes.Series(1, 32, 1);
        }

        private static byte[] Signed(uint version, params string[] settings)
        {
            Hashtable table = new Hashtable();
            for (int i = 0; i + 1 < settings.Length; i += 2)
            {
                table[settings[i]] = settings[i + 1];
            }
            return new ConfigDocument("vt-001", version, 1764000000000, table).Sign(TestHmac.Instance, Key());
        }

        private static bool IsLowerHex(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return false;
                }
            }
            return true;
        }

        [TestMethod]
        public void Signed_document_has_the_fixed_lines_the_settings_in_order_and_the_signature_last()
        {
            byte[] payload = Signed(7, ConfigSettings.StatusIntervalMs, "60000", ConfigSettings.Language, "fr");

            string text = Bytes.Text(payload);
            string[] lines = text.Split('\n');
            string[] expected = new string[] { "v=1", "device=vt-001", "version=7", "issuedAt=1764000000000", "language=fr", "statusIntervalMs=60000" };
            Assert.AreEqual(8, lines.Length, "six lines, the signature and the final newline");
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], lines[i], "line " + (i + 1));
            }
            Assert.StartsWith("sig=", lines[6], "the signature line");
            Assert.AreEqual(4 + 64, lines[6].Length, "64 hex digits");
            Assert.IsTrue(IsLowerHex(lines[6].Substring(4)), "lower-case hex: " + lines[6]);
            Assert.AreEqual("", lines[7], "ends with a newline");
            int sigAt = text.IndexOf("sig=");
            Assert.AreEqual(Bytes.Hex(TestHmac.Mac(Key(), Bytes.Slice(payload, 0, sigAt))), lines[6].Substring(4), "HMAC-SHA256 of everything before it");
        }

        [TestMethod]
        public void Parsed_document_verifies_with_its_key_and_not_with_another()
        {
            byte[] payload = Signed(3, ConfigSettings.ResultTimeoutMs, "5000");

            string reason;
            string detail;
            ConfigDocument doc = ConfigDocument.TryParse(payload, out reason, out detail);

            Assert.IsNotNull(doc, "parsed");
            Assert.IsNull(reason, "no reason");
            Assert.AreEqual("vt-001", doc.DeviceId, "device");
            Assert.AreEqual(3u, doc.Version, "version");
            Assert.AreEqual(1764000000000L, doc.IssuedAtUnixMs, "issued at");
            Assert.AreEqual("5000", (string)doc.Settings[ConfigSettings.ResultTimeoutMs], "setting");
            Assert.IsTrue(doc.Verify(TestHmac.Instance, Key()), "verifies with its key");
            Assert.IsFalse(doc.Verify(TestHmac.Instance, Bytes.Series(9, 32, 0)), "not with another");
            Assert.IsNull(doc.ValidateSettings(), "valid settings");
        }

        [TestMethod]
        public void Every_single_byte_change_before_the_signature_fails_verification()
        {
            byte[] payload = Signed(3, ConfigSettings.Language, "en");
            int sigAt = Bytes.Text(payload).IndexOf("sig=");
            for (int i = 0; i < sigAt; i++)
            {
                byte[] tampered = Bytes.Copy(payload);
                tampered[i] ^= 0x01;
                string reason;
                string detail;
                ConfigDocument doc = ConfigDocument.TryParse(tampered, out reason, out detail);
                Assert.IsTrue(doc == null || !doc.Verify(TestHmac.Instance, Key()), "byte " + i + " changed still verifies");
            }
        }

        [DataRow("", "format")]
        [DataRow("v=2\ndevice=vt-001\nversion=1\nissuedAt=0\nsig=00\n", "format")]
        [DataRow("device=vt-001\nv=1\nversion=1\nissuedAt=0\n", "format")]
        [DataRow("v=1\ndevice=vt-001\nissuedAt=0\n", "format")]
        [DataRow("v=1\ndevice=vt-001\nversion=0\nissuedAt=0\n", "format")]
        [DataRow("v=1\ndevice=vt-001\nversion=01\nissuedAt=0\n", "format")]
        [DataRow("v=1\ndevice=vt-001\nversion=1\nversion=2\nissuedAt=0\n", "format")]
        [DataRow("v=1\ndevice=vt-001\nversion=1\nissuedAt=0\nlanguage=nl\nlanguage=fr\n", "format")]
        [DataRow("v=1\ndevice=vt-001\nversion=1\nissuedAt=0\n\nlanguage=nl\n", "format")]
        [DataRow("v=1\r\ndevice=vt-001\nversion=1\nissuedAt=0\n", "format")]
        [DataRow("v=1\ndevice=vt-001\nversion=1\nissuedAt=0\nlanguage=nl\n", "unsigned")]
        [DataRow("v=1\ndevice=vt-001\nversion=1\nissuedAt=0\nsig=xyz\n", "signature")]
        public void Malformed_document_is_refused_with_its_reason(string text, string expectedReason)
        {
            string reason;
            string detail;
            ConfigDocument doc = ConfigDocument.TryParse(Bytes.Utf8(text), out reason, out detail);

            Assert.IsNull(doc, "refused");
            Assert.AreEqual(expectedReason, reason, "reason");
            Assert.IsFalse(detail == null || detail.Trim().Length == 0, "a detail");
        }

        [TestMethod]
        public void A_line_after_the_signature_makes_the_document_unreadable()
        {
            byte[] payload = Bytes.Concat(Signed(2), Bytes.Utf8("language=fr\n"));

            string reason;
            string detail;
            Assert.IsNull(ConfigDocument.TryParse(payload, out reason, out detail), "refused");
            Assert.AreEqual(ConfigRefusal.Format, reason, "reason");
            Assert.Contains("last line", detail, "detail");
        }

        [TestMethod]
        public void Oversize_and_non_utf8_payloads_are_format_refusals_with_the_version_unknown()
        {
            byte[] big = Bytes.Utf8("v=1\ndevice=vt-001\nversion=5\nissuedAt=0\nx=" + new string('a', 1100) + "\n");
            string reason;
            string detail;
            uint version;
            Assert.IsNull(ConfigDocument.TryParse(big, out reason, out detail, out version), "too big");
            Assert.AreEqual(ConfigRefusal.Format, reason, "reason");
            Assert.Contains("1024", detail, "detail names the bound");
            Assert.AreEqual(0u, version, "version unknown");

            Assert.IsNull(ConfigDocument.TryParse(new byte[] { 0x76, 0x3D, 0xFF, 0xFE, 0x0A }, out reason, out detail), "not UTF-8");
            Assert.AreEqual(ConfigRefusal.Format, reason, "not UTF-8 reason");
        }

        [TestMethod]
        public void Unknown_key_and_out_of_range_value_parse_but_do_not_validate()
        {
            string reason;
            string detail;
            ConfigDocument unknown = ConfigDocument.TryParse(
                Bytes.Utf8("v=1\ndevice=vt-001\nversion=1\nissuedAt=0\nvolume=3\nsig=" + new string('0', 64) + "\n"), out reason, out detail);
            Assert.IsNotNull(unknown, "parsed");
            Assert.Contains("unknown setting 'volume'", unknown.ValidateSettings(), "unknown setting");

            ConfigDocument outOfRange = ConfigDocument.TryParse(
                Bytes.Utf8("v=1\ndevice=vt-001\nversion=1\nissuedAt=0\nresultTimeoutMs=99\nsig=" + new string('0', 64) + "\n"), out reason, out detail);
            Assert.IsNotNull(outOfRange, "parsed");
            Assert.AreEqual("resultTimeoutMs must be a whole number of milliseconds from 100 to 60000, not '99'", outOfRange.ValidateSettings(), "out of range");
        }

        [DataRow("language", "nl", true)]
        [DataRow("language", "de", false)]
        [DataRow("resultTimeoutMs", "100", true)]
        [DataRow("resultTimeoutMs", "60001", false)]
        [DataRow("resultShownMs", "499", false)]
        [DataRow("retapWindowMs", "0", true)]
        [DataRow("retapWindowMs", "600001", false)]
        [DataRow("replayIntervalMs", "999", false)]
        [DataRow("replayIntervalMs", "3600000", true)]
        [DataRow("statusIntervalMs", "1000", true)]
        [DataRow("statusIntervalMs", "-5", false)]
        [DataRow("statusIntervalMs", "05000", false)]
        [DataRow("statusIntervalMs", " 5000", false)]
        [DataRow("volume", "1", false)]
        public void Settings_are_checked_against_their_bounds(string key, string value, bool allowed)
        {
            Assert.AreEqual(allowed, ConfigSettings.Validate(key, value) == null, key + "=" + value);
        }

        [TestMethod]
        public void Signing_a_setting_the_terminal_would_refuse_throws()
        {
            Hashtable table = new Hashtable();
            table["resultShownMs"] = "10";
            Expect.Throws(typeof(ArgumentException), () => new ConfigDocument("vt-001", 1, 0, table).Sign(TestHmac.Instance, Key()), "a value out of range");
            Expect.Throws(typeof(ArgumentException), () => new ConfigDocument("vt-001", 0, 0, null).Sign(TestHmac.Instance, Key()), "version 0");
            Expect.Throws(typeof(ArgumentException), () => new ConfigDocument("vt-001", 1, 0, null).Sign(TestHmac.Instance, new byte[16]), "a 16-byte key");
        }

        [TestMethod]
        public void Reports_round_trip_and_the_detail_is_cut_to_printable_ascii()
        {
            ConfigReport applied = ConfigReport.ForApplied(8, 1764000000000);
            Assert.AreEqual("v=1\nversion=8\nresult=applied\napplied=8\nat=1764000000000\n", Bytes.Text(applied.Encode()), "applied text");

            ConfigReport refused = ConfigReport.ForRefused(6, 7, ConfigRefusal.Stale, "older than 7 \u00e9\n" + new string('x', 200), 0);
            ConfigReport back;
            string error;
            Assert.IsTrue(ConfigReport.TryParse(refused.Encode(), out back, out error), "parses: " + error);
            Assert.IsTrue(back.IsRefused, "refused");
            Assert.AreEqual(6u, back.Version, "version");
            Assert.AreEqual(7u, back.Applied, "applied");
            Assert.AreEqual("stale", back.Reason, "reason");
            Assert.AreEqual(120, back.Detail.Length, "detail cut to 120");
            Assert.StartsWith("older than 7 ? ", back.Detail, "printable ASCII");
            Assert.AreEqual(0L, back.AtUnixMs, "at");

            Assert.IsFalse(ConfigReport.TryParse(Bytes.Utf8("v=1\nversion=x\n"), out back, out error), "bad version");
            Assert.Contains("version", error, "reason");
        }
    }
}
