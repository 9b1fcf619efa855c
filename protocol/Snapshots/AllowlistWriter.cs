namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Streams a full allowlist snapshot: all blocked UIDs, then all social-tariff UIDs, each list
    /// sorted by class and key (<see cref="UidSetWriter"/>), then <see cref="Finish"/>.
    /// </summary>
    public sealed class AllowlistWriter
    {
        private readonly SnapshotWriter _snapshot;
        private readonly UidListsWriter _lists;

        public AllowlistWriter(IFlashWriter output, IHmacSha256 hmac, byte[] key, uint cardSystemId, uint version, long createdAtUnixMs)
        {
            _snapshot = new SnapshotWriter(output, hmac, key, SnapshotKind.Allowlist, cardSystemId, version, 0, createdAtUnixMs);
            _lists = new UidListsWriter(_snapshot, AllowlistFormat.FullLists);
        }

        public void AddBlocked(byte[] uid)
        {
            _lists.List(AllowlistFormat.BlockedList).Add(uid);
        }

        public void AddSocialTariff(byte[] uid)
        {
            _lists.List(AllowlistFormat.SocialTariffList).Add(uid);
        }

        /// <summary>Adds a key of class <paramref name="uidClass"/> to list <paramref name="list"/> (<see cref="AllowlistFormat"/>).</summary>
        public void AddKey(int list, int uidClass, byte[] key, int offset)
        {
            _lists.List(list).AddKey(uidClass, key, offset);
        }

        /// <summary>Writes the directory and trailer; returns the tag.</summary>
        public byte[] Finish()
        {
            _lists.WriteDirectory();
            return _snapshot.Finish();
        }
    }
}
