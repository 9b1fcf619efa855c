namespace Uitpas.Edge.Simulator;

/// <summary>Europe/Brussels local time: "one check-in per day" means a Belgian calendar day.</summary>
public static class BrusselsCalendar
{
    /// <summary>The Europe/Brussels time zone.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    /// <summary>The Brussels wall-clock time at <paramref name="instant"/>.</summary>
    public static DateTime LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The Brussels calendar day at <paramref name="instant"/>.</summary>
    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(LocalTime(instant));
}
