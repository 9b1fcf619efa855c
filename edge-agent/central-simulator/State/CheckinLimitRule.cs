namespace Uitpas.Edge.Simulator;

/// <summary>The period of an event's check-in limit, as the spec's PeriodLimit.periodType names them.</summary>
public enum CheckinLimitPeriod
{
    /// <summary>ABSOLUTE: for ever.</summary>
    Absolute,

    /// <summary>DAY: a Brussels calendar day.</summary>
    Day,

    /// <summary>WEEK: Monday to Sunday, Brussels time.</summary>
    Week,

    /// <summary>MONTH: a calendar month.</summary>
    Month,

    /// <summary>QUARTER: January–March, April–June, …</summary>
    Quarter,

    /// <summary>YEAR: a calendar year.</summary>
    Year,
}

/// <summary>
/// An event's checkinLimit (EventSettings.checkinLimit): at most <see cref="Volume"/> check-ins
/// per passholder per <see cref="Period"/>, periods counted on the Brussels calendar.
/// </summary>
public sealed record CheckinLimitRule(int Volume, CheckinLimitPeriod Period)
{
    /// <summary>What central applies when an event has no other limit: one check-in per day.</summary>
    public static CheckinLimitRule OncePerDay { get; } = new(1, CheckinLimitPeriod.Day);

    /// <summary>The spec's periodType text: ABSOLUTE, DAY, WEEK, MONTH, QUARTER or YEAR.</summary>
    public string PeriodType => Period.ToString().ToUpperInvariant();

    /// <summary>The first Brussels day of the period that holds <paramref name="day"/>.</summary>
    public DateOnly PeriodStart(DateOnly day) => Period switch
    {
        CheckinLimitPeriod.Day => day,
        CheckinLimitPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        CheckinLimitPeriod.Month => new DateOnly(day.Year, day.Month, 1),
        CheckinLimitPeriod.Quarter => new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1),
        CheckinLimitPeriod.Year => new DateOnly(day.Year, 1, 1),
        _ => DateOnly.MinValue,
    };

    /// <summary>True when both days fall in the same period.</summary>
    public bool SamePeriod(DateOnly a, DateOnly b) => PeriodStart(a) == PeriodStart(b);
}
