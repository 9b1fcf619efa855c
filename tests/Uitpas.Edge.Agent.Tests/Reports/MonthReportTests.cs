using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Uitpas.Edge.Agent.Reconcile;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>
/// Issue 8's acceptance: a seeded month of live taps and counter sales through the simulator and the real agent
/// (<see cref="MonthRun"/>), and the report's figures and the settlement's amounts compared with the computation
/// the test makes the long way (<see cref="MonthExpectation"/>): in the JSON, the CSV files, the charts and
/// central's own record of the sales. Refusals of bad periods, unknown card systems and invalid keys are proved
/// through the API by ReportEndpointTests and CostSharingStoreTests.
/// </summary>
public sealed partial class MonthReportTests(MonthRun run) : IClassFixture<MonthRun>
{
    private static readonly (string Name, string Header)[] FigureColumns =
    [
        ("checkins", "Check-ins"), ("refusedLimit", "Limiet bereikt"), ("notCredited", "Niet gecrediteerd"), ("passholders", "Unieke pashouders"),
        ("socialTariffPassholders", "Pashouders met kansentarief"), ("socialTariffShare", "Aandeel kansentarief (%)"), ("socialTariffSales", "Verkopen kansentarief"),
        ("checkinsTrend.previous", "Check-ins, vorige periode"), ("checkinsTrend.delta", "Check-ins, verschil"), ("checkinsTrend.percent", "Check-ins, verschil (%)"),
        ("passholdersTrend.previous", "Unieke pashouders, vorige periode"), ("passholdersTrend.delta", "Unieke pashouders, verschil"),
        ("passholdersTrend.percent", "Unieke pashouders, verschil (%)"),
    ];

    private static readonly (string File, string Dimension)[] TableFiles =
    [
        ("per-domein.csv", "domain"), ("per-organisator.csv", "organizer"), ("per-locatie.csv", "venue"), ("per-kaartsysteem.csv", "cardSystem"),
        ("per-evenement.csv", "event"), ("per-week.csv", "week"), ("per-maand.csv", "month"), ("per-domein-per-maand.csv", "domainMonth"),
    ];

    private MonthExpectation Expected => run.Expected;

