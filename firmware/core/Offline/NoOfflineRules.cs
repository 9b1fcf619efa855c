namespace Uitpas.Edge.Core.Offline
{
    /// <summary>A terminal without verified snapshots yet: no card is known, no event rules apply.</summary>
    public sealed class NoOfflineRules : IOfflineRules
    {
        public bool HasAllowlist
        {
            get { return false; }
        }

        public int FlagsOf(byte[] chipUid)
        {
            return CardFlags.None;
        }

        public string CheckinPeriod(long unixMs, out int limit)
        {
            limit = 0;
            return null;
        }
    }
}
