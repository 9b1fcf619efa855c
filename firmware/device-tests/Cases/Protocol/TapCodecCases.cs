using nanoFramework.TestFramework;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.DeviceTests.Cases.Protocol
{
    /// <summary>The tap and result payloads, chip numbers, terminal topics and the CRC the journal uses.</summary>
    [TestClass]
    public class TapCodecCases
    {
        [DataRow(4)]
        [DataRow(7)]
        [DataRow(10)]
        public void Tap_round_trips_for_every_uid_size(int size)
        {
            byte[] uid = Bytes.Series(1, size, 1);
            TapEvent tap = new TapEvent(7, 42, 1790000000123, uid, TapFlags.Replay);

            TapEvent back;
            string error;
            Assert.IsTrue(TapEventCodec.TryDecode(TapEventCodec.Encode(tap), out back, out error), "decodes: " + error);

            Assert.AreEqual(7u, back.BootEpoch, "epoch");
            Assert.AreEqual(42u, back.Sequence, "sequence");
            Assert.AreEqual(1790000000123L, back.TappedAtUnixMs, "tapped at");
            Assert.AreEqual(TapFlags.Replay, back.Flags, "flags");
            Assert.Equal(uid, back.ChipUid, "chip uid");
        }

        [TestMethod]
        public void Result_round_trips_with_utf8_message()
        {
            TapResult result = new TapResult(3, 9, TapOutcome.Refused, 0, -1, "maximum-reached", "Déjà enregistré aujourd'hui · ✓");

            TapResult back;
            string error;
            Assert.IsTrue(TapResultCodec.TryDecode(TapResultCodec.Encode(result), out back, out error), "decodes: " + error);

            Assert.AreEqual(3u, back.BootEpoch, "epoch");
            Assert.AreEqual(9u, back.Sequence, "sequence");
            Assert.AreEqual((int)TapOutcome.Refused, (int)back.Outcome, "outcome");
            Assert.AreEqual(-1, back.TotalPoints, "total");
            Assert.AreEqual("maximum-reached", back.Reason, "reason");
            Assert.AreEqual(result.Message, back.Message, "message");
        }

        [TestMethod]
        public void Overlong_message_is_cut_on_a_character_boundary()
        {
            TapResult result = new TapResult(1, 1, TapOutcome.Refused, 0, -1, "x", new string('é', 400));

            TapResult back;
            string error;
            Assert.IsTrue(TapResultCodec.TryDecode(TapResultCodec.Encode(result), out back, out error), "decodes: " + error);

            Assert.AreEqual(new string('é', 256), back.Message, "256 whole characters");
        }

        [DataRow("0101", "shorter")]
        [DataRow("020100000001000000010000000000000000000401020304", "version")]
        [DataRow("010200000001000000010000000000000000000401020304", "not a tap")]
        [DataRow("010100000001000000000000000000000000000401020304", "sequence 0")]
        [DataRow("01010000000100000001000000000000000000050102030405", "UID length 5")]
        [DataRow("010100000001000000010000000000000000000701020304", "does not match")]
        [DataRow("010100000001000000010000000000000000080401020304", "flags")]
        public void Malformed_tap_is_refused_with_a_reason(string payloadHex, string expected)
        {
            TapEvent tap;
            string error;
            Assert.IsFalse(TapEventCodec.TryDecode(Bytes.FromHex(payloadHex), out tap, out error), "refused");
            Assert.IsNull(tap, "no tap");
            Assert.Contains(expected, error, "reason");
        }

        [DataRow("044D71DA862680", true)]
        [DataRow("044d71da862680", true)]
        [DataRow("044D71DA86268", false)]
        [DataRow("044D71DA86268G", false)]
        [DataRow("", false)]
        public void Chip_numbers_parse_only_when_they_are_whole_uids(string text, bool valid)
        {
            byte[] uid = ChipUid.TryParseHex(text);

            Assert.AreEqual(valid, uid != null, "parsed: " + text);
            if (valid)
            {
                Assert.AreEqual(text.ToUpper(), ChipUid.ToHex(uid), "written back in upper case");
            }
        }

        // "" stands for no device id / suffix (null).
        [DataRow("uitpas/v1/t/vt-001/tap", true, "vt-001", "tap")]
        [DataRow("uitpas/v1/t/VT-001/tap", false, "", "")]
        [DataRow("uitpas/v1/t/vt-001/tap/extra", false, "", "")]
        [DataRow("uitpas/v1/t//tap", false, "", "")]
        [DataRow("other/v1/t/vt-001/tap", false, "", "")]
        public void Terminal_topics_parse_strictly(string topic, bool ok, string device, string suffix)
        {
            string d;
            string s;
            Assert.AreEqual(ok, Topics.TryParseTerminalTopic(topic, out d, out s), "parsed: " + topic);
            Assert.AreEqual(device.Length == 0 ? null : device, d, "device");
            Assert.AreEqual(suffix.Length == 0 ? null : suffix, s, "suffix");
        }

        [TestMethod]
        public void Crc32_matches_the_standard_check_value()
        {
            byte[] check = Bytes.Utf8("123456789");
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(check, 0, check.Length), "CRC-32 check value");
        }
    }
}
