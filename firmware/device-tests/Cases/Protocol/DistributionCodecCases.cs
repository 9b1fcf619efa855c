using System;
using nanoFramework.TestFramework;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.DeviceTests.Cases.Protocol
{
    /// <summary>Snapshot distribution: manifests, chunk requests and answers, applied reports, topics and file names.</summary>
    [TestClass]
    public class DistributionCodecCases
    {
        private static byte[] Tag()
        {
            return Bytes.Series(0, 32, 9);
        }

        private static SnapshotManifest Parse(string text)
        {
            SnapshotManifest manifest;
            string error;
            Assert.IsTrue(SnapshotManifest.TryParse(Bytes.Utf8(text), out manifest, out error), "parses: " + error);
            return manifest;
        }

        private static string Refused(string text)
        {
            SnapshotManifest manifest;
            string error;
            Assert.IsFalse(SnapshotManifest.TryParse(Bytes.Utf8(text), out manifest, out error), "refused: " + text);
            return error;
        }

        private static string Chain(string lengthLine)
        {
            return "kind=allowlist\nversion=7\nfile=al-12-7\n" + lengthLine + "\ntag=" + Bytes.Hex(Tag())
                + "\ndelta=al-12-6-7 6 300\ndelta=al-12-5-6 5 400\n";
        }

        [TestMethod]
        public void Manifest_round_trips_with_its_deltas_in_chain_order()
        {
            SnapshotManifest manifest = new SnapshotManifest(SnapshotKind.Allowlist, 7, "al-12-7", 123456, Tag(),
                new ManifestDelta[] { new ManifestDelta("al-12-6-7", 6, 2345), new ManifestDelta("al-12-5-6", 5, 3000) },
                "http://agent:8080/snapshots/");

            string text = Bytes.Text(manifest.Encode());
            SnapshotManifest back = Parse(text);

            Assert.Contains("tag=" + Bytes.Hex(Tag()) + "\n", text, "the tag in lower-case hex");
            Assert.AreEqual(SnapshotKind.Allowlist, back.Kind, "kind");
            Assert.AreEqual(7u, back.Version, "version");
            Assert.AreEqual("al-12-7", back.File, "file");
            Assert.AreEqual(123456L, back.Length, "length");
            Assert.Equal(Tag(), back.Tag, "tag");
            Assert.AreEqual("http://agent:8080/snapshots/", back.Url, "url");
            Assert.AreEqual(2, back.DeltaCount, "two deltas");
            Assert.AreEqual(5u, back.DeltaAt(0).BaseVersion, "first delta from 5");
            Assert.AreEqual(6u, back.DeltaAt(0).TargetVersion, "first delta to 6");
            Assert.AreEqual(6u, back.DeltaAt(1).BaseVersion, "second delta from 6");
            Assert.AreEqual(7u, back.DeltaAt(1).TargetVersion, "second delta to 7");
        }

        [TestMethod]
        public void Manifest_ignores_unknown_keys_and_order_and_accepts_crlf()
        {
            SnapshotManifest m = Parse("future=1\r\ntag=" + Bytes.Hex(Tag()) + "\r\nlength=100\r\nfile=ev-vt-001-3\r\nversion=3\r\nkind=events\r\n");

            Assert.AreEqual(SnapshotKind.Events, m.Kind, "kind");
            Assert.AreEqual(3u, m.Version, "version");
            Assert.AreEqual("ev-vt-001-3", m.File, "file");
            Assert.AreEqual(100L, m.Length, "length");
            Assert.AreEqual(0, m.DeltaCount, "no deltas");
            Assert.IsNull(m.Url, "no url");
        }

        // 0: nothing installed (full file); 4: no delta from 4; 5: 5 → 6 → 7; 6: 6 → 7; 7: already there.
        [DataRow(0, false)]
        [DataRow(4, false)]
        [DataRow(5, true)]
        [DataRow(6, true)]
        [DataRow(7, false)]
        public void Chain_starts_at_the_installed_version_when_complete(int installed, bool chain)
        {
            SnapshotManifest m = Parse(Chain("length=10000"));

            ManifestDelta[] deltas = m.ChainFrom((uint)installed);

            Assert.AreEqual(chain, deltas != null, "a chain from " + installed);
            if (deltas != null)
            {
                Assert.AreEqual(7u, deltas[deltas.Length - 1].TargetVersion, "ends at the manifest's version");
                Assert.AreEqual((uint)installed, deltas[0].BaseVersion, "starts at the installed version");
            }
        }

        [TestMethod]
        public void Chain_larger_than_the_full_file_is_not_used()
        {
            SnapshotManifest m = Parse(Chain("length=500"));

            Assert.IsNull(m.ChainFrom(5), "700 bytes of deltas for a 500-byte file");
            Assert.IsNotNull(m.ChainFrom(6), "300 bytes of delta");
        }

        [DataRow("kind=tariffs\nversion=1\nfile=x\nlength=100\ntag=@\n", "unknown kind")]
        [DataRow("kind=events\nversion=0\nfile=x\nlength=100\ntag=@\n", "version")]
        [DataRow("kind=events\nversion=01\nfile=x\nlength=100\ntag=@\n", "version")]
        [DataRow("kind=events\nversion=1\nfile=../x\nlength=100\ntag=@\n", "file")]
        [DataRow("kind=events\nversion=1\nfile=x\nlength=10\ntag=@\n", "length")]
        [DataRow("kind=events\nversion=1\nfile=x\nlength=100\ntag=ABCD\n", "tag")]
        [DataRow("kind=events\nversion=1\nfile=x\nlength=100\ntag=@\nversion=2\n", "duplicate version")]
        [DataRow("kind=allowlist\nversion=2\nfile=x\nlength=100\ntag=@\ndelta=d 2 100\n", "delta")]
        [DataRow("kind=allowlist\nversion=3\nfile=x\nlength=100\ntag=@\ndelta=d 1 100\ndelta=e 1 100\n", "two deltas")]
        [DataRow("kind=events\nversion=1\nfile=x\nlength=100\ntag=@\nurl=ftp://x/\n", "url")]
        [DataRow("kind=events\nversion=1\nno equals sign\n", "not key=value")]
        public void Bad_manifest_is_refused_with_a_reason(string text, string reason)
        {
            Assert.Contains(reason, Refused(Bytes.Replace(text, "@", Bytes.Hex(Tag()))), "reason");
        }

        [TestMethod]
        public void Null_manifest_payload_is_refused_with_a_reason()
        {
            SnapshotManifest manifest;
            string error;
            Assert.IsFalse(SnapshotManifest.TryParse(null, out manifest, out error), "refused");
            Assert.IsNotNull(error, "a reason");
        }

        [TestMethod]
        public void Chunk_request_round_trips_and_bounds_its_count()
        {
            ChunkRequest r;
            string error;
            Assert.IsTrue(ChunkRequest.TryParse(new ChunkRequest("al-12-7", 4096, 2048).Encode(), out r, out error), "parses: " + error);
            Assert.AreEqual("al-12-7", r.File, "file");
            Assert.AreEqual(4096L, r.Offset, "offset");
            Assert.AreEqual(2048, r.Count, "count");
            Assert.AreEqual("file=al-12-7\noffset=0\ncount=2048\n", Bytes.Text(new ChunkRequest("al-12-7", 0, 2048).Encode()), "text");

            Assert.IsFalse(ChunkRequest.TryParse(Bytes.Utf8("file=al-12-7\noffset=0\ncount=4097\n"), out r, out error), "count over 4096");
            Assert.Contains("count", error, "reason");
            Assert.IsFalse(ChunkRequest.TryParse(Bytes.Utf8("file=al/../7\noffset=0\ncount=1\n"), out r, out error), "a path");
            Expect.Throws(typeof(ArgumentException), () => new ChunkRequest("al-12-7", 0, 0).Encode(), "count 0 is not built");
        }

        [TestMethod]
        public void Chunk_answer_round_trips_and_points_into_the_payload()
        {
            byte[] data = Bytes.Series(0, 300, 1);

            byte[] payload = ChunkAnswer.Encode(ChunkStatus.Ok, "al-12-7", 1000, 5000, data, 100, 200);

            Assert.Equal(new byte[] { 1, 0, 0, 0, 0x03, 0xE8, 0, 0, 0x13, 0x88, 7 }, Bytes.Slice(payload, 0, 11), "fixed header");
            ChunkAnswer a;
            string error;
            Assert.IsTrue(ChunkAnswer.TryParse(payload, out a, out error), "parses: " + error);
            Assert.AreEqual(ChunkStatus.Ok, a.Status, "status");
            Assert.AreEqual("al-12-7", a.File, "file");
            Assert.AreEqual(1000L, a.Offset, "offset");
            Assert.AreEqual(5000L, a.Total, "total");
            Assert.AreEqual(200, a.DataLength, "data length");
            Assert.Equal(Bytes.Slice(data, 100, 200), Bytes.Slice(a.Buffer, a.DataOffset, a.DataLength), "data");

            ChunkAnswer end;
            Assert.IsTrue(ChunkAnswer.TryParse(ChunkAnswer.Encode(ChunkStatus.Ok, "x", 5000, 5000, new byte[0], 0, 0), out end, out error), "the end: " + error);
            Assert.AreEqual(5000L, end.Offset, "end offset");
            Assert.AreEqual(0, end.DataLength, "no data at the end");
            ChunkAnswer unknown;
            Assert.IsTrue(ChunkAnswer.TryParse(ChunkAnswer.Encode(ChunkStatus.UnknownFile, "x", 0, 0, new byte[0], 0, 0), out unknown, out error), "unknown file: " + error);
            Assert.AreEqual(ChunkStatus.UnknownFile, unknown.Status, "unknown file status");
        }

        [TestMethod]
        public void Chunk_answer_running_past_its_total_is_refused()
        {
            byte[] payload = ChunkAnswer.Encode(ChunkStatus.Ok, "x", 0, 10, new byte[10], 0, 10);
            payload[9] = 5; // total 10 → 5

            ChunkAnswer a;
            string error;
            Assert.IsFalse(ChunkAnswer.TryParse(payload, out a, out error), "past the total");
            Assert.Contains("past the file's total", error, "reason");
            Assert.IsFalse(ChunkAnswer.TryParse(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte)'x' }, out a, out error), "version 2");
            Assert.Contains("version", error, "version reason");
        }

        [TestMethod]
        public void Applied_report_round_trips_both_outcomes()
        {
            byte[] applied = AppliedReport.ForApplied(SnapshotKind.Allowlist, 7).Encode();
            Assert.AreEqual("kind=allowlist\nversion=7\nstatus=applied\n", Bytes.Text(applied), "applied text");

            byte[] refused = AppliedReport.ForRefused(SnapshotKind.Events, 3, 4, "tag mismatch: forged\nsecond line").Encode();
            AppliedReport r;
            string error;
            Assert.IsTrue(AppliedReport.TryParse(refused, out r, out error), "parses: " + error);
            Assert.AreEqual(SnapshotKind.Events, r.Kind, "kind");
            Assert.AreEqual(3u, r.Version, "version in use");
            Assert.AreEqual(4u, r.RefusedVersion, "refused version");
            Assert.IsTrue(r.IsRefused, "refused");
            Assert.AreEqual("tag mismatch: forged second line", r.Reason, "one-line reason");
        }

        [TestMethod]
        public void Topics_and_file_names_follow_the_protocol()
        {
            Assert.AreEqual("uitpas/v1/cs/12/allowlist", DistributionTopics.Allowlist(12), "allowlist topic");
            Assert.AreEqual("uitpas/v1/t/vt-001/events", DistributionTopics.Events("vt-001"), "events topic");
            Assert.AreEqual("uitpas/v1/t/vt-001/snapshot/get", DistributionTopics.Get("vt-001"), "get topic");
            Assert.AreEqual("uitpas/v1/t/vt-001/snapshot/chunk", DistributionTopics.Chunk("vt-001"), "chunk topic");
            Assert.AreEqual("uitpas/v1/t/vt-001/snapshot/applied", DistributionTopics.Applied("vt-001"), "applied topic");
            uint cs;
            Assert.IsTrue(DistributionTopics.TryParseAllowlist("uitpas/v1/cs/12/allowlist", out cs), "allowlist topic parses");
            Assert.AreEqual(12u, cs, "card system");
            Assert.IsFalse(DistributionTopics.TryParseAllowlist("uitpas/v1/cs/+/allowlist", out cs), "a wildcard is no card system");
            string device;
            string suffix;
            Assert.IsTrue(DistributionTopics.TryParseTerminal("uitpas/v1/t/vt-001/snapshot/get", out device, out suffix), "terminal topic parses");
            Assert.AreEqual("vt-001", device, "device");
            Assert.AreEqual("snapshot/get", suffix, "suffix");
            Assert.IsFalse(DistributionTopics.TryParseTerminal("uitpas/v1/t/vt-001/tap", out device, out suffix), "the tap topic is not a distribution topic");

            Assert.AreEqual("al-12-7", SnapshotFileNames.Allowlist(12, 7), "allowlist file");
            Assert.AreEqual("al-12-6-7", SnapshotFileNames.AllowlistDelta(12, 6, 7), "delta file");
            Assert.AreEqual("ev-vt-001-3", SnapshotFileNames.Events("vt-001", 3), "events file");
            uint c;
            uint b;
            uint v;
            Assert.IsTrue(SnapshotFileNames.TryParseAllowlist("al-12-6-7", out c, out b, out v), "delta file parses");
            Assert.AreEqual(12u, c, "card system");
            Assert.AreEqual(6u, b, "base");
            Assert.AreEqual(7u, v, "version");
            Assert.IsFalse(SnapshotFileNames.TryParseAllowlist("al-12-7-6", out c, out b, out v), "a delta backwards");
        }
    }
}
