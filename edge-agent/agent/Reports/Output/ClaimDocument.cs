using System.Net;
using System.Text;

namespace Uitpas.Edge.Agent.Reports.Output;

/// <summary>
/// An organizer's social-tariff claim as a printable HTML page (A4, <c>@media print</c>): header (organizer, period,
/// card systems, keys), the lines, the totals and "De gemeente betaalt: € …". No passholder data at all. Every
/// text is HTML-encoded; the page needs nothing from outside (its style is inline: serve it with a CSP that allows that).
/// </summary>
public static class ClaimDocument
{
    /// <summary>The CSP to serve the page with: nothing loads, only its own inline style applies.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    private const string Style = """
        @page { size: A4; margin: 15mm; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #111; margin: 2em; }
        h1 { font-size: 16pt; margin: 0 0 .4em; }
        dl { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; margin: 0 0 1em; }
        dt { font-weight: bold; }
        dd { margin: 0; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #999; padding: .25em .4em; text-align: left; vertical-align: top; }
        td.n, th.n { text-align: right; white-space: nowrap; }
        tfoot td { font-weight: bold; background: #eee; }
        .pays { font-size: 14pt; font-weight: bold; margin: 1em 0; padding: .5em; border: 2px solid #111; display: inline-block; }
        .note { font-size: 9pt; color: #444; }
        @media print { body { margin: 0; font-size: 9pt; } thead { display: table-header-group; } tr { break-inside: avoid; } }
        """;

    public static byte[] Render(SettlementReport report, OrganizerClaim claim, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(labels);
        var html = new StringBuilder();
        var title = $"{labels["claimTitle"]} – {claim.Organizer} – {labels.Date(report.Period.From)} – {labels.Date(report.Period.To)}";
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(labels.Language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(labels["claimTitle"])).Append("</h1>\n<dl>\n");
        Term(html, labels["organizer"], claim.Organizer);
        Term(html, labels["period"], $"{labels.Date(report.Period.From)} – {labels.Date(report.Period.To)}");
        Term(html, labels["cardSystems"], string.Join(", ", claim.Lines.Select(l => l.CardSystemId).Distinct().Order()));
        Term(html, labels["keys"], string.Join(", ", claim.Lines.Select(l => l.Key.ToString()).Distinct().Order(StringComparer.Ordinal)));
        Term(html, labels["sales"], claim.Totals.Sales.ToString(labels.Culture));
        html.Append("</dl>\n<table>\n<thead><tr>");
        foreach (var (header, numeric) in Columns(labels))
        {
            html.Append(numeric ? "<th class=\"n\">" : "<th>").Append(E(header)).Append("</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var line in claim.Lines)
        {
            html.Append("<tr>");
            Cells(html, false, labels.Date(line.SaleDate), line.CentralSaleId, line.EventTitle ?? line.EventId, labels.Domain(line.Domain),
                line.TariffName, line.CardSystemId.ToString(labels.Culture));
            Cells(html, true, labels.Euro(line.RegularCents), labels.Euro(line.PaidCents), labels.Euro(line.OrganizerCents), labels.Euro(line.MunicipalityCents));
            Cells(html, false, line.Key.ToString(), line.Deviation ? labels["deviationYes"] : "");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n<tfoot><tr>");
        html.Append("<td colspan=\"6\">").Append(E(labels["total"])).Append("</td>");
        Cells(html, true, labels.Euro(claim.Totals.RegularCents), labels.Euro(claim.Totals.ParticipantCents),
            labels.Euro(claim.Totals.OrganizerCents), labels.Euro(claim.Totals.MunicipalityCents));
        Cells(html, false, "", claim.Totals.Deviations > 0 ? $"{claim.Totals.Deviations} × {labels["deviationYes"]}" : "");
        html.Append("</tr></tfoot>\n</table>\n");
        html.Append("<p class=\"pays\" data-testid=\"municipality-pays\">").Append(E($"{labels["municipalityPays"]}: € {labels.Euro(claim.Totals.MunicipalityCents)}")).Append("</p>\n");
        if (claim.Totals.Deviations > 0)
        {
            html.Append("<p class=\"note\">").Append(E(labels["deviationNote"])).Append("</p>\n");
        }
        html.Append("<p class=\"note\">").Append(E(labels["noPassholderData"])).Append(' ').Append(E(labels["generated"])).Append(".</p>\n</body>\n</html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    /// <summary>The claim's lines as CSV (same columns as the page, amounts with decimal comma) and a total row.</summary>
    public static byte[] Csv(OrganizerClaim claim, ReportLabels labels)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(labels);
        var table = new CsvTable([labels["organizer"], .. Columns(labels).Select(c => c.Header)]);
        foreach (var line in claim.Lines)
        {
            table.Add(claim.Organizer, labels.Date(line.SaleDate), line.CentralSaleId, line.EventTitle ?? line.EventId, labels.Domain(line.Domain),
                line.TariffName, line.CardSystemId.ToString(labels.Culture), labels.Euro(line.RegularCents), labels.Euro(line.PaidCents),
                labels.Euro(line.OrganizerCents), labels.Euro(line.MunicipalityCents), line.Key.ToString(), line.Deviation ? labels["deviationYes"] : "");
        }
        table.Add(claim.Organizer, labels["total"], "", "", "", "", "", labels.Euro(claim.Totals.RegularCents), labels.Euro(claim.Totals.ParticipantCents),
            labels.Euro(claim.Totals.OrganizerCents), labels.Euro(claim.Totals.MunicipalityCents), "",
            claim.Totals.Deviations.ToString(labels.Culture));
        return table.ToBytes();
    }

    private static IEnumerable<(string Header, bool Numeric)> Columns(ReportLabels labels) =>
    [
        (labels["saleDate"], false), (labels["centralSaleId"], false), (labels["event"], false), (labels["domain"], false),
        (labels["tariff"], false), (labels["cardSystem"], false), (labels["regular"], true), (labels["participantShare"], true),
        (labels["organizerShare"], true), (labels["municipalityShare"], true), (labels["key"], false), (labels["deviation"], false),
    ];

    private static void Term(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private static void Cells(StringBuilder html, bool numeric, params string[] values)
    {
        foreach (var value in values)
        {
            html.Append(numeric ? "<td class=\"n\">" : "<td>").Append(E(value)).Append("</td>");
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
