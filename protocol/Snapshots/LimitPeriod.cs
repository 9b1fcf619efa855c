namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>The period a check-in limit counts over (central's PeriodLimit.periodType).</summary>
    public static class LimitPeriod
    {
        /// <summary>No limit (limit count 0).</summary>
        public const int None = 0;

        /// <summary>The whole event (central: ABSOLUTE).</summary>
        public const int Event = 1;

        public const int Day = 2;
        public const int Week = 3;
        public const int Month = 4;
        public const int Quarter = 5;
        public const int Year = 6;

        public static bool IsKnown(int period)
        {
            return period >= None && period <= Year;
        }

        /// <summary>The period of central's <c>periodType</c> (ABSOLUTE, DAY, WEEK, MONTH, QUARTER, YEAR); -1 when unknown.</summary>
        public static int FromCentral(string periodType)
        {
            switch (periodType)
            {
                case "ABSOLUTE": return Event;
                case "DAY": return Day;
                case "WEEK": return Week;
                case "MONTH": return Month;
                case "QUARTER": return Quarter;
                case "YEAR": return Year;
                default: return -1;
            }
        }

        /// <summary>
        /// The key of the period an instant falls in, in Brussels civil time, prefixed with the
        /// event id: <c>{event}/d20416</c> (day number), <c>{event}/w20412</c> (day number of the
        /// week's Monday), <c>{event}/m202511</c>, <c>{event}/q20254</c>, <c>{event}/y2025</c>, and
        /// <c>{event}/all</c> for the whole event or no limit. Null for an unknown period.
        /// </summary>
        public static string Key(string eventId, int period, long unixMs)
        {
            if (period == None || period == Event)
            {
                return eventId + "/all";
            }
            long day = BrusselsTime.LocalDay(unixMs);
            if (period == Day)
            {
                return eventId + "/d" + day;
            }
            if (period == Week)
            {
                return eventId + "/w" + (day - BrusselsTime.DayOfWeek(day));
            }
            int year;
            int month;
            int dayOfMonth;
            BrusselsTime.Date(day, out year, out month, out dayOfMonth);
            switch (period)
            {
                case Month: return eventId + "/m" + year + (month < 10 ? "0" : "") + month;
                case Quarter: return eventId + "/q" + year + ((month + 2) / 3);
                case Year: return eventId + "/y" + year;
                default: return null;
            }
        }
    }
}
