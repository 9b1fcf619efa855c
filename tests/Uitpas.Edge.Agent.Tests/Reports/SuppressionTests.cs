using System.Reflection;
using System.Text.Json;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Reports;
using static Uitpas.Edge.Agent.Tests.Reports.EngineFacts;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>Small-cell suppression (design §6): "&lt;5" for 1–4 passholders, the social-tariff sub-count, complementary cells, trends.</summary>
public sealed class SuppressionTests
{
    private static readonly ReportPeriod March = Period("2026-03-01", "2026-03-31");
    private static readonly DateTimeOffset Tuesday = Local(2026, 3, 10, 10);

    /// <summary>cultuur 10 passholders, jeugd 8, sport 6 (+2 refused at the limit), welzijn 3 (+1 not credited).</summary>
    private static List<TapFact> FourDomains()
    {
        var taps = new List<TapFact>();
        taps.AddRange(Enumerable.Range(1, 10).Select(p => Tap(Tuesday, p, domain: PolicyDomain.Cultuur, eventId: "ev-cultuur")));
        taps.AddRange(Enumerable.Range(11, 8).Select(p => Tap(Tuesday, p, domain: PolicyDomain.Jeugd, eventId: "ev-jeugd")));
        taps.AddRange(Enumerable.Range(21, 6).Select(p => Tap(Tuesday, p, domain: PolicyDomain.Sport, eventId: "ev-sport")));
        taps.AddRange(new[] { 21, 22 }.Select(p => Tap(Tuesday.AddHours(1), p, TapCredit.RefusedLimit, PolicyDomain.Sport, eventId: "ev-sport")));
        taps.AddRange(Enumerable.Range(31, 3).Select(p => Tap(Tuesday, p, domain: PolicyDomain.Welzijn, eventId: "ev-welzijn")));
        taps.Add(Tap(Tuesday.AddHours(12), 31, TapCredit.RefusedWindowClosed, PolicyDomain.Welzijn, eventId: "ev-welzijn"));
        return taps;
    }

    [Fact]
    public void A_cell_of_three_passholders_shows_less_than_5_in_every_measure_but_its_zeros()
    {
        var report = Report(March, FourDomains());

        var welzijn = report.Row(ReportDimension.Domain, "welzijn");
        Assert.Equal(["<5", "0", "<5", "<5", "0", "<5", "0"], Texts(welzijn));
        Assert.All(welzijn.Cells().Where(c => c.Suppressed), c => Assert.Null(c.Value));
        Assert.True(welzijn.CheckinsTrend!.Delta.Suppressed && welzijn.CheckinsTrend.Percent.Suppressed);
        Assert.Equal(["10", "0", "0", "10", "0", "0", "0"], Texts(report.Row(ReportDimension.Domain, "cultuur")));
        Assert.Equal(["8", "0", "0", "8", "0", "0", "0"], Texts(report.Row(ReportDimension.Domain, "jeugd")));
        SuppressionAudit.Check(report);
    }

    [Fact]
    public void The_smallest_other_domain_is_hidden_too_so_the_small_one_cannot_be_had_by_subtraction()
    {
        var report = Report(March, FourDomains());

        // Check-ins and passholders: welzijn is the only hidden domain, so sport (6 passholders, the fewest after it) goes too.
        var sport = report.Row(ReportDimension.Domain, "sport");
        Assert.Equal(["<5", "2", "0", "<5", "0", "<5", "0"], Texts(sport));
        Assert.Equal("27", report.Total.Checkins.ToString());
        Assert.Equal("27", report.Total.Passholders.ToString());
        // Not credited: welzijn's 1 is the only one anywhere, so no sibling can hide it: the total goes, and with it
        // that figure in every other table that adds up to the total (the week, the organizer, ...).
        Assert.True(report.Total.NotCredited.Suppressed);
        Assert.True(report.Row(ReportDimension.Week, "2026-W11").NotCredited.Suppressed);
        Assert.True(report.Row(ReportDimension.Organizer, "CC De Werf").NotCredited.Suppressed);
        Assert.Equal("27", report.Row(ReportDimension.Week, "2026-W11").Checkins.ToString());
        // The panel lists the event with not-credited taps, hidden.
        var panel = Assert.Single(report.NotCredited);
        Assert.Equal("ev-welzijn", panel.Key);
        Assert.True(panel.NotCredited.Suppressed);
        SuppressionAudit.Check(report);
    }

