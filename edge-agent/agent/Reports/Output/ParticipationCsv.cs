namespace Uitpas.Edge.Agent.Reports.Output;

/// <summary>
/// The participation tables as CSV: one row per cell of a dimension, then the total; every figure is the engine's
/// <see cref="Cell"/> as text ("&lt;5" when suppressed, empty when not applicable), so no hidden number can get in.
/// </summary>
internal static class ParticipationCsv
{
    public static byte[] Table(ParticipationReport report, ReportDimension dimension, ReportLabels labels)
    {
        var withTrend = report[dimension].Rows.Any(r => r.CheckinsTrend is not null);
        var withDates = dimension is ReportDimension.Week or ReportDimension.Month or ReportDimension.DomainMonth;
        var headers = new List<string>(Heads(dimension, labels));
        if (withDates)
        {
            headers.AddRange([labels["from"], labels["to"]]);
        }
        headers.AddRange(Measures(labels));
        if (withTrend)
        {
            headers.AddRange(TrendHeads(labels["checkins"], labels));
            headers.AddRange(TrendHeads(labels["passholders"], labels));
        }
        var table = new CsvTable([.. headers]);
        foreach (var row in report[dimension].Rows)
        {
            table.Add([.. Line(row, dimension, labels, withDates, withTrend)]);
        }
        var total = new List<string> { labels["total"] };
        total.AddRange(Enumerable.Repeat(string.Empty, Heads(dimension, labels).Length - 1 + (withDates ? 2 : 0)));
        total.AddRange(Figures(report.Total, labels));
        if (withTrend)
        {
            total.AddRange(Trend(report.Total.CheckinsTrend, labels));
            total.AddRange(Trend(report.Total.PassholdersTrend, labels));
        }
        table.Add([.. total]);
        return table.ToBytes();
    }

    /// <summary>niet-gecrediteerd.csv: events whose late taps central refused because the window had closed.</summary>
    public static byte[] NotCredited(ParticipationReport report, ReportLabels labels)
    {
        var table = new CsvTable(labels["eventId"], labels["event"], labels["notCredited"], labels["checkins"], labels["passholders"]);
        foreach (var row in report.NotCredited)
        {
            table.Add(row.Key, labels.RowLabel(row), labels.Cell(row.NotCredited), labels.Cell(row.Checkins), labels.Cell(row.Passholders));
        }
        table.Add(labels["total"], "", labels.Cell(report.Total.NotCredited), labels.Cell(report.Total.Checkins), labels.Cell(report.Total.Passholders));
        return table.ToBytes();
    }

    private static string[] Heads(ReportDimension dimension, ReportLabels labels) => dimension switch
    {
        ReportDimension.Domain => [labels["domain"]],
        ReportDimension.Organizer => [labels["organizer"]],
        ReportDimension.Venue => [labels["venue"]],
        ReportDimension.CardSystem => [labels["cardSystem"]],
        ReportDimension.Event => [labels["eventId"], labels["event"]],
        ReportDimension.Week => [labels["week"]],
        ReportDimension.Month => [labels["month"]],
        _ => [labels["domain"], labels["month"]],
    };

    private static IEnumerable<string> Line(ParticipationRow row, ReportDimension dimension, ReportLabels labels, bool withDates, bool withTrend)
    {
        switch (dimension)
        {
            case ReportDimension.Event:
                yield return row.Key;
                yield return labels.RowLabel(row);
                break;
            case ReportDimension.DomainMonth:
                yield return labels.Domain(row.Domain ?? PolicyDomain.Unknown);
                yield return row.Key[(row.Key.LastIndexOf(' ') + 1)..];
                break;
            default:
                yield return labels.RowLabel(row);
                break;
        }
        if (withDates)
        {
            yield return row.From is { } from ? labels.Date(from) : "";
            yield return row.To is { } to ? labels.Date(to) : "";
        }
        foreach (var figure in Figures(row, labels))
        {
            yield return figure;
        }
        if (withTrend)
        {
            foreach (var cell in Trend(row.CheckinsTrend, labels).Concat(Trend(row.PassholdersTrend, labels)))
            {
                yield return cell;
            }
        }
    }

    private static string[] Measures(ReportLabels labels) =>
        [labels["checkins"], labels["refusedLimit"], labels["notCredited"], labels["passholders"], labels["socialPassholders"], labels["socialShare"], labels["socialSales"]];

    private static string[] Figures(ParticipationRow row, ReportLabels labels) =>
    [
        labels.Cell(row.Checkins), labels.Cell(row.RefusedLimit), labels.Cell(row.NotCredited), labels.Cell(row.Passholders),
        labels.Cell(row.SocialTariffPassholders), labels.Cell(row.SocialTariffShare), labels.Cell(row.SocialTariffSales),
    ];

    private static string[] TrendHeads(string measure, ReportLabels labels) =>
        [$"{measure}, {labels["previous"]}", $"{measure}, {labels["delta"]}", $"{measure}, {labels["percent"]}"];

    private static string[] Trend(Trend? trend, ReportLabels labels) =>
        trend is null ? ["", "", ""] : [labels.Cell(trend.Previous), labels.Cell(trend.Delta), labels.Cell(trend.Percent)];
}
