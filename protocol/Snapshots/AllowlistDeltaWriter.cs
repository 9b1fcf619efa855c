namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Streams an allowlist delta: the four lists in order (blocked removed, blocked added,
    /// social tariff removed, social tariff added), each sorted by class and key, then
    /// <see cref="Finish"/> with the tag of the full snapshot the delta must produce.
    /// </summary>
    public sealed class AllowlistDeltaWriter
    {
        public const int BlockedRemoved = 0;
        public const int BlockedAdded = 1;
        public const int SocialTariffRemoved = 2;
        public const int SocialTariffAdded = 3;

        private readonly SnapshotWriter _snapshot;
        private readonly UidListsWriter _lists;

        public AllowlistDeltaWriter(IFlashWriter output, IHmacSha256 hmac, byte[] key, uint cardSystemId,
            uint baseVersion, uint version, long createdAtUnixMs)
        {
            if (baseVersion == 0)
            {
                throw new System.ArgumentException("a delta needs a base version");
            }
            _snapshot = new SnapshotWriter(output, hmac, key, SnapshotKind.Allowlist, cardSystemId, version, baseVersion, createdAtUnixMs);
            _lists = new UidListsWriter(_snapshot, AllowlistFormat.DeltaLists);
        }

        /// <summary>Adds a UID to list <paramref name="list"/> (the constants above); lists in order.</summary>
        public void Add(int list, byte[] uid)
        {
            _lists.List(list).Add(uid);
        }

        /// <param name="resultTag">The tag of the full snapshot (same card system, version and created-at) the delta leads to.</param>
        public byte[] Finish(byte[] resultTag)
        {
            if (resultTag == null || resultTag.Length != SnapshotFormat.TagLength)
            {
                throw new System.ArgumentException("the result tag has 32 bytes");
            }
            _lists.WriteDirectory();
            _snapshot.Write(resultTag, 0, resultTag.Length);
            return _snapshot.Finish();
        }
    }
}
