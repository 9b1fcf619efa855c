namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Civil time in Europe/Brussels from Unix milliseconds, by hand (the device has no time zone
    /// database): UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday of October
    /// 01:00 UTC (the EU summer-time rule, in force since 1996), UTC+1 otherwise. Dates are
    /// proleptic Gregorian; day numbers count days since 1970-01-01 (negative before).
    /// </summary>
    public static class BrusselsTime
    {
        public const long MsPerDay = 86400000L;
        private const long MsPerHour = 3600000L;

        /// <summary>Offset of Brussels civil time from UTC at that instant, in ms (3 600 000 or 7 200 000).</summary>
        public static long OffsetMs(long unixMs)
        {
            int year = YearOf(FloorDiv(unixMs, MsPerDay));
            long summerStart = LastSunday(year, 3) * MsPerDay + MsPerHour;
            long summerEnd = LastSunday(year, 10) * MsPerDay + MsPerHour;
            return unixMs >= summerStart && unixMs < summerEnd ? 2 * MsPerHour : MsPerHour;
        }

        /// <summary>The Brussels civil day of an instant, as a day number.</summary>
        public static long LocalDay(long unixMs)
        {
            return FloorDiv(unixMs + OffsetMs(unixMs), MsPerDay);
        }

        /// <summary>Day of week of a day number: 0 = Monday … 6 = Sunday.</summary>
        public static int DayOfWeek(long day)
        {
            return (int)FloorMod(day + 3, 7);
        }

        /// <summary>The day number of a civil date (month 1–12, day 1–31).</summary>
        public static long DayNumber(int year, int month, int day)
        {
            // Howard Hinnant's days_from_civil.
            long y = month <= 2 ? year - 1 : year;
            long era = FloorDiv(y, 400);
            long yearOfEra = y - era * 400;
            long monthFromMarch = month > 2 ? month - 3 : month + 9;
            long dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
            long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            return era * 146097 + dayOfEra - 719468;
        }

        /// <summary>The civil date of a day number.</summary>
        public static void Date(long dayNumber, out int year, out int month, out int day)
        {
            // Howard Hinnant's civil_from_days.
            long z = dayNumber + 719468;
            long era = FloorDiv(z, 146097);
            long dayOfEra = z - era * 146097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long monthFromMarch = (5 * dayOfYear + 2) / 153;
            day = (int)(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
            month = (int)(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
            year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        }

        /// <summary>Day number of the last Sunday of a month.</summary>
        public static long LastSunday(int year, int month)
        {
            long last = month == 12 ? DayNumber(year + 1, 1, 1) - 1 : DayNumber(year, month + 1, 1) - 1;
            return last - FloorMod(DayOfWeek(last) + 1, 7);
        }

        internal static long FloorDiv(long a, long b)
        {
            long q = a / b;
            return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
        }

        internal static long FloorMod(long a, long b)
        {
            return a - FloorDiv(a, b) * b;
        }

        private static int YearOf(long dayNumber)
        {
            int year;
            int month;
            int day;
            Date(dayNumber, out year, out month, out day);
            return year;
        }
    }
}
