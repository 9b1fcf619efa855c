using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;
using nanoFramework.TestFramework;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>
    /// One terminal's snapshot updater with its flash, the agent and a driver. The data is sized for the
    /// device's heap: version 1 blocks 2 cards and gives 500 the social tariff (300 numbered, 200
    /// scattered), a file of 1.7 KB in four 512-byte chunks (the host tests had 2,300 cards, about 10 KB).
    /// </summary>
    public sealed class SnapshotRig
    {
        public SnapshotRig()
        {
            Flash = new SnapshotFlash();
            Agent = new AgentDouble();
            Log = new SnapshotLogDouble();
            Drive = new SnapshotDriver(Agent, Log);
        }

        public static string AllowlistTopic
        {
            get { return DistributionTopics.Allowlist(SnapshotMaker.CardSystem); }
        }

        public static string EventsTopic
        {
            get { return DistributionTopics.Events(SnapshotMaker.Device); }
        }

        public SnapshotFlash Flash { get; }

        public AgentDouble Agent { get; }

        public SnapshotLogDouble Log { get; }

        public SnapshotDriver Drive { get; }

        public static byte[][] BlockedV1()
        {
            return new byte[][] { Uids.Numbered(1), Uids.Numbered(2) };
        }

        public static byte[][] SocialV1()
        {
            return Uids.Concat(Uids.Range(100, 300), Uids.Scattered(1, 200));
        }

        public static SnapshotSettings Settings(byte[] key)
        {
            SnapshotSettings settings = new SnapshotSettings(SnapshotMaker.Device, SnapshotMaker.CardSystem, key);
            settings.ChunkSize = 512;
            settings.AnswerTimeoutMs = 1000;
            settings.MaxAttempts = 3;
            settings.RetryBackoffMs = 5000;
            return settings;
        }

        public static SnapshotSettings Settings()
        {
            return Settings(SnapshotMaker.Key());
        }

        /// <summary>A boot over this rig's flash.</summary>
        public SnapshotUpdater Boot()
        {
            return Boot(Flash);
        }

        /// <summary>A boot over <paramref name="flash"/> (a copy of the flash after a power cut), talking to this rig's agent.</summary>
        public SnapshotUpdater Boot(SnapshotFlash flash)
        {
            return new SnapshotUpdater(Settings(), flash, flash, Agent, TestHmac.Instance, Log, null);
        }

        public void OfferAllowlist(uint version, string name, byte[] file, params ManifestDelta[] deltas)
        {
            Agent.Offer(AllowlistTopic, SnapshotKind.Allowlist, version, name, file, deltas);
        }

        public void OfferAllowlist(uint version, byte[] file)
        {
            OfferAllowlist(version, SnapshotFileNames.Allowlist(SnapshotMaker.CardSystem, version), file);
        }

        public void OfferEvents(uint version, byte[] file)
        {
            Agent.Offer(EventsTopic, SnapshotKind.Events, version, SnapshotFileNames.Events(SnapshotMaker.Device, version), file);
        }

        /// <summary>A boot with version 1 installed; the requests and reports of the install forgotten.</summary>
        public SnapshotUpdater InstallV1()
        {
            SnapshotUpdater updater = Boot();
            OfferAllowlist(1, "al-12-1", SnapshotMaker.Full(1, BlockedV1(), SocialV1()));
            Drive.Run(updater, () => updater.AllowlistVersion == 1);
            Agent.Requests.Clear();
            Agent.Reports.Clear();
            return updater;
        }

        public static void AssertV1InUse(SnapshotUpdater updater)
        {
            Assert.AreEqual(1u, updater.AllowlistVersion, "version 1 in use");
            Assert.AreEqual(CardFlags.Blocked, updater.Rules.FlagsOf(Uids.Numbered(1)), "card 1 blocked");
            Assert.AreEqual(CardFlags.SocialTariff, updater.Rules.FlagsOf(Uids.Numbered(150)), "card 150 social tariff");
            Assert.AreEqual(CardFlags.None, updater.Rules.FlagsOf(Uids.Numbered(5000)), "card 5000 unknown");
        }
    }
}
