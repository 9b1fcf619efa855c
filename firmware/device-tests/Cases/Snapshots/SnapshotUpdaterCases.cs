using System;
using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.DeviceTests.Cases.Snapshots
{
    /// <summary>
    /// The allowlist on the terminal: full downloads and delta chains installed, bad files refused with the
    /// previous kept, downloads resumed after a break or a reboot, power cuts at any write survived.
    /// </summary>
    [TestClass]
    public class SnapshotUpdaterCases
    {
        private static byte[] Flip(byte[] file, int at)
        {
            byte[] copy = Bytes.Copy(file);
            copy[at] ^= 0x01;
            return copy;
        }

        private static byte[][] With(byte[][] uids, params byte[][] more)
        {
            return Uids.Concat(uids, more);
        }

        /// <summary>Version 2 with 300 more scattered cards than version 1: about 2.8 KB, six chunks.</summary>
        private static byte[] BiggerV2()
        {
            byte[][] social = Uids.Concat(With(SnapshotRig.SocialV1(), Uids.Numbered(1100)), Uids.Scattered(2, 300));
            return SnapshotMaker.Full(2, new byte[][] { Uids.Numbered(3) }, social);
        }

        [TestMethod]
        public void Full_download_installs_and_lookups_answer()
        {
            SnapshotRig rig = new SnapshotRig();
            SnapshotUpdater updater = rig.Boot();
            Assert.IsFalse(updater.Rules.HasAllowlist, "no allowlist at first");
            byte[] file = SnapshotMaker.Full(1, SnapshotRig.BlockedV1(), SnapshotRig.SocialV1());

            rig.OfferAllowlist(1, "al-12-1", file);
            rig.Drive.Run(updater, () => updater.AllowlistVersion == 1);

            SnapshotRig.AssertV1InUse(updater);
            Assert.IsTrue(updater.Rules.HasAllowlist, "an allowlist");
            Assert.Equal(file, rig.Flash.Bytes("al.0"), "stored in slot 0");
            Assert.AreEqual((file.Length + 511) / 512, rig.Agent.Requests.Count, "one request per 512-byte chunk");
            for (int i = 0; i < rig.Agent.Requests.Count; i++)
            {
                Assert.AreEqual("al-12-1", rig.Agent.RequestAt(i).File, "request " + i);
            }
            Assert.AreEqual(1, rig.Agent.Reports.Count, "one report");
            Assert.AreEqual(AppliedReport.Applied, rig.Agent.ReportAt(0).Status, "applied");
            Assert.AreEqual(1u, rig.Agent.ReportAt(0).Version, "version 1");
        }

        [TestMethod]
        public void Delta_chain_is_applied_without_fetching_the_full_file()
        {
            SnapshotRig rig = new SnapshotRig();
            SnapshotUpdater updater = rig.InstallV1();
            byte[][] blocked2 = new byte[][] { Uids.Numbered(1), Uids.Numbered(2), Uids.Numbered(3) };
            byte[][] social2 = With(Uids.Skip(SnapshotRig.SocialV1(), 10), Uids.Numbered(900));
            byte[][] blocked3 = new byte[][] { Uids.Numbered(2), Uids.Numbered(3) };
            byte[][] social3 = With(Uids.Skip(social2, 5), Uids.Numbered(901), Uids.Numbered(105));
            byte[] full2;
            byte[] d12 = SnapshotMaker.Delta(1, 2, SnapshotRig.BlockedV1(), SnapshotRig.SocialV1(), blocked2, social2, out full2);
            byte[] full3;
            byte[] d23 = SnapshotMaker.Delta(2, 3, blocked2, social2, blocked3, social3, out full3);
            rig.Agent.Files["al-12-1-2"] = d12;
            rig.Agent.Files["al-12-2-3"] = d23;

            rig.OfferAllowlist(3, "al-12-3", full3, new ManifestDelta("al-12-2-3", 2, d23.Length), new ManifestDelta("al-12-1-2", 1, d12.Length));
            rig.Drive.Run(updater, () => updater.AllowlistVersion == 3);

            string previous = null;
            int files = 0;
            for (int i = 0; i < rig.Agent.Requests.Count; i++)
            {
                string file = rig.Agent.RequestAt(i).File;
                if (file != previous)
                {
                    Assert.AreEqual(files == 0 ? "al-12-1-2" : "al-12-2-3", file, "the deltas in chain order, nothing else");
                    files++;
                    previous = file;
                }
            }
            Assert.AreEqual(2, files, "two files fetched");
            bool stored = (rig.Flash.LengthOf("al.0") >= 0 && Bytes.Same(rig.Flash.Bytes("al.0"), full3))
                || (rig.Flash.LengthOf("al.1") >= 0 && Bytes.Same(rig.Flash.Bytes("al.1"), full3));
            Assert.IsTrue(stored, "version 3 stored byte for byte in a slot");
            Assert.AreEqual(CardFlags.None, updater.Rules.FlagsOf(Uids.Numbered(1)), "card 1 unblocked");
            Assert.AreEqual(CardFlags.Blocked, updater.Rules.FlagsOf(Uids.Numbered(3)), "card 3 blocked");
            Assert.AreEqual(CardFlags.SocialTariff, updater.Rules.FlagsOf(Uids.Numbered(901)), "card 901 added");
            Assert.AreEqual(CardFlags.None, updater.Rules.FlagsOf(Uids.Numbered(100)), "card 100 removed");
            int applied = 0;
            for (int i = 0; i < rig.Agent.Reports.Count; i++)
            {
                AppliedReport report = rig.Agent.ReportAt(i);
                if (!report.IsRefused)
                {
                    Assert.AreEqual((uint)(2 + applied), report.Version, "applied report " + applied);
                    applied++;
                }
            }
            Assert.AreEqual(2, applied, "versions 2 and 3 reported applied");
            Assert.AreEqual(-1L, rig.Flash.LengthOf("al.delta"), "the delta scratch file removed");
        }

        [DataRow("corrupted", "tag mismatch")]
        [DataRow("truncated", "truncated")]
        [DataRow("forged", "tag mismatch")]
        [DataRow("older file", "older than current")]
        [DataRow("wrong card system", "wrong card system")]
        [DataRow("lying length", "length mismatch")]
        [DataRow("events file", "wrong kind")]
        public void Bad_snapshot_is_refused_with_its_reason_and_the_previous_stays_in_use(string bad, string reason)
        {
            SnapshotRig rig = new SnapshotRig();
            SnapshotUpdater updater = rig.Boot();
            rig.OfferAllowlist(3, "al-12-3", SnapshotMaker.Full(3, SnapshotRig.BlockedV1(), SnapshotRig.SocialV1()));
            rig.Drive.Run(updater, () => updater.AllowlistVersion == 3);
            rig.Agent.Reports.Clear();
            byte[][] blocked4 = new byte[][] { Uids.Numbered(7) };
            byte[][] social4 = new byte[][] { Uids.Numbered(8) };
            byte[] good = SnapshotMaker.Full(4, blocked4, social4);
            byte[] file = good;
            switch (bad)
            {
                case "corrupted": file = Flip(good, good.Length / 2); break;
                case "truncated": file = Bytes.Slice(good, 0, good.Length - 100); break;
                case "forged": file = SnapshotMaker.Full(4, blocked4, social4, SnapshotMaker.ForgedKey(), SnapshotMaker.CardSystem); break;
                case "older file": file = SnapshotMaker.Full(2, blocked4, social4); break;
                case "wrong card system": file = SnapshotMaker.Full(4, blocked4, social4, SnapshotMaker.Key(), 13); break;
                case "events file": file = SnapshotMaker.Events(4, new EventRules[] { SnapshotMaker.Event("evt-1", 1, LimitPeriod.Day) }); break;
                case "lying length": rig.Agent.ClaimedTotal = good.Length + 10; break;
            }

            rig.OfferAllowlist(4, "al-12-4", file);
            rig.Drive.Run(updater, () => rig.Agent.Reports.Count > 0);

            Assert.AreEqual(1, rig.Agent.Reports.Count, "one report");
            AppliedReport report = rig.Agent.ReportAt(0);
            Assert.IsTrue(report.IsRefused, "refused");
            Assert.Contains(reason, report.Reason, "reason");
            Assert.AreEqual(3u, report.Version, "version in use");
            Assert.AreEqual(4u, report.RefusedVersion, "refused version");
            Assert.IsTrue(rig.Log.Has("refused", reason), "logged: " + rig.Log.Joined());
            Assert.Contains(reason, updater.LastRefusal, "last refusal");
            Assert.AreEqual(3u, updater.AllowlistVersion, "version 3 kept");
            Assert.AreEqual(CardFlags.Blocked, updater.Rules.FlagsOf(Uids.Numbered(1)), "version 3's blocked card");
            Assert.AreEqual(CardFlags.None, updater.Rules.FlagsOf(Uids.Numbered(7)), "version 4's blocked card unknown");
            Assert.AreEqual(1, rig.Flash.OpenReaders, "only the file in use is open");

            // The same manifest again (a reconnect) is not fetched again in this boot.
            int requests = rig.Agent.Requests.Count;
            rig.Agent.Disconnect();
            rig.Agent.Connect();
            rig.Drive.RunFor(updater, 2000);
            Assert.AreEqual(requests, rig.Agent.Requests.Count, "not fetched again");
            Assert.AreEqual(3u, rig.Boot(rig.Flash.CutAt(rig.Flash.Changes)).AllowlistVersion, "version 3 after a reboot");
        }

        [TestMethod]
        public void Older_manifest_is_refused_without_downloading()
        {
            SnapshotRig rig = new SnapshotRig();
            SnapshotUpdater updater = rig.InstallV1();

            rig.OfferAllowlist(1, "al-12-1", SnapshotMaker.Full(1, SnapshotRig.BlockedV1(), SnapshotRig.SocialV1()));
            rig.Drive.RunFor(updater, 100);
            Assert.AreEqual(1, rig.Agent.Reports.Count, "the same version again is reported");
            Assert.AreEqual(AppliedReport.Applied, rig.Agent.ReportAt(0).Status, "as applied");

            rig.Agent.Reports.Clear();
            SnapshotUpdater updater3 = rig.Boot();
            rig.OfferAllowlist(3, "al-12-3", SnapshotMaker.Full(3, SnapshotRig.BlockedV1(), SnapshotRig.SocialV1()));
            rig.Drive.Run(updater3, () => updater3.AllowlistVersion == 3);
            rig.Agent.Requests.Clear();
            rig.Agent.Reports.Clear();
            rig.OfferAllowlist(2, "al-12-2", SnapshotMaker.Full(2, new byte[0][], new byte[0][]));
            rig.Drive.RunFor(updater3, 100);

            Assert.AreEqual(1, rig.Agent.Reports.Count, "one report");
            AppliedReport report = rig.Agent.ReportAt(0);
            Assert.IsTrue(report.IsRefused, "refused");
            Assert.StartsWith("older than current", report.Reason, "reason");
            Assert.AreEqual(0, rig.Agent.Requests.Count, "nothing downloaded");
            Assert.AreEqual(3u, updater3.AllowlistVersion, "version 3 kept");
        }

        [TestMethod]
        public void Malformed_manifest_and_chunk_bytes_are_refused_without_harm()
        {
            SnapshotRig rig = new SnapshotRig();
            SnapshotUpdater updater = rig.InstallV1();
            Random random = new Random(4);
            for (int i = 0; i < 200; i++)
            {
                byte[] junk = new byte[random.Next(300)];
                random.NextBytes(junk);
                rig.Agent.Deliver(i % 2 == 0 ? SnapshotRig.AllowlistTopic : DistributionTopics.Chunk(SnapshotMaker.Device), junk);
            }
            rig.Agent.Deliver(SnapshotRig.AllowlistTopic, Bytes.Utf8("kind=allowlist\nversion=9\nfile=al-12-9\n"));

            rig.Drive.RunFor(updater, 200);

            SnapshotRig.AssertV1InUse(updater);
            Assert.IsTrue(updater.MalformedMessages >= 100, "malformed messages: " + updater.MalformedMessages);
            bool lengthMissing = false;
            for (int i = 0; i < rig.Agent.Reports.Count; i++)
            {
                AppliedReport report = rig.Agent.ReportAt(i);
                lengthMissing |= report.IsRefused && report.Reason.IndexOf("length missing") >= 0;
            }
            Assert.IsTrue(lengthMissing, "the manifest without a length is refused as such");
            Assert.AreEqual(0, rig.Agent.Requests.Count, "nothing downloaded");
        }

        [TestMethod]
        public void Interrupted_download_resumes_at_the_scratch_length()
        {
            SnapshotRig rig = new SnapshotRig();
            SnapshotUpdater updater = rig.InstallV1();
            byte[] v2 = BiggerV2();
            rig.Agent.AnswersLeft = 3;
            rig.OfferAllowlist(2, "al-12-2", v2);
            rig.Drive.Run(updater, () => rig.Agent.Requests.Count == 4);
            rig.Agent.Disconnect();
            rig.Drive.RunFor(updater, 10000);
            long scratch = rig.Flash.LengthOf("al.1");
            Assert.AreEqual(3L * 512, scratch, "three chunks in the scratch file");
            int before = rig.Agent.Requests.Count;

            rig.Agent.AnswersLeft = -1;
            rig.Agent.Connect();
            rig.Drive.Run(updater, () => updater.AllowlistVersion == 2);

            Assert.AreEqual(scratch, rig.Agent.RequestAt(before).Offset, "resumed at the scratch length");
            long fetched = 0;
            for (int i = before; i < rig.Agent.Requests.Count; i++)
            {
                ChunkRequest r = rig.Agent.RequestAt(i);
                long left = v2.Length - r.Offset;
                fetched += r.Count < left ? r.Count : left;
            }
            Assert.AreEqual(v2.Length - scratch, fetched, "only the rest fetched");
            Assert.AreEqual(CardFlags.SocialTariff, updater.Rules.FlagsOf(Uids.Numbered(1100)), "version 2 in use");
        }

        [TestMethod]
        public void Interrupted_download_resumes_after_a_reboot()
        {
            SnapshotRig rig = new SnapshotRig();
            SnapshotUpdater updater = rig.InstallV1();
            byte[] v2 = BiggerV2();
            rig.Agent.AnswersLeft = 2;
            rig.OfferAllowlist(2, "al-12-2", v2);
            rig.Drive.Run(updater, () => rig.Agent.Requests.Count == 3);
            rig.Agent.Disconnect();

            SnapshotFlash rebooted = rig.Flash.CutAt(rig.Flash.Changes);
            long scratch = rebooted.LengthOf("al.1");
            Assert.AreEqual(2L * 512, scratch, "two chunks in the scratch file");
            SnapshotUpdater again = rig.Boot(rebooted);
            SnapshotRig.AssertV1InUse(again);
            int before = rig.Agent.Requests.Count;
            rig.Agent.AnswersLeft = -1;
            rig.Agent.Connect();
            rig.Drive.Run(again, () => again.AllowlistVersion == 2);

            Assert.AreEqual(scratch, rig.Agent.RequestAt(before).Offset, "resumed at the scratch length");
            Assert.IsTrue(rig.Log.Has("resuming at byte " + scratch), "logged: " + rig.Log.Joined());
            Assert.Equal(v2, rebooted.Bytes("al.1"), "version 2 complete in slot 1");
        }

        [TestMethod]
        public void Lost_answers_are_asked_again_after_the_timeout()
        {
            SnapshotRig rig = new SnapshotRig();
            SnapshotUpdater updater = rig.Boot();
            rig.Agent.AnswersLeft = 0;
            rig.OfferAllowlist(1, "al-12-1", SnapshotMaker.Full(1, SnapshotRig.BlockedV1(), SnapshotRig.SocialV1()));
            rig.Drive.RunFor(updater, 2500);
            Assert.AreEqual(3, rig.Agent.Requests.Count, "asked three times");
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual(0L, rig.Agent.RequestAt(i).Offset, "the first chunk each time");
            }

            rig.Drive.RunFor(updater, 4000);
            Assert.AreEqual(3, rig.Agent.Requests.Count, "paused after MaxAttempts");

            rig.Agent.AnswersLeft = -1;
            rig.Drive.Run(updater, () => updater.AllowlistVersion == 1);
        }

        [TestMethod]
        public void Power_cut_at_any_write_of_an_install_leaves_a_usable_snapshot()
        {
            SnapshotRig rig = new SnapshotRig();
            SnapshotUpdater updater = rig.InstallV1();
            int start = rig.Flash.Changes;
            byte[][] blocked2 = new byte[][] { Uids.Numbered(2), Uids.Numbered(9) };
            byte[][] social2 = With(Uids.Skip(SnapshotRig.SocialV1(), 50), Uids.Numbered(777));
            byte[] full2;
            byte[] delta = SnapshotMaker.Delta(1, 2, SnapshotRig.BlockedV1(), SnapshotRig.SocialV1(), blocked2, social2, out full2);
            rig.Agent.Files["al-12-1-2"] = delta;
            rig.OfferAllowlist(2, "al-12-2", full2, new ManifestDelta("al-12-1-2", 1, delta.Length));
            rig.Drive.Run(updater, () => updater.AllowlistVersion == 2);
            int end = rig.Flash.Changes;
            Assert.IsTrue(end - start > 5, "changes in the install: " + (end - start));

            bool sawOne = false;
            bool sawTwo = false;
            for (int cut = start; cut <= end; cut++)
            {
                int torns = cut < end && rig.Flash.IsAppend(cut < end - 1 ? cut : end - 1) ? 2 : 1;
                for (int t = 0; t < torns; t++)
                {
                    int torn = t == 0 ? 0 : 7;
                    SnapshotUpdater booted = new SnapshotUpdater(SnapshotRig.Settings(), rig.Flash.CutAt(cut, torn), rig.Flash.CutAt(cut, torn),
                        new AgentDouble(), TestHmac.Instance, null, null);
                    uint version = booted.AllowlistVersion;
                    string at = "cut at change " + cut + "+" + torn + ": version " + version;
                    Assert.IsTrue(version == 1 || version == 2, at);
                    bool two = version == 2;
                    sawOne |= !two;
                    sawTwo |= two;
                    Assert.AreEqual(two ? CardFlags.SocialTariff : CardFlags.None, booted.Rules.FlagsOf(Uids.Numbered(777)), at + ", card 777");
                    Assert.AreEqual(two ? CardFlags.Blocked : CardFlags.None, booted.Rules.FlagsOf(Uids.Numbered(9)), at + ", card 9");
                    Assert.AreEqual(two ? CardFlags.None : CardFlags.Blocked, booted.Rules.FlagsOf(Uids.Numbered(1)), at + ", card 1");
                }
            }
            Assert.IsTrue(sawOne && sawTwo, "cuts before and after the switch to version 2");
        }

        [TestMethod]
        public void Damaged_current_file_falls_back_to_the_previous_at_boot()
        {
            SnapshotRig rig = new SnapshotRig();
            SnapshotUpdater updater = rig.InstallV1();
            rig.OfferAllowlist(2, "al-12-2", SnapshotMaker.Full(2, new byte[][] { Uids.Numbered(9) }, new byte[][] { Uids.Numbered(777) }));
            rig.Drive.Run(updater, () => updater.AllowlistVersion == 2);
            SnapshotFlash flash = rig.Flash.CutAt(rig.Flash.Changes);
            flash.Corrupt("al.1", (int)flash.LengthOf("al.1") - 1);

            SnapshotUpdater rebooted = rig.Boot(flash);

            SnapshotRig.AssertV1InUse(rebooted);
            Assert.IsTrue(rig.Log.Has("back to previous version 1"), "logged: " + rig.Log.Joined());
        }
    }
}
