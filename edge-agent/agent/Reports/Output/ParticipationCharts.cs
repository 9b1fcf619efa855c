namespace Uitpas.Edge.Agent.Reports.Output;

/// <summary>The participation report's three charts, drawn by <see cref="SvgChart"/> from the engine's cells.</summary>
internal static class ParticipationCharts
{
    /// <summary>Check-ins per domain: this period against the previous one (the trend's "previous", hidden the same way).</summary>
    public static byte[] CheckinsPerDomain(ParticipationReport report, ReportLabels labels)
    {
        var rows = report[ReportDimension.Domain].Rows;
        var now = new ChartSeries($"{labels["currentPeriod"]} ({Span(report.Period, labels)})", SvgChart.CurrentFill, [.. rows.Select(r => r.Checkins)]);
        var before = new ChartSeries($"{labels["previous"]} ({Span(report.Period.Previous, labels)})", SvgChart.PreviousFill,
            [.. rows.Select(r => r.CheckinsTrend?.Previous ?? Cell.None)]);
        return SvgChart.HorizontalBars(labels["chartCheckins"], Span(report.Period, labels), labels["suppressedNote"], [.. rows.Select(labels.RowLabel)], [now, before], labels.Culture);
    }

    /// <summary>Check-ins per ISO week of the period (clipped weeks included).</summary>
    public static byte[] Weeks(ParticipationReport report, ReportLabels labels)
    {
        var rows = report[ReportDimension.Week].Rows;
        // "W10" within one ISO year, "26-W10" across years (fits a column at 13 px).
        var oneYear = rows.Select(r => r.Key[..4]).Distinct().Count() <= 1;
        return SvgChart.Columns(labels["chartWeeks"], Span(report.Period, labels), labels["suppressedNote"], [.. rows.Select(r => oneYear ? r.Key[5..] : r.Key[2..])],
            [.. rows.Select(r => r.Checkins)], labels.Culture);
    }

    /// <summary>Share of passholders with the social tariff per domain, on a 0–100 % scale.</summary>
    public static byte[] SocialTariffShare(ParticipationReport report, ReportLabels labels)
    {
        var rows = report[ReportDimension.Domain].Rows;
        var share = new ChartSeries(labels["socialShare"], SvgChart.CurrentFill, [.. rows.Select(r => r.SocialTariffShare)]);
        return SvgChart.HorizontalBars(labels["chartShare"], Span(report.Period, labels), labels["suppressedNote"],
            [.. rows.Select(labels.RowLabel)], [share], labels.Culture, " %", fixedMax: 100m);
    }

    private static string Span(ReportPeriod period, ReportLabels labels) => $"{labels.Date(period.From)} – {labels.Date(period.To)}";
}
