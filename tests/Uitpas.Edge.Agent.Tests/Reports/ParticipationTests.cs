using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Reports;
using static Uitpas.Edge.Agent.Tests.Reports.EngineFacts;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>
/// The participation report on a seeded month (March 2026, against February) compared cell by cell with a
/// long-hand count over the same input: the test's own loops, Brussels days known at generation, no engine helper.
/// </summary>
public sealed class ParticipationTests
{
    private static readonly ReportPeriod March = Period("2026-03-01", "2026-03-31");

    private sealed record Seeded(TapFact? Tap, SaleFact? Sale, DateOnly Day);

    private sealed record Venue(string EventId, PolicyDomain Domain, string? Organizer, string Municipality, string Name);

    private static readonly Venue[] Events =
    [
        new("ev-voorstelling", PolicyDomain.Cultuur, "CC De Werf", "Aalst", "Grote zaal"),
        new("ev-zwemmen", PolicyDomain.Sport, "Sportdienst Aalst", "Aalst", "Zwembad Okido"),
        new("ev-voorlezen", PolicyDomain.Jeugd, "Bibliotheek Aalst", "Aalst", "Bib Aalst"),
        new("ev-open", PolicyDomain.Unknown, null, "Erembodegem", "Foyer"),
    ];

    private static readonly Venue Leesclub = new("ev-leesclub", PolicyDomain.Welzijn, "Bibliotheek Aalst", "Aalst", "Bib Aalst");

    [Fact]
    public void Every_published_cell_of_a_seeded_month_matches_a_long_hand_count_and_every_small_cell_is_hidden()
    {
        var current = Seed(2026, 3, seed: 20260331, taps: 420);
        var previous = Seed(2026, 2, seed: 20260228, taps: 300);
        var report = Report(March, Taps(current), Sales(current), Taps(previous), Sales(previous));

        var now = Count(current, March);
        var before = Count(previous, March.Previous);
        var published = 0;
        var complements = 0;
        foreach (var table in report.Tables)
        {
            var expectedKeys = now[table.Dimension].Keys.ToHashSet();
            Assert.Superset(expectedKeys, table.Rows.Select(r => r.Key).ToHashSet());
            var anySmall = now[table.Dimension].Values.Any(c => c.Passholders.Count is > 0 and < 5 || c.Social.Count is > 0 and < 5);
            Assert.True(anySmall || table.Rows.All(r => r.Cells().All(c => !c.Suppressed)), $"{table.Dimension}: nothing small, nothing hidden");
            foreach (var row in table.Rows)
            {
                var expected = now[table.Dimension].GetValueOrDefault(row.Key) ?? new LongHand();
                (published, complements) = Compare(row, expected, published, complements, $"{table.Dimension} {row.Key}");
                if (row.CheckinsTrend is { } trend)
                {
                    CompareTrend(trend, expected.Checkins, before[table.Dimension].GetValueOrDefault(row.Key)?.Checkins ?? 0);
                    CompareTrend(row.PassholdersTrend!, expected.Passholders.Count, before[table.Dimension].GetValueOrDefault(row.Key)?.Passholders.Count ?? 0);
                }
            }
        }
        Compare(report.Total, now[ReportDimension.Domain].Values.Aggregate(new LongHand(), (all, cell) => all.Merge(cell)), 0, 0, "total");

        // The evening reading club (welzijn) has 3 passholders: hidden everywhere it is a cell of its own.
        var welzijn = report.Row(ReportDimension.Domain, "welzijn");
        Assert.True(welzijn.Passholders.Suppressed && welzijn.Checkins.Suppressed && welzijn.NotCredited.Suppressed);
        Assert.True(report.Row(ReportDimension.Event, "ev-leesclub").Checkins.Suppressed);
        Assert.False(report.Row(ReportDimension.Domain, "cultuur").Checkins.Suppressed);
        Assert.False(report.Total.Checkins.Suppressed);
        // Complements only where a small cell is: the domain, event and domain × month tables (reading club).
        Assert.True(published > 10 * complements, $"{published} cells published, {complements} hidden as complements");
        Assert.All(new[] { ReportDimension.Organizer, ReportDimension.Venue, ReportDimension.CardSystem, ReportDimension.Month },
            d => Assert.DoesNotContain(report[d].Rows.SelectMany(r => r.Cells()), c => c.Suppressed));
        SuppressionAudit.Check(report);
    }

