namespace Uitpas.Edge.Agent.Reconcile;

/// <summary>The period of an event's check-in limit (the spec's PeriodLimit.periodType).</summary>
public enum LimitPeriod
{
    /// <summary>ABSOLUTE: for ever.</summary>
    Absolute,

    /// <summary>DAY.</summary>
    Day,

    /// <summary>WEEK (Monday to Sunday).</summary>
    Week,

    /// <summary>MONTH.</summary>
    Month,

    /// <summary>QUARTER.</summary>
    Quarter,

    /// <summary>YEAR.</summary>
    Year,
}

/// <summary>Limit periods on central's calendar: Europe/Brussels.</summary>
public static class LimitPeriods
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    /// <summary>The instant the period holding <paramref name="instant"/> began (Brussels midnight of its first day).</summary>
    public static DateTimeOffset Start(LimitPeriod period, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Brussels).DateTime;
        var day = DateOnly.FromDateTime(local);
        var first = period switch
        {
            LimitPeriod.Day => day,
            LimitPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            LimitPeriod.Month => new DateOnly(day.Year, day.Month, 1),
            LimitPeriod.Quarter => new DateOnly(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1),
            LimitPeriod.Year => new DateOnly(day.Year, 1, 1),
            _ => DateOnly.FromDateTime(DateTime.UnixEpoch),
        };
        var midnight = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Brussels.GetUtcOffset(midnight));
    }
}