    [Fact]
    public void Two_small_cells_hide_each_other_and_nothing_else_is_hidden()
    {
        var taps = new List<TapFact>();
        taps.AddRange(Enumerable.Range(1, 10).Select(p => Tap(Tuesday, p, domain: PolicyDomain.Cultuur)));
        taps.AddRange(Enumerable.Range(11, 9).Select(p => Tap(Tuesday, p, domain: PolicyDomain.Jeugd)));
        taps.AddRange(Enumerable.Range(21, 3).Select(p => Tap(Tuesday, p, domain: PolicyDomain.Welzijn)));
        taps.AddRange(Enumerable.Range(31, 2).Select(p => Tap(Tuesday, p, domain: PolicyDomain.Sport)));

        var report = Report(March, taps);

        Assert.Equal(["10", "9", "<5", "<5", "0"], report[ReportDimension.Domain].Rows.Select(r => r.Checkins.ToString()));
        Assert.Equal(["cultuur", "jeugd", "sport", "welzijn", "overig"], report[ReportDimension.Domain].Rows.Select(r => r.Key));
        Assert.Equal("24", report.Total.Checkins.ToString());
        SuppressionAudit.Check(report);
    }

    [Fact]
    public void A_social_tariff_sub_count_of_three_hides_the_social_figures_of_an_otherwise_published_cell()
    {
        var taps = new List<TapFact>();
        taps.AddRange(Enumerable.Range(1, 20).Select(p => Tap(Tuesday, p, domain: PolicyDomain.Cultuur, social: p <= 3)));
        taps.AddRange(Enumerable.Range(21, 10).Select(p => Tap(Tuesday, p, domain: PolicyDomain.Sport, social: p <= 26)));
        var sales = new[] { Sale(Tuesday, 1), Sale(Tuesday, 2) };

        var report = Report(March, taps, sales);

        // cultuur: 20 passholders, 3 with the social tariff (2 of them bought a social-tariff ticket).
        Assert.Equal(["20", "0", "0", "20", "<5", "<5", "<5"], Texts(report.Row(ReportDimension.Domain, "cultuur")));
        // sport's 6 social-tariff passholders hide with it (the only other domain that has any); its share follows.
        Assert.Equal(["10", "0", "0", "10", "<5", "<5", "0"], Texts(report.Row(ReportDimension.Domain, "sport")));
        // The total: 9 of 30 = 30 %; the 2 sales all fall in cultuur, so no sibling hides them and the total does.
        Assert.Equal(["30", "0", "0", "30", "9", "30", "<5"], Texts(report.Total));
        SuppressionAudit.Check(report);
    }

