namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Card lookups in a verified full allowlist on flash. Working set: one 512-byte buffer shared
    /// by the two sets, their descriptors, and each non-empty section's root page once read
    /// (≤ 321 bytes per set for 04… UIDs). A lookup allocates nothing after the first and reads
    /// (levels − 1) pages and at most one block per set. Not thread-safe. Lookups never throw.
    /// </summary>
    public sealed class AllowlistReader
    {
        private readonly SnapshotHeader _header;
        private readonly UidSetReader _blocked;
        private readonly UidSetReader _socialTariff;

        private AllowlistReader(SnapshotHeader header, UidSetReader blocked, UidSetReader socialTariff)
        {
            _header = header;
            _blocked = blocked;
            _socialTariff = socialTariff;
        }

        public SnapshotHeader Header
        {
            get { return _header; }
        }

        public UidSetReader Blocked
        {
            get { return _blocked; }
        }

        public UidSetReader SocialTariff
        {
            get { return _socialTariff; }
        }

        /// <summary>
        /// Opens a full allowlist whose tag the caller has checked (<see cref="SnapshotVerifier"/>):
        /// reads the header and the directory and checks their structure. Never throws.
        /// </summary>
        public static bool TryOpen(IFlashReader file, out AllowlistReader reader, out string reason)
        {
            reader = null;
            SnapshotHeader header;
            if (!SnapshotHeader.TryRead(file, out header, out reason))
            {
                return false;
            }
            if (header.Kind != SnapshotKind.Allowlist || header.IsDelta)
            {
                reason = "not a full allowlist (kind " + header.Kind + ", base version " + header.BaseVersion + ")";
                return false;
            }
            SectionDescriptor[][] lists;
            if (!AllowlistFormat.TryReadDirectory(file, header, out lists, out reason))
            {
                return false;
            }
            byte[] buffer = new byte[UidSectionFormat.BufferLength];
            reader = new AllowlistReader(header,
                new UidSetReader(file, header.PayloadOffset, lists[AllowlistFormat.BlockedList], buffer),
                new UidSetReader(file, header.PayloadOffset, lists[AllowlistFormat.SocialTariffList], buffer));
            return true;
        }

        /// <summary>The card's flags; <see cref="CardStatus.None"/> for unknown cards and invalid UIDs.</summary>
        public CardStatus Lookup(byte[] uid)
        {
            CardStatus status = CardStatus.None;
            if (_blocked.Contains(uid))
            {
                status |= CardStatus.Blocked;
            }
            if (_socialTariff.Contains(uid))
            {
                status |= CardStatus.SocialTariff;
            }
            return status;
        }
    }
}
