namespace Uitpas.Edge.Core.Offline
{
    /// <summary>
    /// What the terminal knows from its snapshots when it must decide alone: the allowlist
    /// (blocked and social-tariff cards of its card system) and the assigned event's check-in
    /// settings. Implemented over the verified snapshot files on flash.
    /// </summary>
    public interface IOfflineRules
    {
        /// <summary>True once a verified allowlist is in use.</summary>
        bool HasAllowlist { get; }

        /// <summary><see cref="CardFlags"/> of the card; <see cref="CardFlags.None"/> without an allowlist.</summary>
        int FlagsOf(byte[] chipUid);

        /// <summary>
        /// The check-in period a tap at <paramref name="unixMs"/> falls in for the assigned
        /// event (e.g. "evt-7/d20416" for a day), with the number of check-ins allowed in it;
        /// null when no event is assigned or the event's window does not include that time.
        /// </summary>
        string CheckinPeriod(long unixMs, out int limit);
    }
}
