using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>Snapshot files made with the protocol's writers, as the agent makes them.</summary>
    public static class SnapshotMaker
    {
        public const uint CardSystem = 12;
        public const string Device = "vt-007";

        /// <summary>The card system's snapshot key: 7, 14, … 224.</summary>
        public static byte[] Key()
        {
            return Bytes.Series(7, 32, 7);
        }

        /// <summary>A key the agent does not have: 13, 26, … (mod 256).</summary>
        public static byte[] ForgedKey()
        {
            return Bytes.Series(13, 32, 13);
        }

        public static long CreatedAt(uint version)
        {
            return 1763900000000L + version * 60000L;
        }

        public static byte[] Full(uint version, byte[][] blocked, byte[][] social)
        {
            return Full(version, blocked, social, Key(), CardSystem);
        }

        public static byte[] Full(uint version, byte[][] blocked, byte[][] social, byte[] key, uint cardSystem)
        {
            ByteBuffer output = new ByteBuffer();
            AllowlistWriter writer = new AllowlistWriter(output, TestHmac.Instance, key, cardSystem, version, CreatedAt(version));
            byte[][] sortedBlocked = Uids.Sorted(blocked);
            for (int i = 0; i < sortedBlocked.Length; i++)
            {
                writer.AddBlocked(sortedBlocked[i]);
            }
            byte[][] sortedSocial = Uids.Sorted(social);
            for (int i = 0; i < sortedSocial.Length; i++)
            {
                writer.AddSocialTariff(sortedSocial[i]);
            }
            writer.Finish();
            return output.ToArray();
        }

        /// <summary>
        /// The delta from (blocked, social) at <paramref name="from"/> to the sets at <paramref name="to"/>;
        /// <paramref name="full"/> is the full file of <paramref name="to"/>, whose tag the delta ends with.
        /// </summary>
        public static byte[] Delta(uint from, uint to, byte[][] blockedBefore, byte[][] socialBefore, byte[][] blockedAfter,
            byte[][] socialAfter, out byte[] full)
        {
            full = Full(to, blockedAfter, socialAfter);
            ByteBuffer output = new ByteBuffer();
            AllowlistDeltaWriter writer = new AllowlistDeltaWriter(output, TestHmac.Instance, Key(), CardSystem, from, to, CreatedAt(to));
            AddAll(writer, AllowlistDeltaWriter.BlockedRemoved, Uids.Except(blockedBefore, blockedAfter));
            AddAll(writer, AllowlistDeltaWriter.BlockedAdded, Uids.Except(blockedAfter, blockedBefore));
            AddAll(writer, AllowlistDeltaWriter.SocialTariffRemoved, Uids.Except(socialBefore, socialAfter));
            AddAll(writer, AllowlistDeltaWriter.SocialTariffAdded, Uids.Except(socialAfter, socialBefore));
            writer.Finish(Tag(full));
            return output.ToArray();
        }

        public static byte[] Events(uint version, EventRules[] events)
        {
            return Events(version, events, Device, CardSystem);
        }

        public static byte[] Events(uint version, EventRules[] events, string device, uint cardSystem)
        {
            ByteBuffer output = new ByteBuffer();
            EventsWriter writer = new EventsWriter(output, TestHmac.Instance, Key(), cardSystem, device, version, CreatedAt(version));
            for (int i = 0; i < events.Length; i++)
            {
                writer.Add(events[i]);
            }
            writer.Finish();
            return output.ToArray();
        }

        public static EventRules Event(string id, int limit, int period)
        {
            EventRules rules = new EventRules();
            rules.EventId = id;
            rules.Name = "Zwembad " + id;
            rules.CheckinPoints = 1;
            rules.CheckinLimit = limit;
            rules.LimitPeriod = limit == 0 ? LimitPeriod.None : period;
            rules.Tariffs = new TariffRow[0];
            return rules;
        }

        public static byte[] Tag(byte[] file)
        {
            return Bytes.Slice(file, file.Length - SnapshotFormat.TagLength, SnapshotFormat.TagLength);
        }

        public static SnapshotManifest Manifest(int kind, uint version, string name, byte[] file, params ManifestDelta[] deltas)
        {
            return new SnapshotManifest(kind, version, name, file.Length, Tag(file), deltas, null);
        }

        private static void AddAll(AllowlistDeltaWriter writer, int list, byte[][] uids)
        {
            for (int i = 0; i < uids.Length; i++)
            {
                writer.Add(list, uids[i]);
            }
        }
    }
}