    [Fact]
    public void Domain_by_month_cells_are_protected_along_both_the_domain_and_the_month()
    {
        var period = Period("2026-03-16", "2026-04-12");
        var march = Local(2026, 3, 20, 10);
        var april = Local(2026, 4, 8, 10);
        var taps = new List<TapFact>();
        taps.AddRange(Enumerable.Range(1, 10).Select(p => Tap(march, p, domain: PolicyDomain.Cultuur)));
        taps.AddRange(Enumerable.Range(41, 10).Select(p => Tap(april, p, domain: PolicyDomain.Cultuur)));
        taps.AddRange(Enumerable.Range(21, 6).Select(p => Tap(march, p, domain: PolicyDomain.Sport)));
        taps.AddRange(Enumerable.Range(21, 7).Select(p => Tap(april, p, domain: PolicyDomain.Sport)));
        taps.AddRange(Enumerable.Range(31, 3).Select(p => Tap(march, p, domain: PolicyDomain.Welzijn)));

        var report = Report(period, taps);

        Assert.True(report.Row(ReportDimension.DomainMonth, "welzijn 2026-03").Checkins.Suppressed);
        Assert.True(report.Row(ReportDimension.DomainMonth, "sport 2026-03").Checkins.Suppressed);
        Assert.Equal("10", report.Row(ReportDimension.DomainMonth, "cultuur 2026-03").Checkins.ToString());
        Assert.Equal("7", report.Row(ReportDimension.DomainMonth, "sport 2026-04").Checkins.ToString());
        Assert.Equal("19", report.Row(ReportDimension.Month, "2026-03").Checkins.ToString());
        Assert.Equal("17", report.Row(ReportDimension.Month, "2026-04").Checkins.ToString());
        Assert.True(report.Row(ReportDimension.Domain, "sport").Checkins.Suppressed);
        Assert.Equal(new DateOnly(2026, 3, 16), report.Row(ReportDimension.Month, "2026-03").From);
        Assert.Equal(new DateOnly(2026, 4, 12), report.Row(ReportDimension.Month, "2026-04").To);
        SuppressionAudit.Check(report);
    }

    [Fact]
    public void A_trend_is_hidden_when_the_previous_period_was_hidden_and_shown_when_both_sides_are()
    {
        var february = Local(2026, 2, 10, 10);
        var previous = new List<TapFact>();
        previous.AddRange(Enumerable.Range(1, 10).Select(p => Tap(february, p, organizer: "CC De Werf")));
        previous.AddRange(Enumerable.Range(21, 6).Select(p => Tap(february, p, organizer: "Bib Aalst")));
        previous.AddRange(Enumerable.Range(31, 3).Select(p => Tap(february, p, organizer: "Sportdienst")));
        var taps = new List<TapFact>();
        taps.AddRange(Enumerable.Range(1, 12).Select(p => Tap(Tuesday, p, organizer: "CC De Werf")));
        taps.AddRange(Enumerable.Range(21, 7).Select(p => Tap(Tuesday, p, organizer: "Bib Aalst")));
        taps.AddRange(Enumerable.Range(31, 8).Select(p => Tap(Tuesday, p, organizer: "Sportdienst")));

        var report = Report(March, taps, previousTaps: previous);

        var sport = report.Row(ReportDimension.Organizer, "Sportdienst");
        Assert.Equal("8", sport.Checkins.ToString());
        Assert.Equal(["<5", "<5", "<5"], sport.CheckinsTrend!.Cells().Select(c => c.ToString()));
        // Bib hid in February as Sportdienst's complement: its trend hides too.
        Assert.Equal(["<5", "<5", "<5"], report.Row(ReportDimension.Organizer, "Bib Aalst").CheckinsTrend!.Cells().Select(c => c.ToString()));
        Assert.Equal(["10", "2", "20"], report.Row(ReportDimension.Organizer, "CC De Werf").CheckinsTrend!.Cells().Select(c => c.ToString()));
        Assert.Equal(["19", "8", "42.1"], report.Total.CheckinsTrend!.Cells().Select(c => c.ToString()));
        Assert.Null(report.Row(ReportDimension.Week, "2026-W11").CheckinsTrend);
        SuppressionAudit.Check(report);
    }

