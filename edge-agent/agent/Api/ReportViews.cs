using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Reports.Output;

namespace Uitpas.Edge.Agent.Api;

/// <summary>A period as the API shows it: Brussels dates, both inclusive.</summary>
public sealed record PeriodView(DateOnly From, DateOnly To, int Days)
{
    public static PeriodView Of(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return new(period.From, period.To, period.Days);
    }
}

/// <summary>
/// GET /reports/participation: every table of the report, suppressed cells as <c>{"suppressed":true,"text":"&lt;5"}</c>,
/// labels in <see cref="Lang"/>, and the names of the files under /reports/participation/files/.
/// </summary>
public sealed record ParticipationView(PeriodView Period, PeriodView Previous, string Lang, ParticipationRowView Total,
    IReadOnlyList<ParticipationTableView> Tables, IReadOnlyList<ParticipationRowView> NotCredited, IReadOnlyList<string> Files)
{
    public static ParticipationView Of(ParticipationReport report, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(labels);
        return new(PeriodView.Of(report.Period), PeriodView.Of(report.Period.Previous), labels.Language, ParticipationRowView.Of(report.Total, labels, labels["total"]),
            [.. report.Tables.Select(t => new ParticipationTableView(Dimension(t.Dimension), [.. t.Rows.Select(r => ParticipationRowView.Of(r, labels))]))],
            [.. report.NotCredited.Select(r => ParticipationRowView.Of(r, labels))], ReportFiles.ParticipationNames);
    }

    /// <summary>"domain", "organizer", "venue", "cardSystem", "event", "week", "month", "domainMonth".</summary>
    public static string Dimension(ReportDimension dimension) => dimension switch
    {
        ReportDimension.CardSystem => "cardSystem",
        ReportDimension.DomainMonth => "domainMonth",
        _ => dimension.ToString().ToLowerInvariant(),
    };
}

public sealed record ParticipationTableView(string Dimension, IReadOnlyList<ParticipationRowView> Rows);

/// <summary>One row: its key, its label in the asked language, the domain's key ("cultuur", "onbekend"), and cells only.</summary>
public sealed record ParticipationRowView(
    string Key,
    string Label,
    string? Domain,
    long? CardSystemId,
    bool Unknown,
    DateOnly? From,
    DateOnly? To,
    Cell Checkins,
    Cell RefusedLimit,
    Cell NotCredited,
    Cell Passholders,
    Cell SocialTariffPassholders,
    Cell SocialTariffShare,
    Cell SocialTariffSales,
    Trend? CheckinsTrend,
    Trend? PassholdersTrend)
{
    public static ParticipationRowView Of(ParticipationRow row, ReportLabels labels, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(labels);
        return new(row.Key, label ?? labels.RowLabel(row),
            row.Domain is { } domain ? ReportLabels.Dutch.Domain(domain) : null, row.CardSystemId, row.IsUnknown, row.From, row.To,
            row.Checkins, row.RefusedLimit, row.NotCredited, row.Passholders, row.SocialTariffPassholders, row.SocialTariffShare, row.SocialTariffSales,
            row.CheckinsTrend, row.PassholdersTrend);
    }
}

/// <summary>GET /reports/settlement: claims per organizer (amounts in euro cents, no passholder data), the summary, the grand total, the files.</summary>
public sealed record SettlementView(PeriodView Period, long? CardSystem, IReadOnlyList<ClaimView> Claims, IReadOnlyList<SettlementSummaryView> Summary,
    SettlementTotals Total, IReadOnlyList<string> Files)
{
    public static SettlementView Of(SettlementReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(PeriodView.Of(report.Period), report.CardSystem,
            [.. report.Claims.Select(c => new ClaimView(c.Organizer, c.Slug, [.. c.Lines.Select(SettlementLineView.Of)], c.Totals))],
            [.. report.Summary.Select(s => new SettlementSummaryView(s.Organizer, s.CardSystemId, s.Totals))], report.Total, ReportFiles.SettlementNames(report));
    }
}

public sealed record ClaimView(string Organizer, string Slug, IReadOnlyList<SettlementLineView> Lines, SettlementTotals Totals);

public sealed record SettlementSummaryView(string Organizer, long CardSystemId, SettlementTotals Totals);

/// <summary>One sale of a claim; <see cref="Key"/> is the frozen key "25/35/40".</summary>
public sealed record SettlementLineView(
    DateOnly SaleDate,
    DateTimeOffset SoldAt,
    string CentralSaleId,
    string EventId,
    string? EventTitle,
    string Domain,
    string? Municipality,
    string? Venue,
    long CardSystemId,
    string TariffId,
    string TariffName,
    long RegularCents,
    long PaidCents,
    long ExpectedParticipantCents,
    long OrganizerCents,
    long MunicipalityCents,
    string Key,
    bool Deviation)
{
    public static SettlementLineView Of(SettlementLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new(line.SaleDate, line.SoldAt, line.CentralSaleId, line.EventId, line.EventTitle, ReportLabels.Dutch.Domain(line.Domain), line.Municipality,
            line.Venue, line.CardSystemId, line.TariffId, line.TariffName, line.RegularCents, line.PaidCents, line.ExpectedParticipantCents,
            line.OrganizerCents, line.MunicipalityCents, line.Key.ToString(), line.Deviation);
    }
}
