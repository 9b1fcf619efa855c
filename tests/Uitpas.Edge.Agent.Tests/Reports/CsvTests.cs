using System.Text;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Reports.Output;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>The CSV files: Excel nl-BE form (BOM, ';', decimal comma), languages, and "&lt;5" with no number behind it.</summary>
public sealed class CsvTests
{
    private static readonly string[] MeasureHeaders =
        ["Check-ins", "Limiet bereikt", "Niet gecrediteerd", "Unieke pashouders", "Pashouders met kansentarief", "Aandeel kansentarief (%)", "Verkopen kansentarief"];

    [Fact]
    public void Fields_with_separators_quotes_and_line_breaks_survive_a_round_trip()
    {
        string[] tricky = ["a;b", "zei \"hallo\"", "twee\r\nregels", " spatie ", "", "café €"];
        var table = new CsvTable("één", "twee", "drie", "vier", "vijf", "zes").Add(tricky);

        var bytes = table.ToBytes();
        var back = CsvTable.Parse(bytes);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.EndsWith("\r\n", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(["één", "twee", "drie", "vier", "vijf", "zes"], back.Headers);
        Assert.Equal(tricky, back.Rows.Single());
    }

    [Fact]
    public void A_field_Excel_would_run_as_a_formula_is_defused_but_a_negative_number_is_not()
    {
        var back = CsvTable.Parse(new CsvTable("organisator", "verschil").Add("=HYPERLINK(\"x\")", "-3,5").ToBytes());

        Assert.Equal("'=HYPERLINK(\"x\")", back.Rows[0][0]);
        Assert.Equal("-3,5", back.Rows[0][1]);
    }

    [Fact]
    public void Parsing_bad_bytes_gives_a_table_and_never_throws()
    {
        var table = CsvTable.Parse([0xFF, 0xFE, (byte)'"', (byte)'a', (byte)';', 0x00]);

        Assert.Single(table.Headers);
        Assert.Empty(table.Rows);
    }

    [Fact]
    public void Domain_table_has_dutch_headers_decimal_commas_and_a_total_row_equal_to_the_report()
    {
        var report = ReportSamples.Participation();

        var csv = CsvTable.Parse(ReportFiles.Participation(report, "per-domein.csv", ReportLabels.Dutch)!.Content);

        Assert.Equal("Domein", csv.Headers[0]);
        Assert.Equal(MeasureHeaders, csv.Headers.Skip(1).Take(7));
        Assert.Contains("Check-ins, vorige periode", csv.Headers);
        Assert.Equal(["cultuur", "jeugd", "sport", "welzijn", "overig", "Totaal"], csv.Rows.Select(r => r[0]));
        var cultuur = csv.Rows[0];
        Assert.Equal("12", cultuur[csv.Column("Check-ins")]);
        Assert.Equal("58,3", cultuur[csv.Column("Aandeel kansentarief (%)")]);
        Assert.Equal("9", cultuur[csv.Column("Check-ins, vorige periode")]);
        Assert.Equal("33,3", cultuur[csv.Column("Check-ins, verschil (%)")]);
        var total = csv.Rows[^1];
        Assert.Equal(report.Total.Checkins.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), total[csv.Column("Check-ins")]);
        Assert.Equal("8", csv.Rows[3][csv.Column("Niet gecrediteerd")]);
    }

    [Fact]
    public void A_hidden_cell_shows_lt5_in_every_figure_and_its_real_numbers_nowhere()
    {
        var report = ReportSamples.Participation(jeugdTaps: 7, jeugdPassholders: 3);

        foreach (var name in ReportFiles.ParticipationNames.Where(n => n.EndsWith(".csv", StringComparison.Ordinal)))
        {
            var csv = CsvTable.Parse(ReportFiles.Participation(report, name, ReportLabels.Dutch)!.Content);
            foreach (var row in csv.Rows.Where(r => r.Contains("jeugd") || r.Contains("ev-voorlezen")))
            {
                var figures = row.Skip(csv.Column("Check-ins")).ToArray();
                Assert.All(figures, f => Assert.Contains(f, new[] { "<5", "0", "" }));
                Assert.Contains("<5", figures);
            }
        }
        var domains = CsvTable.Parse(ReportFiles.Participation(report, "per-domein.csv", ReportLabels.Dutch)!.Content);
        Assert.Equal("<5", domains.Rows[2][domains.Column("Check-ins")]);
    }

