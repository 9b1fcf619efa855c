namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>What a snapshot holds (header byte 5, docs/protocol.md "Snapshots (v1)").</summary>
    public static class SnapshotKind
    {
        /// <summary>Blocked and social-tariff cards of a card system, keyed by chip UID.</summary>
        public const int Allowlist = 1;

        /// <summary>Check-in settings and tariff tables of the events assigned to a terminal.</summary>
        public const int Events = 2;

        public static bool IsKnown(int kind)
        {
            return kind == Allowlist || kind == Events;
        }
    }
}
