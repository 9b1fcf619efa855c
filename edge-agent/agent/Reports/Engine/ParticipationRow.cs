namespace Uitpas.Edge.Agent.Reports;

/// <summary>The dimensions the participation report is cut by.</summary>
public enum ReportDimension
{
    Domain,
    Organizer,
    Venue,
    CardSystem,

    /// <summary>Per event id: the "niet gecrediteerd" panel reads its not-credited column.</summary>
    Event,

    /// <summary>ISO weeks (Monday–Sunday, Brussels), clipped to the period.</summary>
    Week,

    /// <summary>Calendar months, clipped to the period.</summary>
    Month,

    /// <summary>Domain × month: each domain's months add up to the domain, each month's domains to the month.</summary>
    DomainMonth,
}

/// <summary>One row of a participation table (or the grand total): labels and published cells only, never raw figures.</summary>
public sealed class ParticipationRow
{
    /// <summary>Stable id within its table: "cultuur", an organizer's name, "2026-W10", "2026-03", "cultuur 2026-03", an event id, "" for not set.</summary>
    public required string Key { get; init; }

    /// <summary>Dutch label ("onbekend" when not set); front ends translate <see cref="Domain"/>, <see cref="IsUnknown"/> and dates themselves.</summary>
    public required string Label { get; init; }

    /// <summary>The facts had no value for this dimension (domain, organizer, venue, card system or event not set).</summary>
    public bool IsUnknown { get; init; }

    public PolicyDomain? Domain { get; init; }

    public long? CardSystemId { get; init; }

    /// <summary>For week and month rows: their first and last day inside the period.</summary>
    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>Credited taps (credit 1, 2).</summary>
    public required Cell Checkins { get; init; }

    /// <summary>Taps refused at the check-in limit (credit 3).</summary>
    public required Cell RefusedLimit { get; init; }

    /// <summary>"Niet gecrediteerd": late taps refused because the event's check-in window had closed (credit 4).</summary>
    public required Cell NotCredited { get; init; }

    /// <summary>Distinct passholders over the row's taps (credit 1–4) and sales.</summary>
    public required Cell Passholders { get; init; }

    /// <summary>Distinct passholders with the social tariff (a tap flagged so, or a social-tariff sale).</summary>
    public required Cell SocialTariffPassholders { get; init; }

    /// <summary><see cref="SocialTariffPassholders"/> as a percentage of <see cref="Passholders"/>, one decimal.</summary>
    public required Cell SocialTariffShare { get; init; }

    /// <summary>Social-tariff sales confirmed by central.</summary>
    public required Cell SocialTariffSales { get; init; }

    /// <summary>Check-ins against the previous period; null for week and month rows (their previous is another row).</summary>
    public Trend? CheckinsTrend { get; init; }

    /// <summary>Distinct passholders against the previous period; null for week and month rows.</summary>
    public Trend? PassholdersTrend { get; init; }

    /// <summary>Every cell of the row (for front ends and the tests that prove nothing suppressed leaks).</summary>
    public IEnumerable<Cell> Cells()
    {
        IEnumerable<Cell> own = [Checkins, RefusedLimit, NotCredited, Passholders, SocialTariffPassholders, SocialTariffShare, SocialTariffSales];
        return own.Concat(CheckinsTrend?.Cells() ?? []).Concat(PassholdersTrend?.Cells() ?? []);
    }
}

/// <summary>A figure against the previous period of equal length: hidden as a whole when either side is.</summary>
public sealed record Trend(Cell Previous, Cell Delta, Cell Percent)
{
    public IEnumerable<Cell> Cells() => [Previous, Delta, Percent];
}

/// <summary>The rows of one dimension, in a fixed order (domains as listed, names alphabetically, time ascending; never by size).</summary>
public sealed record ParticipationTable(ReportDimension Dimension, IReadOnlyList<ParticipationRow> Rows);