    [Fact]
    public void Taps_refused_for_other_reasons_and_facts_outside_the_period_count_nowhere()
    {
        var inside = Enumerable.Range(1, 6).Select(p => Tap(Local(2026, 3, 10, 10), p)).ToList();
        var noise = new List<TapFact>
        {
            Tap(Local(2026, 3, 10, 11), 1, TapCredit.Refused),
            Tap(Local(2026, 3, 10, 11), 2, TapCredit.Rejected),
            Tap(Local(2026, 3, 10, 11), 99, TapCredit.None),
            Tap(Local(2026, 2, 28, 23, 59), 7),
            Tap(Local(2026, 4, 1, 0, 0), 8),
        };
        var sales = new[] { Sale(Local(2026, 4, 1, 0, 1), 9) };

        var report = Report(March, inside.Concat(noise), sales);

        Assert.Equal(["6", "0", "0", "6", "0", "0", "0"], Texts(report.Total));
    }

    [Fact]
    public void Weeks_and_months_follow_the_Brussels_calendar_across_the_spring_change_of_clocks()
    {
        var period = Period("2026-03-23", "2026-04-05");
        DateTimeOffset[] slots =
        [
            Local(2026, 3, 29, 1, 30), // Sunday before the clocks jump: W13
            Local(2026, 3, 29, 3, 30), // after the jump: still Sunday, W13
            Local(2026, 3, 29, 23, 30), // 21:30 UTC: W13
            Local(2026, 3, 30, 0, 30), // Sunday 22:30 UTC, but Monday in Brussels: W14
            Local(2026, 3, 31, 23, 30), // 21:30 UTC: March
            Local(2026, 4, 1, 0, 30), // 22:30 UTC on 31 March, but April in Brussels
        ];
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 22, 30, 0, TimeSpan.Zero), slots[3]);
        var taps = slots.SelectMany((at, slot) => Enumerable.Range(slot * 10, 5).Select(p => Tap(at, p)));

        var report = Report(period, taps);

        Assert.Equal(["2026-W13", "2026-W14"], report[ReportDimension.Week].Rows.Select(r => r.Key));
        Assert.Equal(["15", "15"], report[ReportDimension.Week].Rows.Select(r => r.Checkins.ToString()));
        Assert.Equal(["25", "5"], report[ReportDimension.Month].Rows.Select(r => r.Checkins.ToString()));
        Assert.Equal((new DateOnly(2026, 3, 30), new DateOnly(2026, 4, 5)), (report.Row(ReportDimension.Week, "2026-W14").From, report.Row(ReportDimension.Week, "2026-W14").To));
    }

    [Fact]
    public void Weeks_and_months_follow_the_Brussels_calendar_across_the_autumn_change_of_clocks()
    {
        var period = Period("2026-10-19", "2026-11-01");
        DateTimeOffset[] slots =
        [
            Local(2026, 10, 25, 1, 30), // Sunday, summer time: W43
            Local(2026, 10, 31, 23, 30), // Saturday, winter time (22:30 UTC): W44, October
            Local(2026, 11, 1, 0, 30), // 23:30 UTC on 31 October, but November in Brussels: W44
        ];
        var taps = slots.SelectMany((at, slot) => Enumerable.Range(slot * 10, 5).Select(p => Tap(at, p)));

        var report = Report(period, taps);

        Assert.Equal(["5", "10"], report[ReportDimension.Week].Rows.Select(r => r.Checkins.ToString()));
        Assert.Equal(["2026-10", "2026-11"], report[ReportDimension.Month].Rows.Select(r => r.Key));
        Assert.Equal(["10", "5"], report[ReportDimension.Month].Rows.Select(r => r.Checkins.ToString()));
        Assert.Equal("2026-11-01", report.Row(ReportDimension.Month, "2026-11").From!.Value.ToString("yyyy-MM-dd", null));
    }

    [Fact]
    public void A_period_lists_every_week_and_month_it_touches_even_without_taps()
    {
        var report = Report(March, []);

        Assert.Equal(["2026-W09", "2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14"], report[ReportDimension.Week].Rows.Select(r => r.Key));
        var first = report.Row(ReportDimension.Week, "2026-W09");
        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1)), (first.From, first.To));
        Assert.Equal(["cultuur", "jeugd", "sport", "welzijn", "overig"], report[ReportDimension.Domain].Rows.Select(r => r.Key));
        Assert.All(report.AllRows().SelectMany(r => new[] { r.Checkins, r.Passholders }), c => Assert.True(c.IsZero));
        Assert.True(report.Total.SocialTariffShare == Cell.None && report.Total.CheckinsTrend!.Percent == Cell.None);
    }

    [Fact]
    public async Task The_report_reads_the_facts_of_its_period_and_of_the_previous_one()
    {
        var taps = Enumerable.Range(1, 6).Select(p => Tap(Local(2026, 3, 10, 10), p))
            .Concat(Enumerable.Range(1, 5).Select(p => Tap(Local(2026, 2, 10, 10), p)))
            .ToArray();
        var source = new FakeSource(taps, [], [1]);

        var report = await ParticipationReport.BuildAsync(source, March, CancellationToken.None);

        Assert.Equal([(March.Start, March.Until), (March.Previous.Start, March.Previous.Until)], source.TapRanges);
        Assert.Equal(source.TapRanges, source.SaleRanges);
        Assert.Equal(["5", "1", "20"], report.Total.CheckinsTrend!.Cells().Select(c => c.ToString()));
    }

    // ---- the seeded input --------------------------------------------------------------------------------

    /// <summary>A month of taps over four events and 120 passholders, the reading club's 3 regulars, sales, and strays outside the month.</summary>
    private static List<Seeded> Seed(int year, int month, int seed, int taps)
    {
        var random = new Random(seed);
        var days = DateTime.DaysInMonth(year, month);
        var facts = new List<Seeded>();
        void AddTap(Venue ev, DateOnly day, int hour, int minute, int passholder, TapCredit credit)
        {
            var at = Local(day.Year, day.Month, day.Day, hour, minute);
            facts.Add(new Seeded(Tap(at, passholder, credit, ev.Domain, ev.Organizer, ev.Name, ev.Municipality, CardSystemOf(passholder), IsSocial(passholder), ev.EventId),
                null, day));
        }
        for (var i = 0; i < taps; i++)
        {
            var ev = Events[random.Next(10) switch { < 4 => 0, < 7 => 1, < 9 => 2, _ => 3 }];
            var roll = random.Next(100);
            var credit = roll switch { < 72 => TapCredit.Credited, < 80 => TapCredit.CreditedFromHistory, < 90 => TapCredit.RefusedLimit, < 96 => TapCredit.RefusedWindowClosed, < 99 => TapCredit.Refused, _ => TapCredit.Rejected };
            AddTap(ev, new DateOnly(year, month, 1 + random.Next(days)), 9 + random.Next(10), random.Next(60), 1 + random.Next(120), credit);
        }
        foreach (var day in new[] { 3, 10, 17, 24 })
        {
            foreach (var passholder in new[] { 201, 202, 203 })
            {
                AddTap(Leesclub, new DateOnly(year, month, day), 19 + random.Next(3), random.Next(60), passholder, day == 24 ? TapCredit.RefusedWindowClosed : TapCredit.Credited);
            }
        }
        // Strays the store would not hand over for the month, but the engine must place or ignore by Brussels day:
        // the evening before (inside March's previous period, 29 January – 28 February) and the first minute after.
        var first = new DateOnly(year, month, 1);
        AddTap(Events[0], first.AddDays(-1), 23, 59, 5, TapCredit.Credited);
        AddTap(Events[0], first.AddMonths(1), 0, 0, 6, TapCredit.Credited);
        for (var i = 0; i < 40; i++)
        {
            var ev = Events[random.Next(3)];
            var social = i % 4 != 0;
            var passholder = social ? 7 * (1 + random.Next(17)) : 1 + random.Next(120);
            var day = new DateOnly(year, month, 1 + random.Next(days));
            var sale = Sale(Local(year, month, day.Day, 9 + random.Next(10)), passholder, 1000 + (100 * random.Next(10)), 250, ev.Domain,
                ev.Organizer!, ev.Name, ev.Municipality, CardSystemOf(passholder), social ? SaleFact.SocialTariffType : "REGULAR", eventId: ev.EventId);
            facts.Add(new Seeded(null, sale, day));
        }
        return facts;
    }

    private static bool IsSocial(int passholder) => passholder % 7 == 0;

    private static long CardSystemOf(int passholder) => passholder % 2 == 1 ? 1 : 2;

    private static IEnumerable<TapFact> Taps(List<Seeded> facts) => facts.Where(f => f.Tap is not null).Select(f => f.Tap!);

    private static IEnumerable<SaleFact> Sales(List<Seeded> facts) => facts.Where(f => f.Sale is not null).Select(f => f.Sale!);

    // ---- the long-hand count ------------------------------------------------------------------------------

    private sealed class LongHand
    {
        public int Checkins;
        public int RefusedLimit;
        public int NotCredited;
        public int SocialTariffSales;
        public HashSet<string> Passholders { get; } = [];
        public HashSet<string> Social { get; } = [];

        public LongHand Merge(LongHand other)
        {
            Checkins += other.Checkins;
            RefusedLimit += other.RefusedLimit;
            NotCredited += other.NotCredited;
            SocialTariffSales += other.SocialTariffSales;
            Passholders.UnionWith(other.Passholders);
            Social.UnionWith(other.Social);
            return this;
        }
    }

    private static Dictionary<ReportDimension, Dictionary<string, LongHand>> Count(List<Seeded> facts, ReportPeriod period)
    {
        var counts = Enum.GetValues<ReportDimension>().ToDictionary(d => d, _ => new Dictionary<string, LongHand>());
        foreach (var fact in facts.Where(f => f.Day >= period.From && f.Day <= period.To))
        {
            var (domain, organizer, municipality, venue, cardSystem, eventId) = fact.Tap is { } t
                ? (t.Domain, t.Organizer, t.Municipality, t.Venue, t.CardSystemId, t.EventId)
                : (fact.Sale!.Domain, fact.Sale.Organizer, fact.Sale.Municipality, fact.Sale.Venue, fact.Sale.CardSystemId, fact.Sale.EventId);
            var domainKey = domain == PolicyDomain.Unknown ? "onbekend" : domain.ToString().ToLowerInvariant();
            var month = $"{fact.Day.Year}-{fact.Day.Month:00}";
            var keys = new Dictionary<ReportDimension, string>
            {
                [ReportDimension.Domain] = domainKey,
                [ReportDimension.Organizer] = organizer ?? "",
                [ReportDimension.Venue] = $"{municipality}/{venue}",
                [ReportDimension.CardSystem] = $"{cardSystem}",
                [ReportDimension.Event] = eventId!,
                [ReportDimension.Week] = WeekOf(fact.Day),
                [ReportDimension.Month] = month,
                [ReportDimension.DomainMonth] = $"{domainKey} {month}",
            };
            foreach (var (dimension, key) in keys)
            {
                if (!counts[dimension].TryGetValue(key, out var cell))
                {
                    counts[dimension][key] = cell = new LongHand();
                }
                var passholder = Convert.ToHexString((fact.Tap?.Passholder ?? fact.Sale!.Passholder).Span);
                if (fact.Tap is { } tap)
                {
                    switch (tap.Credit)
                    {
                        case TapCredit.Credited or TapCredit.CreditedFromHistory: cell.Checkins++; break;
                        case TapCredit.RefusedLimit: cell.RefusedLimit++; break;
                        case TapCredit.RefusedWindowClosed: cell.NotCredited++; break;
                        default: continue;
                    }
                    cell.Passholders.Add(passholder);
                    if (tap.SocialTariff)
                    {
                        cell.Social.Add(passholder);
                    }
                }
                else
                {
                    cell.Passholders.Add(passholder);
                    if (fact.Sale!.TariffType == "SOCIALTARIFF")
                    {
                        cell.SocialTariffSales++;
                        cell.Social.Add(passholder);
                    }
                }
            }
        }
        return counts;
    }

    /// <summary>ISO weeks of early 2026 counted by hand from one known Monday: 2 February 2026 starts W06.</summary>
    private static string WeekOf(DateOnly day)
    {
        var sinceMonday = day.DayNumber - new DateOnly(2026, 2, 2).DayNumber;
        var week = sinceMonday >= 0 ? 6 + (sinceMonday / 7) : 5 - ((-sinceMonday - 1) / 7);
        return $"2026-W{week:00}";
    }

    private static (int Published, int Complements) Compare(ParticipationRow row, LongHand expected, int published, int complements, string where)
    {
        var small = expected.Passholders.Count is > 0 and < 5;
        var smallSocial = expected.Social.Count is > 0 and < 5;
        var figures = new (Cell Cell, long Value, bool Small)[]
        {
            (row.Checkins, expected.Checkins, small), (row.RefusedLimit, expected.RefusedLimit, small), (row.NotCredited, expected.NotCredited, small),
            (row.Passholders, expected.Passholders.Count, small), (row.SocialTariffPassholders, expected.Social.Count, small || smallSocial),
            (row.SocialTariffSales, expected.SocialTariffSales, small || smallSocial),
        };
        foreach (var (cell, value, mustHide) in figures)
        {
            if (value == 0)
            {
                Assert.True(cell.IsZero, $"{where}: a 0 stays 0");
            }
            else if (mustHide)
            {
                Assert.True(cell.Suppressed, $"{where}: {value} of a cell of {expected.Passholders.Count} passholders ({expected.Social.Count} social) is hidden");
            }
            else if (cell.Suppressed)
            {
                complements++;
            }
            else
            {
                Assert.True(value == cell.Value, $"{where}: {cell} published, {value} counted by hand");
                published++;
            }
        }
        if (!row.SocialTariffShare.Suppressed && expected.Passholders.Count > 0)
        {
            Assert.Equal(Math.Round(100m * expected.Social.Count / expected.Passholders.Count, 1, MidpointRounding.AwayFromZero), row.SocialTariffShare.Value);
        }
        Assert.True(!row.Passholders.Suppressed && !row.SocialTariffPassholders.Suppressed || row.SocialTariffShare.Suppressed, $"{where}: the share hides with its counts");
        return (published, complements);
    }

    private static void CompareTrend(Trend trend, long now, long then)
    {
        if (trend.Delta.Suppressed)
        {
            Assert.True(trend.Percent.Suppressed);
            return;
        }
        Assert.Equal(then, trend.Previous.Value);
        Assert.Equal(now - then, trend.Delta.Value);
        Assert.Equal(then == 0 ? null : Math.Round(100m * (now - then) / then, 1, MidpointRounding.AwayFromZero), trend.Percent.Value);
    }

    private static string[] Texts(ParticipationRow row) =>
        [.. new[] { row.Checkins, row.RefusedLimit, row.NotCredited, row.Passholders, row.SocialTariffPassholders, row.SocialTariffShare, row.SocialTariffSales }
            .Select(c => c.ToString())];
}
