namespace Uitpas.Edge.Agent.Reports.Output;

/// <summary>One file of a report: its name, media type and bytes.</summary>
public sealed record ReportFile(string Name, string ContentType, byte[] Content);

/// <summary>
/// Every file the agent makes of a report, from the engine's suppressed <see cref="Cell"/>s only: the participation
/// CSVs and charts, the settlement's summary and one claim (CSV + printable HTML) per organizer. The CLI saves them,
/// the dashboard links to them; nobody else formats a figure.
/// </summary>
public static class ReportFiles
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string SvgType = "image/svg+xml";
    public const string HtmlType = "text/html; charset=utf-8";

    private static readonly (string Name, ReportDimension Dimension)[] Tables =
    [
        ("per-domein.csv", ReportDimension.Domain),
        ("per-organisator.csv", ReportDimension.Organizer),
        ("per-locatie.csv", ReportDimension.Venue),
        ("per-kaartsysteem.csv", ReportDimension.CardSystem),
        ("per-evenement.csv", ReportDimension.Event),
        ("per-week.csv", ReportDimension.Week),
        ("per-maand.csv", ReportDimension.Month),
        ("per-domein-per-maand.csv", ReportDimension.DomainMonth),
    ];

    /// <summary>The participation report's files, in this order.</summary>
    public static IReadOnlyList<string> ParticipationNames { get; } =
        [.. Tables.Select(t => t.Name), "niet-gecrediteerd.csv", "checkins-per-domein.svg", "trend-per-week.svg", "kansentarief-aandeel.svg"];

    /// <summary>The settlement's files: the summary, then per organizer its claim as CSV and HTML.</summary>
    public static IReadOnlyList<string> SettlementNames(SettlementReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ["samenvatting.csv", .. report.Claims.SelectMany(c => new[] { $"vordering-{c.Slug}.csv", $"vordering-{c.Slug}.html" })];
    }

    /// <summary>One participation file by name; null for a name that is not one of <see cref="ParticipationNames"/>.</summary>
    public static ReportFile? Participation(ParticipationReport report, string name, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var (file, dimension) in Tables)
        {
            if (file == name)
            {
                return new ReportFile(name, CsvType, ParticipationCsv.Table(report, dimension, labels));
            }
        }
        return name switch
        {
            "niet-gecrediteerd.csv" => new ReportFile(name, CsvType, ParticipationCsv.NotCredited(report, labels)),
            "checkins-per-domein.svg" => new ReportFile(name, SvgType, ParticipationCharts.CheckinsPerDomain(report, labels)),
            "trend-per-week.svg" => new ReportFile(name, SvgType, ParticipationCharts.Weeks(report, labels)),
            "kansentarief-aandeel.svg" => new ReportFile(name, SvgType, ParticipationCharts.SocialTariffShare(report, labels)),
            _ => null,
        };
    }

    /// <summary>One settlement file by name; null for a name that is not one of <see cref="SettlementNames"/>.</summary>
    public static ReportFile? Settlement(SettlementReport report, string name, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(labels);
        if (name == "samenvatting.csv")
        {
            return new ReportFile(name, CsvType, Summary(report, labels));
        }
        foreach (var claim in report.Claims)
        {
            if (name == $"vordering-{claim.Slug}.csv")
            {
                return new ReportFile(name, CsvType, ClaimDocument.Csv(claim, labels));
            }
            if (name == $"vordering-{claim.Slug}.html")
            {
                return new ReportFile(name, HtmlType, ClaimDocument.Render(report, claim, labels));
            }
        }
        return null;
    }

    /// <summary>samenvatting.csv: organizer × card system with totals, then the grand total.</summary>
    public static byte[] Summary(SettlementReport report, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(labels);
        var table = new CsvTable(labels["organizer"], labels["cardSystem"], labels["sales"], labels["regular"], labels["participantShare"],
            labels["organizerShare"], labels["municipalityShare"], labels["deviations"]);
        foreach (var row in report.Summary)
        {
            Totals(table, labels, row.Organizer, row.CardSystemId.ToString(labels.Culture), row.Totals);
        }
        Totals(table, labels, labels["total"], report.CardSystem?.ToString(labels.Culture) ?? "", report.Total);
        return table.ToBytes();
    }

    private static void Totals(CsvTable table, ReportLabels labels, string organizer, string cardSystem, SettlementTotals totals) =>
        table.Add(organizer, cardSystem, totals.Sales.ToString(labels.Culture), labels.Euro(totals.RegularCents), labels.Euro(totals.ParticipantCents),
            labels.Euro(totals.OrganizerCents), labels.Euro(totals.MunicipalityCents), totals.Deviations.ToString(labels.Culture));
}
