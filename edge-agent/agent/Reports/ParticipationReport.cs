using Uitpas.Edge.Agent.Reports.Engine;

namespace Uitpas.Edge.Agent.Reports;

/// <summary>
/// The participation report of a period, already suppressed: per domain, organizer, venue, card system, event,
/// ISO week, month and domain × month, with trends against the previous period of equal length. It holds
/// only <see cref="Cell"/> values, so whatever renders it (JSON, CSV, SVG, dashboard) cannot show a hidden number.
/// </summary>
public sealed class ParticipationReport
{
    private static readonly ReportDimension[] TrendDimensions =
        [ReportDimension.Domain, ReportDimension.Organizer, ReportDimension.Venue, ReportDimension.CardSystem, ReportDimension.Event];

    private ParticipationReport(ReportPeriod period, ParticipationRow total, IReadOnlyList<ParticipationTable> tables)
    {
        Period = period;
        Total = total;
        Tables = tables;
    }

    public ReportPeriod Period { get; }

    /// <summary>The whole period (the total every table's rows add up to).</summary>
    public ParticipationRow Total { get; }

    /// <summary>Every table, in <see cref="ReportDimension"/> order.</summary>
    public IReadOnlyList<ParticipationTable> Tables { get; }

    public ParticipationTable this[ReportDimension dimension] => Tables.First(t => t.Dimension == dimension);

    /// <summary>The "niet gecrediteerd" panel: events whose not-credited taps are not 0 (a hidden count is not 0).</summary>
    public IReadOnlyList<ParticipationRow> NotCredited => [.. this[ReportDimension.Event].Rows.Where(r => !r.NotCredited.IsZero)];

    /// <summary>Every row, the total first (for renderers and for the tests that prove nothing hidden leaks).</summary>
    public IEnumerable<ParticipationRow> AllRows() => Tables.SelectMany(t => t.Rows).Prepend(Total);

    /// <summary>Reads the facts of the period and of the previous one from the store, and builds the report.</summary>
    public static async Task<ParticipationReport> BuildAsync(IReportSource source, ReportPeriod period, CancellationToken cancellationToken)
    {
        var previous = period.Previous;
        var taps = await source.TapsAsync(period.Start, period.Until, cancellationToken);
        var sales = await source.SalesAsync(period.Start, period.Until, cancellationToken);
        var previousTaps = await source.TapsAsync(previous.Start, previous.Until, cancellationToken);
        var previousSales = await source.SalesAsync(previous.Start, previous.Until, cancellationToken);
        return Build(taps, sales, previousTaps, previousSales, period);
    }

    /// <summary>Builds the report from facts; facts outside their period, and taps that are not credit 1–4, are ignored.</summary>
    public static ParticipationReport Build(IEnumerable<TapFact> taps, IEnumerable<SaleFact> sales,
        IEnumerable<TapFact> previousTaps, IEnumerable<SaleFact> previousSales, ReportPeriod period)
    {
        var ids = new PassholderIds();
        var current = Tally.Of(taps, sales, period, ids);
        var before = Tally.Of(previousTaps, previousSales, period.Previous, ids);
        current.Include(before);
        before.Include(current);
        current.Suppress();
        before.Suppress();

        var total = Publish("total", "totaal", current.Total, before.Total, withTrend: true, head: null);
        var tables = Enum.GetValues<ReportDimension>().Select(dimension =>
        {
            var withTrend = TrendDimensions.Contains(dimension);
            var rows = current.Rows(dimension)
                .Select(row => Publish(row.Key, row.Label, row.Figures, withTrend ? before.Find(dimension, row.Key)?.Figures : null, withTrend, row))
                .ToArray();
            return new ParticipationTable(dimension, rows);
        });
        return new ParticipationReport(period, total, [.. tables]);
    }

    private static ParticipationRow Publish(string key, string label, Figures now, Figures? before, bool withTrend, TallyRow? head) => new()
    {
        Key = key,
        Label = label,
        IsUnknown = head?.IsUnknown ?? false,
        Domain = head?.Domain,
        CardSystemId = head?.CardSystemId,
        From = head?.From,
        To = head?.To,
        Checkins = now.Published(Measure.Checkins),
        RefusedLimit = now.Published(Measure.RefusedLimit),
        NotCredited = now.Published(Measure.NotCredited),
        Passholders = now.Published(Measure.Passholders),
        SocialTariffPassholders = now.Published(Measure.SocialTariffPassholders),
        SocialTariffShare = now.SocialTariffShare(),
        SocialTariffSales = now.Published(Measure.SocialTariffSales),
        CheckinsTrend = withTrend ? TrendOf(now, before, Measure.Checkins) : null,
        PassholdersTrend = withTrend ? TrendOf(now, before, Measure.Passholders) : null,
    };

    /// <summary>Δ and % against the previous period; hidden when either side is, % not applicable from 0.</summary>
    private static Trend TrendOf(Figures now, Figures? before, Measure measure)
    {
        var previous = before?.Published(measure) ?? Cell.Of(0);
        if (now.IsHidden(measure) || previous.Suppressed)
        {
            return new Trend(previous, Cell.Hidden, Cell.Hidden);
        }
        var then = before?[measure] ?? 0;
        var delta = now[measure] - then;
        return new Trend(previous, Cell.Of(delta), then == 0 ? Cell.None : Cell.Of(Figures.Percent(delta, then)));
    }
}
