using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Reports.Output;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>The settlement's files: each claim (CSV and printable HTML) and the summary add up to the engine's amounts.</summary>
public sealed partial class ClaimDocumentTests
{
    [Fact]
    public void The_claim_page_says_what_the_municipality_pays_and_its_lines_add_up_to_the_settlement()
    {
        var settlement = ReportSamples.Settlement();
        var claim = settlement.Claims.Single(c => c.Organizer == "CC De Werf");

        var html = Encoding.UTF8.GetString(ReportFiles.Settlement(settlement, $"vordering-{claim.Slug}.html", ReportLabels.Dutch)!.Content);

        Assert.Equal("cc-de-werf", claim.Slug);
        Assert.Contains("De gemeente betaalt: € 6,40", html, StringComparison.Ordinal); // 2 × 40 % of € 8.00
        Assert.Equal(640, claim.Totals.MunicipalityCents);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("size: A4", html, StringComparison.Ordinal);
        Assert.Contains("<dd>2026-03-01 – 2026-03-31</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>1, 2</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>20/40/40, 25/35/40</dd>", html, StringComparison.Ordinal);
        var rows = BodyRows().Matches(html.Split("<tbody>")[1].Split("</tbody>")[0]).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Single(rows, r => r.Value.Contains("<td>afwijking</td>", StringComparison.Ordinal)); // card system 2 pays 25 %, its key says 20 %
        var municipality = rows.Sum(r => Cents(Cells().Matches(r.Value)[9].Groups[1].Value));
        Assert.Equal(claim.Totals.MunicipalityCents, municipality);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_claim_csv_has_one_line_per_sale_and_a_total_equal_to_the_claim()
    {
        var settlement = ReportSamples.Settlement();
        var claim = settlement.Claims.Single(c => c.Organizer == "Sportdienst Aalst");

        var csv = CsvTable.Parse(ReportFiles.Settlement(settlement, $"vordering-{claim.Slug}.csv", ReportLabels.Dutch)!.Content);

        Assert.Equal(["Organisator", "Verkoopdatum", "Verkoop-id (UiTPAS)", "Evenement", "Domein", "Tarief", "Kaartsysteem", "Normale prijs (€)",
            "Deelnemer (€)", "Organisator (€)", "Gemeente (€)", "Verdeelsleutel", "Afwijking"], csv.Headers);
        var line = csv.Rows[0];
        Assert.Equal(["Sportdienst Aalst", "2026-03-17"], line.Take(2));
        Assert.Equal("Vrij zwemmen", line[3]);
        Assert.Equal(["12,50", "3,13", "4,37", "5,00", "25/35/40", ""], line.Skip(7));
        Assert.Equal("Totaal", csv.Rows[^1][1]);
        Assert.Equal(claim.Totals.MunicipalityCents, Cents(csv.Rows[^1][csv.Column("Gemeente (€)")]));
        Assert.Equal(claim.Totals.RegularCents, claim.Totals.ParticipantCents + claim.Totals.OrganizerCents + claim.Totals.MunicipalityCents);
    }

    [Fact]
    public void The_summary_has_a_row_per_organizer_and_card_system_and_a_grand_total()
    {
        var settlement = ReportSamples.Settlement();

        var csv = CsvTable.Parse(ReportFiles.Settlement(settlement, "samenvatting.csv", ReportLabels.Dutch)!.Content);

        Assert.Equal(["CC De Werf|1", "CC De Werf|2", "Sportdienst Aalst|1", "Totaal|"], csv.Rows.Select(r => r[0] + "|" + r[1]));
        var municipality = csv.Column("Gemeente (€)");
        Assert.Equal(csv.Rows.SkipLast(1).Sum(r => Cents(r[municipality])), Cents(csv.Rows[^1][municipality]));
        Assert.Equal(settlement.Total.MunicipalityCents, Cents(csv.Rows[^1][municipality]));
        Assert.Equal(1140, settlement.Total.MunicipalityCents);
        Assert.Equal("1", csv.Rows[^1][csv.Column("Afwijkingen")]);
        Assert.Equal(["samenvatting.csv", "vordering-cc-de-werf.csv", "vordering-cc-de-werf.html", "vordering-sportdienst-aalst.csv", "vordering-sportdienst-aalst.html"],
            ReportFiles.SettlementNames(settlement));
    }

    [Fact]
    public void Names_are_html_encoded_in_the_claim_page()
    {
        var sale = EngineFacts.Sale(EngineFacts.Local(2026, 3, 4, 10), 1, organizer: "<b>Jeugd & Co</b>", eventTitle: "<script>alert(1)</script>");
        Assert.True(SettlementReport.TryBuild([sale], ReportSamples.March, null, [1], out var settlement, out _));

        var html = Encoding.UTF8.GetString(ClaimDocument.Render(settlement, settlement.Claims[0], ReportLabels.Dutch));

        Assert.Contains("&lt;b&gt;Jeugd &amp; Co&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [PrintFact]
    public async Task Chromium_prints_the_claim_page_to_a_pdf()
    {
        var settlement = ReportSamples.Settlement();
        var folder = Directory.CreateTempSubdirectory("uitpas-claim-").FullName;
        try
        {
            var page = Path.Combine(folder, "vordering.html");
            var pdf = Path.Combine(folder, "vordering.pdf");
            await File.WriteAllBytesAsync(page, ClaimDocument.Render(settlement, settlement.Claims[0], ReportLabels.Dutch));
            using var chromium = Process.Start(new ProcessStartInfo(PrintFactAttribute.Chromium,
                ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(folder, "profile")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri])
            { RedirectStandardError = true, RedirectStandardOutput = true })!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await chromium.WaitForExitAsync(timeout.Token);

            var bytes = await File.ReadAllBytesAsync(pdf);
            Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes, 0, 4));
            Assert.True(bytes.Length > 1000);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long Cents(string euro) => (long)(decimal.Parse(euro.Replace(',', '.'), CultureInfo.InvariantCulture) * 100);

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex BodyRows();

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cells();
}

/// <summary>A fact that prints with Chromium: skipped with the reason when it is missing, unless UITPAS_EDGE_REQUIRE_SERVERS=1.</summary>
public sealed class PrintFactAttribute : FactAttribute
{
    public static string Chromium =>
        Environment.GetEnvironmentVariable("UITPAS_EDGE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public PrintFactAttribute()
    {
        if (!File.Exists(Chromium) && Environment.GetEnvironmentVariable("UITPAS_EDGE_REQUIRE_SERVERS") != "1")
        {
            Skip = $"Chromium not found at {Chromium} (apt-get install chromium, or set UITPAS_EDGE_CHROMIUM)";
        }
    }
}