    [Fact]
    public void Every_tap_and_sale_of_the_month_was_settled_as_the_simulators_rules_say_and_reached_central_once()
    {
        var plan = run.Plan;
        var taps = plan.Sessions.SelectMany(s => s.Taps).ToArray();
        var march = run.Rig.Central.State.Checkins.Where(c => c.BrusselsDay >= MonthPlan.From && c.BrusselsDay <= MonthPlan.To).ToArray();
        var refused = plan.Sessions.SelectMany(s => s.Sales).Single(s => s.Twist == SaleTwist.Refused);
        var lost = plan.Sessions.SelectMany(s => s.Sales).Single(s => s.Twist == SaleTwist.AnswerLost);

        Assert.Empty(run.CreditMismatches);
        Assert.True(taps.Length > 250, $"{taps.Length} taps");
        foreach (var credit in new[] { TapCredit.Credited, TapCredit.RefusedLimit, TapCredit.RefusedWindowClosed, TapCredit.Refused })
        {
            Assert.Contains(credit, plan.Credits.Values);
        }
        // Central counted exactly the taps the rules credit, per event (the kiosk's and the late route's).
        var credited = plan.Sessions.Where(s => MonthExpectation.Day(s.At) >= MonthPlan.From && MonthExpectation.Day(s.At) <= MonthPlan.To)
            .SelectMany(s => s.Taps).Where(t => plan.Credits[t] == TapCredit.Credited);
        Assert.Equal(credited.GroupBy(t => t.EventId).Select(g => $"{g.Key}: {g.Count()}").Order(), march.GroupBy(c => c.EventId).Select(g => $"{g.Key}: {g.Count()}").Order());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, run.SaleAnswers[refused.SaleKey].Status);
        Assert.Equal("Je hebt geen recht meer op kansentarief: het is verlopen. Ga langs bij je UiTPAS-balie om het te verlengen.",
            (string?)run.SaleAnswers[refused.SaleKey].Body["detail"]);
        Assert.Equal((HttpStatusCode.Accepted, "unknown"), (run.SaleAnswers[lost.SaleKey].Status, (string?)run.SaleAnswers[lost.SaleKey].Body["state"]));
        Assert.Single(run.Rig.Central.State.TicketSales, s => s.UitpasNumber == lost.Card.UitpasNumber && MonthExpectation.Day(s.CreatedAt) == new DateOnly(2026, 3, 17));
        foreach (var (sale, _) in run.ConfirmedSales.Where(s => s.Sale.Twist == SaleTwist.None))
        {
            var (status, body) = run.SaleAnswers[sale.SaleKey];
            Assert.Equal((HttpStatusCode.Created, "done", sale.Card.CardSystemId == 1 ? "25/35/40" : "20/40/40"),
                (status, (string?)body["state"], (string?)body["costSharingKey"]));
        }
        // Every sale central registered is one the agent confirmed, once (the lost answer included); the refused one is not there.
        Assert.Equal(run.ConfirmedSales.Select(s => s.Central.Id).Order(), run.Rig.Central.State.TicketSales.Select(s => s.Id).Order());
        Assert.DoesNotContain(run.Rig.Central.State.TicketSales, s => s.UitpasNumber == refused.Card.UitpasNumber);
    }

    [Fact]
    public void The_participation_json_equals_the_independent_computation_in_every_table_row_figure_and_trend()
    {
        var tables = run.Participation["tables"]!.AsArray();
        Assert.Equal(MonthExpectation.Dimensions, tables.Select(t => (string)t!["dimension"]!));
        foreach (var dimension in MonthExpectation.Dimensions)
        {
            var rows = tables.Single(t => (string)t!["dimension"]! == dimension)!["rows"]!.AsArray();
            var expected = Expected.Current.Tables[dimension];
            Assert.Equal(expected.Select(c => c.Key), rows.Select(r => (string)r!["key"]!));
            Assert.Equal(expected.SelectMany(c => Lines(dimension, c.Key, Expected.Row(dimension, c.Key))),
                rows.SelectMany(r => Lines(dimension, (string)r!["key"]!, Expected.Row(dimension, (string)r["key"]!).Select(f => (f.Name, FromJson(r, f.Name))))));
            if (!MonthExpectation.TrendDimensions.Contains(dimension))
            {
                Assert.All(rows, r => Assert.Null(r!["checkinsTrend"]));
            }
        }
        var total = Expected.Row(null, "total");
        Assert.Equal(Lines("total", "", total), Lines("total", "", total.Select(f => (f.Name, FromJson(run.Participation["total"]!, f.Name)))));
        Assert.Equal(Expected.Current.Tables["event"].Where(c => c.IsHidden(Measure.NotCredited) || c.NotCredited != 0).Select(c => c.Key),
            run.Participation["notCredited"]!.AsArray().Select(r => (string)r!["key"]!));
    }

    [Fact]
    public void The_csv_files_read_as_excel_reads_them_hold_the_same_figures_with_hidden_cells_as_less_than_five()
    {
        foreach (var (file, dimension) in TableFiles)
        {
            var (headers, rows) = Csv(file);
            var withTrend = MonthExpectation.TrendDimensions.Contains(dimension);
            var columns = FigureColumns.Where(c => withTrend || !c.Name.Contains("Trend", StringComparison.Ordinal)).ToArray();
            Assert.Equal(headers.Length - columns.Length, Array.IndexOf(headers, "Check-ins"));
            Assert.Equal(Expected.Current.Tables[dimension].Count + 1, rows.Count);
            Assert.Equal("Totaal", rows[^1][0]);
            var expected = Expected.Current.Tables[dimension].Select(c => (Label: CsvKey(dimension, c.Key), Figures: Expected.Row(dimension, c.Key)))
                .Append((Label: "Totaal", Figures: Expected.Row(null, "total")));
            Assert.Equal(expected.SelectMany(e => Lines(file, e.Label, e.Figures.Where(f => columns.Any(c => c.Name == f.Name)))),
                rows.SelectMany(r => Lines(file, RowKey(dimension, headers, r), columns.Select(c => (c.Name, FromText(r[Array.IndexOf(headers, c.Header)]))))));
            if (dimension is "week" or "month")
            {
                Assert.Equal(Expected.Current.Tables[dimension].Select(c => Span(dimension, c.Key)),
                    rows.SkipLast(1).Select(r => $"{r[Array.IndexOf(headers, "Van")]}..{r[Array.IndexOf(headers, "Tot en met")]}"));
            }
        }
        var (notCreditedHeaders, notCredited) = Csv("niet-gecrediteerd.csv");
        var events = Expected.Current.Tables["event"].Where(c => c.IsHidden(Measure.NotCredited) || c.NotCredited != 0).ToArray();
        Assert.Equal(events.Select(c => $"{c.Key}: {c.Published(Measure.NotCredited)} {c.Published(Measure.Checkins)} {c.Published(Measure.Passholders)}")
                .Append($"Totaal: {Expected.Current.Total.Published(Measure.NotCredited)} {Expected.Current.Total.Published(Measure.Checkins)} {Expected.Current.Total.Published(Measure.Passholders)}"),
            notCredited.Select(r => $"{r[0]}: {FromText(r[Array.IndexOf(notCreditedHeaders, "Niet gecrediteerd")])} {FromText(r[Array.IndexOf(notCreditedHeaders, "Check-ins")])} {FromText(r[Array.IndexOf(notCreditedHeaders, "Unieke pashouders")])}"));
    }

    [Fact]
    public void The_charts_show_the_same_figures_and_a_hidden_one_only_as_a_fixed_stub_labelled_less_than_five()
    {
        var domains = Expected.Current.Tables["domain"];
        var charts = new (string File, Figure[] Values, string Unit)[]
        {
            ("checkins-per-domein.svg", [.. domains.SelectMany(d => new[] { d.Published(Measure.Checkins), MonthExpectation.Trend(d, Expected.Previous.Cell("domain", d.Key), Measure.Checkins).Previous })], ""),
            ("trend-per-week.svg", [.. Expected.Current.Tables["week"].Select(w => w.Published(Measure.Checkins))], ""),
            ("kansentarief-aandeel.svg", [.. domains.Select(d => d.Share)], " %"),
        };
        foreach (var (file, values, unit) in charts)
        {
            var svg = Svg(file);
            var shown = values.Select(v => v.Value is null && !v.Suppressed ? "–" : v.Text(unit)).ToArray();
            Assert.NotNull(svg.Root!.Attribute("viewBox"));
            Assert.DoesNotContain(svg.Descendants(), e => e.Attribute("style") is not null);
            Assert.All(svg.Descendants(N("text")), t => Assert.True(int.Parse(t.Attribute("font-size")!.Value, CultureInfo.InvariantCulture) >= 13));
            Assert.Equal(shown, svg.Descendants(N("text")).Select(t => t.Value).Where(t => ValueLabel().IsMatch(t)));
            Assert.Equal(shown, svg.Root.Element(N("desc"))!.Value.TrimEnd('.').Split("; ")
                .SelectMany(part => part[(part.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(", "))
                .Select(v => v.Contains(") ", StringComparison.Ordinal) ? v[(v.LastIndexOf(") ", StringComparison.Ordinal) + 2)..] : v));
            var stubs = svg.Descendants(N("rect")).Where(r => r.Attribute("fill")?.Value == "url(#suppressed)").ToArray();
            Assert.Equal(values.Count(v => v.Suppressed), stubs.Length);
            Assert.All(stubs, r => Assert.Contains("22", new[] { r.Attribute("width")!.Value, r.Attribute("height")!.Value }));
        }
    }

    [Fact]
    public void The_three_passholders_of_the_welzijn_cell_and_its_complement_are_hidden_in_the_json_the_csv_and_the_charts()
    {
        var welzijn = Expected.Current.Cell("domain", "welzijn");
        var complement = Expected.Current.Tables["domain"].Where(c => c.Key != "welzijn" && c.IsHidden(Measure.Checkins)).ToArray();
        var json = run.Participation["tables"]![0]!["rows"]!.AsArray().Single(r => (string)r!["key"]! == "welzijn")!;
        var (headers, rows) = Csv("per-domein.csv");
        var csv = rows.Single(r => r[0] == "welzijn");
        var chart = Svg("checkins-per-domein.svg").Descendants(N("text")).Select(t => t.Value).ToList();

        Assert.Equal(3, welzijn.Passholders.Count);
        Assert.Equal((5L, 2L, 1L), (welzijn.Checkins, welzijn.NotCredited, welzijn.RefusedLimit));
        Assert.Single(complement); // with one hidden domain, total − the others would give it away: the smallest other one is hidden too
        Assert.True(complement[0].Passholders.Count >= 5, "a complementary cell holds 5 passholders or more");
        foreach (var name in new[] { "checkins", "refusedLimit", "notCredited", "passholders" })
        {
            Assert.Equal(Figure.Hidden, FromJson(json, name));
            Assert.Equal("<5", csv[Array.IndexOf(headers, FigureColumns.Single(c => c.Name == name).Header)]);
        }
        Assert.Equal("<5", chart[chart.IndexOf("welzijn") + 1]);
        Assert.Equal("<5", chart[chart.IndexOf(complement[0].Key) + 1]);
        Assert.DoesNotContain(JsonCells(run.Participation), c => c is JsonObject o && o.Any(p => p.Key is not ("suppressed" or "text")));
    }

    [Fact]
    public void The_settlement_claims_each_confirmed_march_sale_once_split_by_its_frozen_key_in_cents()
    {
        var claims = run.Settlement["claims"]!.AsArray();
        var lines = claims.SelectMany(c => c!["lines"]!.AsArray().Select(l => (Organizer: (string)c["organizer"]!, Line: l!))).ToArray();
        var centralMarch = run.Rig.Central.State.TicketSales
            .Where(s => s.TariffType == "SOCIALTARIFF" && MonthExpectation.Day(s.CreatedAt) >= MonthPlan.From && MonthExpectation.Day(s.CreatedAt) <= MonthPlan.To).ToArray();
        var lost = run.ConfirmedSales.Single(s => s.Sale.Twist == SaleTwist.AnswerLost).Central.Id;

        Assert.Equal(Expected.Lines.Select(l => l.Organizer).Distinct(), claims.Select(c => (string)c!["organizer"]!));
        Assert.Equal(Expected.Lines.Select(l => $"{l.Organizer} {l.CentralSaleId} {MonthExpectation.Day(l.SoldAt):yyyy-MM-dd} cs{l.CardSystemId} R={l.Regular} paid={l.Paid} "
                + $"expected={l.Participant} organizer={l.OrganizerShare} municipality={l.Municipality} key={l.Key} afwijking={l.Deviation}"),
            lines.Select(x => $"{x.Organizer} {x.Line["centralSaleId"]} {x.Line["saleDate"]} cs{x.Line["cardSystemId"]} R={x.Line["regularCents"]} paid={x.Line["paidCents"]} "
                + $"expected={x.Line["expectedParticipantCents"]} organizer={x.Line["organizerCents"]} municipality={x.Line["municipalityCents"]} key={x.Line["key"]} afwijking={(bool)x.Line["deviation"]!}"));
        Assert.Equal(centralMarch.Select(s => s.Id).Order(), lines.Select(x => (string)x.Line["centralSaleId"]!).Order());
        Assert.Single(lines, x => (string)x.Line["centralSaleId"]! == lost);
        Assert.Contains(Expected.Lines, l => l.Deviation);
        Assert.Contains(Expected.Lines, l => !l.Deviation);
        foreach (var claim in claims)
        {
            var own = Expected.Lines.Where(l => l.Organizer == (string)claim!["organizer"]!).ToArray();
            Assert.Equal(Totals(own), Totals(claim!["totals"]!));
        }
        Assert.Equal(Totals(Expected.Lines), Totals(run.Settlement["total"]!));
        Assert.Equal(Expected.Lines.Sum(l => l.Municipality), (long)run.Settlement["total"]!["municipalityCents"]!);
        Assert.Equal(Summary().Select(g => $"{g.Key.Organizer} cs{g.Key.CardSystemId}: {Totals(g)}"),
            run.Settlement["summary"]!.AsArray().Select(s => $"{s!["organizer"]} cs{s["cardSystemId"]}: {Totals(s["totals"]!)}"));

        var (headers, summary) = Csv("samenvatting.csv");
        Assert.Equal(Summary().Select(g => $"{g.Key.Organizer};{g.Key.CardSystemId};{g.Count()};{g.Sum(l => l.Municipality)}")
                .Append($"Totaal;;{Expected.Lines.Count};{Expected.Lines.Sum(l => l.Municipality)}"),
            summary.Select(r => $"{r[0]};{r[1]};{r[Array.IndexOf(headers, "Verkopen")]};{EuroCents(r[Array.IndexOf(headers, "Gemeente (€)")])}"));
        foreach (var claim in claims)
        {
            var own = Expected.Lines.Where(l => l.Organizer == (string)claim!["organizer"]!).ToArray();
            var (claimHeaders, claimRows) = Csv($"vordering-{claim!["slug"]}.csv");
            Assert.Equal(own.Select(l => $"{l.CentralSaleId}: {l.Regular} {l.Paid} {l.OrganizerShare} {l.Municipality} {(l.Deviation ? "afwijking" : "")}")
                    .Append($": {own.Sum(l => l.Regular)} {own.Sum(l => l.Paid)} {own.Sum(l => l.OrganizerShare)} {own.Sum(l => l.Municipality)} {own.Count(l => l.Deviation)}"),
                claimRows.Select(r => $"{r[Array.IndexOf(claimHeaders, "Verkoop-id (UiTPAS)")]}: {EuroCents(r[Array.IndexOf(claimHeaders, "Normale prijs (€)")])} "
                    + $"{EuroCents(r[Array.IndexOf(claimHeaders, "Deelnemer (€)")])} {EuroCents(r[Array.IndexOf(claimHeaders, "Organisator (€)")])} "
                    + $"{EuroCents(r[Array.IndexOf(claimHeaders, "Gemeente (€)")])} {r[Array.IndexOf(claimHeaders, "Afwijking")]}"));
            var html = Encoding.UTF8.GetString(run.Files[$"vordering-{claim["slug"]}.html"].Bytes);
            Assert.Contains($"De gemeente betaalt: € {(own.Sum(l => l.Municipality) / 100m).ToString("0.00", MonthExpectation.DecimalComma)}", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_report_answer_or_file_names_a_chip_a_uitpas_number_or_a_pseudonym()
    {
        var text = new StringBuilder(run.Participation.ToJsonString()).Append(run.Settlement.ToJsonString());
        foreach (var (bytes, _) in run.Files.Values)
        {
            text.Append(Encoding.UTF8.GetString(bytes));
        }
        var all = text.ToString();
        foreach (var card in run.Rig.Central.Seed.Cards)
        {
            Assert.DoesNotContain(card.ChipNumber, all, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(card.UitpasNumber, all, StringComparison.Ordinal);
        }
        foreach (var pseudonym in Expected.Pseudonyms)
        {
            Assert.DoesNotContain(pseudonym[..16], all, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(Convert.FromHexString(pseudonym))[..12], all, StringComparison.Ordinal);
        }
    }

    /// <summary>The expected lines per organizer × card system, in the summary's order.</summary>
    private IEnumerable<IGrouping<(string Organizer, int CardSystemId), ExpectedLine>> Summary() =>
        Expected.Lines.GroupBy(l => (l.Organizer, l.CardSystemId)).OrderBy(g => g.Key.Organizer, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key.CardSystemId);

    // ---- reading the outputs (independently of the report code) ----

    private static IEnumerable<string> Lines(string table, string key, IEnumerable<(string Name, Figure Figure)> figures) =>
        figures.Select(f => $"{table}/{key}/{f.Name} = {f.Figure}");

    /// <summary>A cell of the JSON: a number, null (not applicable) or {"suppressed":true,"text":"&lt;5"}; "a.b" reads a trend's part.</summary>
    private static Figure FromJson(JsonNode row, string name)
    {
        var node = name.Split('.').Aggregate((JsonNode?)row, (n, part) => n?[part]);
        return node switch
        {
            null => Figure.None,
            JsonObject o when (bool?)o["suppressed"] == true && (string?)o["text"] == "<5" && o.Count == 2 => Figure.Hidden,
            JsonValue v => Figure.Of(v.GetValue<decimal>()),
            _ => throw new InvalidOperationException($"{name}: {node.ToJsonString()} is not a report cell"),
        };
    }

    private static IEnumerable<JsonNode?> JsonCells(JsonNode node) => node switch
    {
        JsonObject o when o.ContainsKey("suppressed") => [o],
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : JsonCells(p.Value)),
        JsonArray a => a.SelectMany(e => e is null ? [] : JsonCells(e)),
        _ => [],
    };

    /// <summary>A CSV cell as Excel nl-BE shows it: "&lt;5", empty, or a number with a decimal comma.</summary>
    private static Figure FromText(string text) => text switch
    {
        "<5" => Figure.Hidden,
        "" => Figure.None,
        _ => Figure.Of(decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, MonthExpectation.DecimalComma)),
    };

    private static long EuroCents(string text)
    {
        Assert.Matches(@"^-?\d+,\d\d$", text);
        return (long)(decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, MonthExpectation.DecimalComma) * 100);
    }

    private static string Totals(IEnumerable<ExpectedLine> lines)
    {
        var all = lines.ToArray();
        return $"{all.Length} sales, R {all.Sum(l => l.Regular)}, paid {all.Sum(l => l.Paid)}, organizer {all.Sum(l => l.OrganizerShare)}, "
            + $"municipality {all.Sum(l => l.Municipality)}, {all.Count(l => l.Deviation)} afwijking";
    }

    private static string Totals(JsonNode totals) =>
        $"{totals["sales"]} sales, R {totals["regularCents"]}, paid {totals["participantCents"]}, organizer {totals["organizerCents"]}, "
        + $"municipality {totals["municipalityCents"]}, {totals["deviations"]} afwijking";

    /// <summary>A CSV file of the run: UTF-8 with BOM, CRLF lines, ';' between fields, '"' quoting.</summary>
    private (string[] Headers, List<string[]> Rows) Csv(string file)
    {
        var (bytes, type) = run.Files[file];
        Assert.Equal("text/csv", type);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var lines = text[..^2].Split("\r\n").Select(Fields).ToList();
        Assert.All(lines, l => Assert.Equal(lines[0].Length, l.Length));
        return (lines[0], lines.Skip(1).ToList());
    }

    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ';' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return [.. fields];
    }

    /// <summary>The key of a CSV row in the form the expectation uses (the label columns of its table).</summary>
    private string RowKey(string dimension, string[] headers, string[] row) => row[0] == "Totaal" ? "Totaal" : dimension switch
    {
        "event" => row[Array.IndexOf(headers, "Evenement-id")],
        "domainMonth" => $"{row[Array.IndexOf(headers, "Domein")]} {row[Array.IndexOf(headers, "Maand")]}",
        _ => row[0],
    };

    private string CsvKey(string dimension, string key) =>
        dimension == "venue" ? run.Plan.Devices.First(d => d.VenueKey == key).VenueLabel : key;

    /// <summary>A week's or month's first and last day inside March ("2026-03-01..2026-03-01" for week 9).</summary>
    private static string Span(string dimension, string key)
    {
        DateOnly first, last;
        if (dimension == "week")
        {
            var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(int.Parse(key[..4], CultureInfo.InvariantCulture), int.Parse(key[6..], CultureInfo.InvariantCulture), DayOfWeek.Monday));
            (first, last) = (monday, monday.AddDays(6));
        }
        else
        {
            first = DateOnly.ParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            last = first.AddMonths(1).AddDays(-1);
        }
        first = first < MonthPlan.From ? MonthPlan.From : first;
        last = last > MonthPlan.To ? MonthPlan.To : last;
        return $"{first:yyyy-MM-dd}..{last:yyyy-MM-dd}";
    }

    private XDocument Svg(string file)
    {
        var (bytes, type) = run.Files[file];
        Assert.Equal("image/svg+xml", type);
        return XDocument.Parse(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
    }

    private static XName N(string name) => XName.Get(name, "http://www.w3.org/2000/svg");

    [GeneratedRegex(@"^(<5|–|-?\d+(,\d+)?( %)?)$")]
    private static partial Regex ValueLabel();
}