    [Fact]
    public void The_published_objects_have_no_place_for_a_hidden_number()
    {
        var report = Report(March, FourDomains());

        // The only numbers a row, a trend or a table can hold are cells (and the card system's id).
        foreach (var type in new[] { typeof(ParticipationReport), typeof(ParticipationTable), typeof(ParticipationRow), typeof(Trend) })
        {
            var numeric = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => Nullable.GetUnderlyingType(p.PropertyType) is { } inner ? inner.IsPrimitive || inner == typeof(decimal) : p.PropertyType.IsPrimitive && p.PropertyType != typeof(bool) || p.PropertyType == typeof(decimal))
                .Select(p => p.Name);
            Assert.Equal(type == typeof(ParticipationRow) ? ["CardSystemId"] : [], numeric);
        }
        var suppressed = report.AllRows().SelectMany(r => r.Cells()).Where(c => c.Suppressed).ToArray();
        Assert.NotEmpty(suppressed);
        Assert.All(suppressed, c => Assert.Null(c.Value));
        Assert.Equal(Cell.Hidden, suppressed.Distinct().Single());

        var json = JsonSerializer.Serialize(report.Row(ReportDimension.Domain, "welzijn"));
        Assert.Contains("\"Checkins\":{\"suppressed\":true,\"text\":\"\\u003C5\"}", json, StringComparison.Ordinal);
        Assert.Contains("\"RefusedLimit\":0", json, StringComparison.Ordinal);
        Assert.Equal(Cell.Hidden, JsonSerializer.Deserialize<Cell>("{\"suppressed\":true,\"text\":\"<5\"}"));
        var whole = JsonDocument.Parse(JsonSerializer.Serialize(report)).RootElement;
        Assert.Equal("2026-03-01", whole.GetProperty("Period").GetProperty("From").GetString());
        Assert.True(whole.GetProperty("Total").GetProperty("NotCredited").GetProperty("suppressed").GetBoolean());
    }

    private static string[] Texts(ParticipationRow row) =>
        [.. new[] { row.Checkins, row.RefusedLimit, row.NotCredited, row.Passholders, row.SocialTariffPassholders, row.SocialTariffShare, row.SocialTariffSales }
            .Select(c => c.ToString())];
}

/// <summary>
/// Checks a report against the suppression rules from the outside: in every total/children group and additive
/// column, a published total has 0 or ≥ 2 hidden children (never one, which subtraction would give away), a
/// hidden total has at least one (else addition gives it away), and fully published groups add up.
/// </summary>
internal static class SuppressionAudit
{
    private static readonly Func<ParticipationRow, Cell>[] Columns =
    [
        r => r.Checkins, r => r.RefusedLimit, r => r.NotCredited, r => r.Passholders, r => r.SocialTariffPassholders, r => r.SocialTariffSales,
    ];

    public static void Check(ParticipationReport report)
    {
        var groups = report.Tables.Where(t => t.Dimension != ReportDimension.DomainMonth)
            .Select(t => (Name: t.Dimension.ToString(), Total: report.Total, Children: t.Rows)).ToList();
        var cross = report[ReportDimension.DomainMonth].Rows;
        groups.AddRange(report[ReportDimension.Domain].Rows.Select(d => (d.Key, d, (IReadOnlyList<ParticipationRow>)[.. cross.Where(c => c.Domain == d.Domain)])));
        groups.AddRange(report[ReportDimension.Month].Rows.Select(m => (m.Key, m, (IReadOnlyList<ParticipationRow>)[.. cross.Where(c => c.From == m.From)])));
        foreach (var (name, total, children) in groups)
        {
            for (var column = 0; column < Columns.Length; column++)
            {
                var cell = Columns[column](total);
                var hidden = children.Count(c => Columns[column](c).Suppressed);
                if (cell.Suppressed)
                {
                    Assert.True(hidden >= 1, $"{name}, column {column}: a hidden total with no hidden child is the sum of its children");
                }
                else
                {
                    Assert.True(hidden != 1, $"{name}, column {column}: one hidden child under a published total is the difference");
                    if (hidden == 0 && column is 0 or 1 or 2 or 5)
                    {
                        Assert.Equal(cell.Value, children.Sum(c => Columns[column](c).Value));
                    }
                }
            }
        }
    }
}