    [Fact]
    public void French_and_English_change_the_headers_and_english_uses_a_decimal_point()
    {
        var report = ReportSamples.Participation();
        Assert.True(ReportLabels.TryGet("fr", out var french, out _));
        Assert.True(ReportLabels.TryGet("EN", out var english, out _));

        var fr = CsvTable.Parse(ReportFiles.Participation(report, "per-domein.csv", french)!.Content);
        var en = CsvTable.Parse(ReportFiles.Participation(report, "per-domein.csv", english)!.Content);

        Assert.Equal("Domaine", fr.Headers[0]);
        Assert.Equal("culture", fr.Rows[0][0]);
        Assert.Equal("58,3", fr.Rows[0][fr.Column("Part tarif social (%)")]);
        Assert.Equal("youth", en.Rows[1][0]);
        Assert.Equal("58.3", en.Rows[0][en.Column("Social tariff share (%)")]);
        Assert.False(ReportLabels.TryGet("de", out _, out var error));
        Assert.Equal("lang must be nl, fr or en, not 'de'.", error);
    }

    [Fact]
    public void Week_and_month_tables_list_every_clipped_period_with_its_dates_and_no_trend()
    {
        var report = ReportSamples.Participation();

        var weeks = CsvTable.Parse(ReportFiles.Participation(report, "per-week.csv", ReportLabels.Dutch)!.Content);
        var months = CsvTable.Parse(ReportFiles.Participation(report, "per-maand.csv", ReportLabels.Dutch)!.Content);

        Assert.Equal(["2026-W09", "2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14", "Totaal"], weeks.Rows.Select(r => r[0]));
        Assert.Equal(["2026-03-01", "2026-03-01"], weeks.Rows[0].Skip(1).Take(2));
        Assert.DoesNotContain(weeks.Headers, h => h.Contains("vorige periode", StringComparison.Ordinal));
        Assert.Equal(["2026-03", "2026-03-01", "2026-03-31"], months.Rows[0].Take(3));
    }

    [Fact]
    public void Not_credited_lists_the_events_whose_late_taps_came_after_the_window()
    {
        var csv = CsvTable.Parse(ReportFiles.Participation(ReportSamples.Participation(), "niet-gecrediteerd.csv", ReportLabels.Dutch)!.Content);

        Assert.Equal(["Evenement-id", "Evenement", "Niet gecrediteerd", "Check-ins", "Unieke pashouders"], csv.Headers);
        Assert.Equal(["ev-avond", "ev-avond", "8", "0", "8"], csv.Rows[0]);
        Assert.Equal("Totaal", csv.Rows[^1][0]);
    }

    [Fact]
    public void No_file_names_a_pseudonym()
    {
        var report = ReportSamples.Participation();
        var settlement = ReportSamples.Settlement();
        var texts = ReportFiles.ParticipationNames.Select(n => ReportFiles.Participation(report, n, ReportLabels.Dutch)!.Content)
            .Concat(ReportFiles.SettlementNames(settlement).Select(n => ReportFiles.Settlement(settlement, n, ReportLabels.Dutch)!.Content))
            .Select(Encoding.UTF8.GetString).ToArray();

        foreach (var pseudonym in ReportSamples.PseudonymsHex())
        {
            Assert.All(texts, t => Assert.DoesNotContain(pseudonym[..16], t, StringComparison.OrdinalIgnoreCase));
        }
    }
}
