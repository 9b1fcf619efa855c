namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// The event in force and its check-in period over decoded events, with the same rules as
    /// <see cref="EventsReader"/>: the first event whose window includes the instant; no period
    /// for an unset clock (≤ 0).
    /// </summary>
    public static class EventSchedule
    {
        /// <summary>The first event whose window includes the instant; null when none does.</summary>
        public static EventRules InForce(EventRules[] events, long unixMs)
        {
            if (events == null)
            {
                return null;
            }
            for (int i = 0; i < events.Length; i++)
            {
                if (events[i] != null && events[i].IsValidAt(unixMs))
                {
                    return events[i];
                }
            }
            return null;
        }

        /// <summary>The period key (<see cref="LimitPeriod.Key"/>) and limit (0 = none) of a tap at that instant; null when no event is in force or the clock is not set.</summary>
        public static string CheckinPeriod(EventRules[] events, long unixMs, out int limit)
        {
            limit = 0;
            EventRules rules = unixMs <= 0 ? null : InForce(events, unixMs);
            if (rules == null)
            {
                return null;
            }
            limit = rules.CheckinLimit;
            return LimitPeriod.Key(rules.EventId, rules.LimitPeriod, unixMs);
        }
    }
}
