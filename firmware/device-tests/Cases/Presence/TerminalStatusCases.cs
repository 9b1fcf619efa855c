using nanoFramework.TestFramework;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol.Presence;

namespace Uitpas.Edge.DeviceTests.Cases.Presence
{
    /// <summary>The retained status payload: every field round-trips, the size is bounded, bad bytes are refused with a reason.</summary>
    [TestClass]
    public class TerminalStatusCases
    {
        private static TerminalStatus Full()
        {
            TerminalStatus s = new TerminalStatus();
            s.State = TerminalStatus.Online;
            s.BootEpoch = 4000000000;
            s.UptimeMs = 123456789012;
            s.SentAtUnixMs = 1790000123456;
            s.LastTapUnixMs = 1790000000001;
            s.TapsSinceBoot = 812;
            s.Reader = TerminalStatus.ReaderDegraded;
            s.ReaderFaults = 3;
            s.ReaderResets = 2;
            s.JournalDepth = 41;
            s.AllowlistVersion = 12;
            s.EventsVersion = 5;
            s.Firmware = "2.0.1+5f0c9a1d2e3b4c5d6e7f8091a2b3c4d5e6f70812";
            s.ConfigVersion = 9;
            return s;
        }

        private static TerminalStatus Decode(byte[] payload)
        {
            TerminalStatus status;
            string error;
            Assert.IsTrue(TerminalStatus.TryParse(payload, out status, out error), "parses: " + error);
            return status;
        }

        [TestMethod]
        public void Status_round_trips_every_field()
        {
            TerminalStatus original = Full();

            TerminalStatus decoded = Decode(original.Encode());

            Assert.AreEqual(original.State, decoded.State, "state");
            Assert.AreEqual(original.BootEpoch, decoded.BootEpoch, "epoch");
            Assert.AreEqual(original.UptimeMs, decoded.UptimeMs, "uptime");
            Assert.AreEqual(original.SentAtUnixMs, decoded.SentAtUnixMs, "sent at");
            Assert.AreEqual(original.LastTapUnixMs, decoded.LastTapUnixMs, "last tap");
            Assert.AreEqual(original.TapsSinceBoot, decoded.TapsSinceBoot, "taps since boot");
            Assert.AreEqual(original.Reader, decoded.Reader, "reader");
            Assert.AreEqual(original.ReaderFaults, decoded.ReaderFaults, "reader faults");
            Assert.AreEqual(original.ReaderResets, decoded.ReaderResets, "reader resets");
            Assert.AreEqual(original.JournalDepth, decoded.JournalDepth, "journal depth");
            Assert.AreEqual(original.AllowlistVersion, decoded.AllowlistVersion, "allowlist version");
            Assert.AreEqual(original.EventsVersion, decoded.EventsVersion, "events version");
            Assert.AreEqual(original.Firmware, decoded.Firmware, "firmware");
            Assert.AreEqual(original.ConfigVersion, decoded.ConfigVersion, "config version");
            Assert.AreEqual(original.IsOnline, decoded.IsOnline, "online");
            Assert.AreEqual(TerminalStatus.OfflineWill, Decode(original.WithState(TerminalStatus.OfflineWill).Encode()).State, "the will's state");
        }

        [TestMethod]
        public void Largest_status_fits_the_bound()
        {
            TerminalStatus largest = Full();
            largest.State = TerminalStatus.OfflineClean;
            largest.BootEpoch = uint.MaxValue;
            largest.UptimeMs = 999999999999999;
            largest.SentAtUnixMs = 999999999999999;
            largest.LastTapUnixMs = 999999999999999;
            largest.TapsSinceBoot = uint.MaxValue;
            largest.ReaderFaults = uint.MaxValue;
            largest.ReaderResets = uint.MaxValue;
            largest.JournalDepth = uint.MaxValue;
            largest.AllowlistVersion = uint.MaxValue;
            largest.EventsVersion = uint.MaxValue;
            largest.ConfigVersion = uint.MaxValue;
            largest.Firmware = new string('x', 200);

            byte[] payload = largest.Encode();

            Assert.IsTrue(payload.Length >= 1 && payload.Length <= TerminalStatus.MaxLength, "length " + payload.Length);
            Assert.AreEqual(64, Decode(payload).Firmware.Length, "firmware cut to 64");
        }

        [DataRow("", "empty payload")]
        [DataRow("state=online\nepoch=1\nuptime=0\n", "format version missing")]
        [DataRow("v=2\nstate=online\nepoch=1\nuptime=0\n", "unknown format version 2")]
        [DataRow("v=1\nstate=sleeping\nepoch=1\nuptime=0\n", "state missing")]
        [DataRow("v=1\nstate=online\nuptime=0\n", "epoch missing")]
        [DataRow("v=1\nstate=online\nepoch=4294967296\nuptime=0\n", "epoch missing")]
        [DataRow("v=1\nstate=online\nepoch=1\n", "uptime missing")]
        [DataRow("v=1\nstate=online\nstate=offline-will\nepoch=1\nuptime=0\n", "state given twice")]
        [DataRow("v=1\nstate=online\nepoch=1\nuptime=0\njournal=-1\n", "journal is not a number")]
        [DataRow("v=1\nstate=online\nepoch=1\nuptime=0\nreader=broken\n", "reader is not")]
        [DataRow("v=1\nstate=online\nepoch=1\nuptime=0\nfirmware=a b\n", "firmware")]
        [DataRow("v=1\nstate=online\nepoch=1\nuptime=0\nnonsense\n", "not key=value")]
        public void Malformed_status_is_refused_with_a_reason(string text, string expected)
        {
            TerminalStatus status;
            string error;
            Assert.IsFalse(TerminalStatus.TryParse(Bytes.Utf8(text), out status, out error), "refused");
            Assert.IsNull(status, "no status");
            Assert.Contains(expected, error, "reason");
        }

        [TestMethod]
        public void Bad_bytes_are_refused_with_a_reason_and_unknown_keys_are_ignored()
        {
            TerminalStatus status;
            string error;
            Assert.IsFalse(TerminalStatus.TryParse(null, out status, out error), "null");
            Assert.IsNotNull(error, "a reason for null");
            Assert.IsFalse(TerminalStatus.TryParse(new byte[] { 0xC3, 0x28, 0x3D }, out status, out error), "bad UTF-8");
            Assert.Contains("UTF-8", error, "UTF-8 reason");
            Assert.IsFalse(TerminalStatus.TryParse(new byte[TerminalStatus.MaxLength + 1], out status, out error), "too long");
            Assert.Contains("longer", error, "length reason");

            TerminalStatus minimal = Decode(Bytes.Utf8("v=1\nstate=online\nepoch=3\nuptime=10\nbattery=87\n"));
            Assert.AreEqual(3u, minimal.BootEpoch, "epoch");
            Assert.AreEqual(TerminalStatus.ReaderUnknown, minimal.Reader, "reader unknown when not given");
        }
    }
}
