using System.Globalization;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Snapshots.Tests;

public sealed class CheckinPeriodTests
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private static long Utc(int y, int mo, int d, int h, int mi = 0) =>
        new DateTimeOffset(y, mo, d, h, mi, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static DateTime Local(long unixMs) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMs), Brussels).DateTime;

    [Fact]
    public void Brussels_offset_matches_the_time_zone_database_around_every_change_from_1996_to_2040()
    {
        for (int year = 1996; year <= 2040; year++)
        {
            foreach (int month in new[] { 3, 10 })
            {
                long lastSunday = BrusselsTime.LastSunday(year, month) * BrusselsTime.MsPerDay;
                for (long t = lastSunday - 3_600_000; t <= lastSunday + 4 * 3_600_000; t += 15 * 60_000)
                {
                    foreach (long at in new[] { t - 1, t })
                    {
                        long expected = (long)Brussels.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(at)).TotalMilliseconds;
                        Assert.Equal(expected, BrusselsTime.OffsetMs(at));
                    }
                }
            }
        }
    }

    [Fact]
    public void Local_day_and_date_match_the_time_zone_database_at_random_instants()
    {
        var random = new Random(7);
        for (int i = 0; i < 20_000; i++)
        {
            long at = random.NextInt64(Utc(1996, 1, 1, 0), Utc(2040, 1, 1, 0));
            DateTime local = Local(at);

            long day = BrusselsTime.LocalDay(at);
            BrusselsTime.Date(day, out int y, out int m, out int d);

            Assert.Equal((local.Year, local.Month, local.Day), (y, m, d));
            Assert.Equal(local.Date, DateTime.UnixEpoch.AddDays(day));
            Assert.Equal(((int)local.DayOfWeek + 6) % 7, BrusselsTime.DayOfWeek(day));
        }
    }

    [Theory]
    [InlineData(LimitPeriod.Day, "e/d20416")]
    [InlineData(LimitPeriod.Week, "e/w20416")]
    [InlineData(LimitPeriod.Month, "e/m202511")]
    [InlineData(LimitPeriod.Quarter, "e/q20254")]
    [InlineData(LimitPeriod.Year, "e/y2025")]
    [InlineData(LimitPeriod.Event, "e/all")]
    [InlineData(LimitPeriod.None, "e/all")]
    public void Period_keys_name_the_brussels_civil_period(int period, string key)
    {
        Assert.Equal(key, LimitPeriod.Key("e", period, Utc(2025, 11, 24, 9)));
    }

    [Fact]
    public void A_day_turns_at_brussels_midnight_in_winter_and_in_summer()
    {
        Assert.Equal("e/d20416", LimitPeriod.Key("e", LimitPeriod.Day, Utc(2025, 11, 23, 23, 0)));
        Assert.Equal("e/d20415", LimitPeriod.Key("e", LimitPeriod.Day, Utc(2025, 11, 23, 22, 59)));
        long july1 = (long)(new DateTime(2025, 7, 1) - DateTime.UnixEpoch).TotalDays;
        Assert.Equal("e/d" + july1, LimitPeriod.Key("e", LimitPeriod.Day, Utc(2025, 6, 30, 22, 0)));
        Assert.Equal("e/d" + (july1 - 1), LimitPeriod.Key("e", LimitPeriod.Day, Utc(2025, 6, 30, 21, 59)));
    }

    [Fact]
    public void Week_month_quarter_and_year_turn_at_local_midnight()
    {
        // Sunday 2025-11-30 23:59 and Monday 2025-12-01 00:00, Brussels (UTC+1).
        long sundayNight = Utc(2025, 11, 30, 22, 59);
        long mondayMidnight = Utc(2025, 11, 30, 23, 0);
        Assert.Equal("e/w20416", LimitPeriod.Key("e", LimitPeriod.Week, sundayNight));
        Assert.Equal("e/w20423", LimitPeriod.Key("e", LimitPeriod.Week, mondayMidnight));
        Assert.Equal("e/m202511", LimitPeriod.Key("e", LimitPeriod.Month, sundayNight));
        Assert.Equal("e/m202512", LimitPeriod.Key("e", LimitPeriod.Month, mondayMidnight));
        Assert.Equal("e/q20254", LimitPeriod.Key("e", LimitPeriod.Quarter, mondayMidnight));
        Assert.Equal("e/y2025", LimitPeriod.Key("e", LimitPeriod.Year, Utc(2025, 12, 31, 22, 59)));
        Assert.Equal("e/y2026", LimitPeriod.Key("e", LimitPeriod.Year, Utc(2025, 12, 31, 23, 0)));
        Assert.Equal("e/q20261", LimitPeriod.Key("e", LimitPeriod.Quarter, Utc(2025, 12, 31, 23, 0)));
    }

    [Fact]
    public void Week_keys_agree_with_monday_start_weeks_at_random_instants()
    {
        var random = new Random(8);
        for (int i = 0; i < 5_000; i++)
        {
            long at = random.NextInt64(Utc(2000, 1, 1, 0), Utc(2040, 1, 1, 0));
            DateTime local = Local(at);
            DateTime monday = local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7));
            long mondayDay = (long)(monday - DateTime.UnixEpoch).TotalDays;

            Assert.Equal("e/w" + mondayDay.ToString(CultureInfo.InvariantCulture), LimitPeriod.Key("e", LimitPeriod.Week, at));
        }
    }

    [Fact]
    public void Days_before_1970_use_floor_division()
    {
        Assert.Equal(-1, BrusselsTime.LocalDay(Utc(1969, 12, 31, 12)));
        BrusselsTime.Date(-1, out int y, out int m, out int d);
        Assert.Equal((1969, 12, 31), (y, m, d));
        Assert.Equal(BrusselsTime.DayNumber(2000, 2, 29), (long)(new DateTime(2000, 2, 29) - DateTime.UnixEpoch).TotalDays);
    }
}
