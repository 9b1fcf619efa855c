namespace Uitpas.Edge.Core.Offline
{
    /// <summary>
    /// The decision at the tap without central: a blocked card is refused; a card that used up
    /// the event's check-ins for the period is told so; anything else is registered offline
    /// and queued (points are never invented). Without an allowlist or event rules the tap is
    /// still registered: the journal keeps it and central decides later.
    /// </summary>
    public sealed class OfflineDecider
    {
        /// <summary>Cards remembered per period: 512 × 5 bytes of RAM.</summary>
        public const int LedgerCapacity = 512;

        private readonly IOfflineRules _rules;
        private readonly OfflineLedger _ledger = new OfflineLedger(LedgerCapacity);

        public OfflineDecider(IOfflineRules rules)
        {
            _rules = rules;
        }

        public OfflineLedger Ledger
        {
            get { return _ledger; }
        }

        /// <summary>Decides, and when the check-in is registered counts it against the limit.</summary>
        public OfflineDecision Decide(byte[] chipUid, long tappedAtUnixMs, out bool socialTariff)
        {
            int flags = _rules.FlagsOf(chipUid);
            socialTariff = (flags & CardFlags.SocialTariff) != 0;
            if ((flags & CardFlags.Blocked) != 0)
            {
                return OfflineDecision.Blocked;
            }
            int limit;
            string period = _rules.CheckinPeriod(tappedAtUnixMs, out limit);
            if (period != null && limit > 0 && _ledger.Count(chipUid, period) >= limit)
            {
                return OfflineDecision.LimitReached;
            }
            if (period != null)
            {
                _ledger.Add(chipUid, period);
            }
            return OfflineDecision.Registered;
        }

        /// <summary>
        /// Counts a check-in the terminal did not decide now: one registered before a reboot
        /// (still pending in the journal), or one central confirmed while online.
        /// </summary>
        public void Record(byte[] chipUid, long tappedAtUnixMs)
        {
            int limit;
            string period = _rules.CheckinPeriod(tappedAtUnixMs, out limit);
            if (period != null)
            {
                _ledger.Add(chipUid, period);
            }
        }
    }
}
