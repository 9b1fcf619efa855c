using Uitpas.Edge.Agent.Reports;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>The report period: Brussels dates, both inclusive, the previous period of equal length, and the refusals (design §6).</summary>
public sealed class ReportPeriodTests
{
    private static readonly DateOnly Today = new(2026, 4, 15);

    [Fact]
    public void March_2026_runs_from_Brussels_midnight_in_winter_time_to_Brussels_midnight_in_summer_time()
    {
        var period = Parse("2026-03-01", "2026-03-31");

        Assert.Equal(31, period.Days);
        // Winter time (UTC+1) on 1 March, summer time (UTC+2) from 29 March: the period is one hour short of 31 days.
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), period.Until);
        Assert.Equal(TimeSpan.FromDays(31) - TimeSpan.FromHours(1), period.Until - period.Start);
    }

    [Fact]
    public void The_previous_period_has_as_many_days_just_before()
    {
        var march = Parse("2026-03-01", "2026-03-31").Previous;
        Assert.Equal(new DateOnly(2026, 1, 29), march.From);
        Assert.Equal(new DateOnly(2026, 2, 28), march.To);
        Assert.Equal(31, march.Days);

        var week = Parse("2026-03-23", "2026-03-29").Previous;
        Assert.Equal((new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 22)), (week.From, week.To));
        Assert.Equal(Parse("2026-03-23", "2026-03-29").Start, week.Until);
    }

    [Fact]
    public void The_night_the_clocks_go_back_is_a_25_hour_day_inside_its_own_date()
    {
        var day = Parse("2025-10-26", "2025-10-26");
        Assert.Equal(TimeSpan.FromHours(25), day.Until - day.Start);
        Assert.Equal(new DateTimeOffset(2025, 10, 25, 22, 0, 0, TimeSpan.Zero), day.Start);
        // 23:30 UTC is 00:30 in Brussels (winter time): the next day, not this one.
        Assert.True(day.Contains(new DateTimeOffset(2025, 10, 26, 22, 59, 59, TimeSpan.Zero)));
        Assert.False(day.Contains(new DateTimeOffset(2025, 10, 26, 23, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2025, 10, 27), ReportPeriod.DayOf(new DateTimeOffset(2025, 10, 26, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_leap_year_fits_in_one_report_and_a_day_more_does_not()
    {
        Assert.Equal(366, Parse("2024-01-01", "2024-12-31").Days);
        Assert.False(ReportPeriod.TryParse("2024-01-01", "2025-01-01", Today, out _, out var error));
        Assert.Equal("the period has 367 days; a report covers at most 366.", error);
    }

    [Fact]
    public void A_report_may_end_today_and_may_start_on_the_first_day_of_2020()
    {
        Assert.Equal(Today, Parse("2026-04-01", "2026-04-15").To);
        Assert.Equal(new DateOnly(2020, 1, 1), Parse("2020-01-01", "2020-01-31").From);
    }

    [Theory]
    [InlineData("1/3/2026", "2026-03-31", "--from must be a date yyyy-mm-dd, not '1/3/2026'.")]
    [InlineData(null, "2026-03-31", "--from must be a date yyyy-mm-dd, not ''.")]
    [InlineData("2026-02-30", "2026-03-31", "--from must be a date yyyy-mm-dd, not '2026-02-30'.")]
    [InlineData("2026-03-01", "31 maart", "--to must be a date yyyy-mm-dd, not '31 maart'.")]
    [InlineData("2026-03-01", "2026-02-28", "--to (2026-02-28) is before --from (2026-03-01).")]
    [InlineData("2025-01-01", "2026-02-04", "the period has 400 days; a report covers at most 366.")]
    [InlineData("2026-04-01", "2026-05-01", "--to 2026-05-01 is in the future.")]
    [InlineData("2026-04-16", "2026-04-16", "--to 2026-04-16 is in the future.")]
    [InlineData("2019-12-31", "2020-01-31", "--from must be 2020-01-01 or later.")]
    public void A_wrong_period_is_refused_with_a_sentence_that_says_what_is_wrong(string? from, string? to, string expected)
    {
        Assert.False(ReportPeriod.TryParse(from, to, Today, out var period, out var error));
        Assert.Equal(expected, error);
        Assert.Null(period);
    }

    [Fact]
    public void The_dashboard_default_is_the_last_full_month()
    {
        var period = ReportPeriod.LastFullMonth(new DateOnly(2026, 1, 10));
        Assert.Equal((new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 31)), (period.From, period.To));
    }

    [Fact]
    public void Today_is_the_Brussels_date_of_the_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 6, 30, 22, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 7, 1), ReportPeriod.Today(clock));
    }

    private static ReportPeriod Parse(string from, string to)
    {
        Assert.True(ReportPeriod.TryParse(from, to, Today, out var period, out var error), error);
        return period;
    }
}
