using System.Globalization;
using System.Text.Json.Serialization;

namespace Uitpas.Edge.Agent.Reports;

/// <summary>
/// The days a report covers: <see cref="From"/> to <see cref="To"/>, both inclusive, on Brussels' calendar
/// (central's), as the instants <see cref="Start"/> (inclusive) to <see cref="Until"/> (exclusive). The previous
/// period, for trends, is the same number of days just before.
/// </summary>
public sealed record ReportPeriod
{
    /// <summary>The most days one report covers (a leap year).</summary>
    public const int MaxDays = 366;

    /// <summary>The first day a report may start on.</summary>
    public static readonly DateOnly Earliest = new(2020, 1, 1);

    internal static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private ReportPeriod(DateOnly from, DateOnly to)
    {
        From = from;
        To = to;
        Start = MidnightAt(from);
        Until = MidnightAt(to.AddDays(1));
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    /// <summary>Brussels midnight starting <see cref="From"/>.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Brussels midnight ending <see cref="To"/> (exclusive).</summary>
    public DateTimeOffset Until { get; }

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The same number of days just before this period (not serialized: it has a previous period too).</summary>
    [JsonIgnore]
    public ReportPeriod Previous => new(From.AddDays(-Days), From.AddDays(-1));

    /// <summary>
    /// Reads "yyyy-mm-dd" dates and checks them against <paramref name="today"/> (Brussels); the error is a
    /// sentence for the user, naming the CLI's options.
    /// </summary>
    public static bool TryParse(string? from, string? to, DateOnly today, out ReportPeriod period, out string error)
    {
        period = null!;
        if (!TryDate(from, out var first))
        {
            error = $"--from must be a date yyyy-mm-dd, not '{from}'.";
            return false;
        }
        if (!TryDate(to, out var last))
        {
            error = $"--to must be a date yyyy-mm-dd, not '{to}'.";
            return false;
        }
        return TryCreate(first, last, today, out period, out error);
    }

    /// <summary>Checks a period given as dates: not before 2020, <paramref name="to"/> not before <paramref name="from"/> nor after today, at most 366 days.</summary>
    public static bool TryCreate(DateOnly from, DateOnly to, DateOnly today, out ReportPeriod period, out string error)
    {
        period = null!;
        if (from < Earliest)
        {
            error = $"--from must be {Iso(Earliest)} or later.";
            return false;
        }
        if (to < from)
        {
            error = $"--to ({Iso(to)}) is before --from ({Iso(from)}).";
            return false;
        }
        if (to > today)
        {
            error = $"--to {Iso(to)} is in the future.";
            return false;
        }
        var days = to.DayNumber - from.DayNumber + 1;
        if (days > MaxDays)
        {
            error = $"the period has {days} days; a report covers at most {MaxDays}.";
            return false;
        }
        period = new ReportPeriod(from, to);
        error = string.Empty;
        return true;
    }

    /// <summary>The last full calendar month before <paramref name="today"/>: the dashboard's default.</summary>
    public static ReportPeriod LastFullMonth(DateOnly today)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return new ReportPeriod(first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>Today on Brussels' calendar.</summary>
    public static DateOnly Today(TimeProvider clock) => DayOf(clock.GetUtcNow());

    /// <summary>The Brussels date of an instant.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Brussels).DateTime);

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < Until;

    public override string ToString() => $"{Iso(From)} – {Iso(To)}";

    private static DateTimeOffset MidnightAt(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Brussels.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
