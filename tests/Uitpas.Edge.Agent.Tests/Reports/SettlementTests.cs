using Uitpas.Edge.Agent.Reports;
using static Uitpas.Edge.Agent.Tests.Reports.EngineFacts;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>
/// The social-tariff settlement (design §4, §6): municipality = round(R·m), organizer = R − paid − municipality,
/// "afwijking" when paid ≠ round(R·p), rounding to the cent half away from zero, claims per organizer and a summary.
/// </summary>
public sealed class SettlementTests
{
    private static readonly ReportPeriod March = Period("2026-03-01", "2026-03-31");
    private static readonly CostSharingKey Key253540 = new(2500, 3500, 4000);
    private static readonly long[] Known = [1, 2];

    [Fact]
    public void An_8_euro_ticket_at_2_euro_splits_into_3_20_for_the_municipality_and_2_80_for_the_organizer()
    {
        var sales = new[]
        {
            Sale(Local(2026, 3, 5, 20), 7, regularCents: 800, paidCents: 200, key: Key253540),
            Sale(Local(2026, 3, 6, 20), 14, regularCents: 800, paidCents: 200, cardSystem: 2, key: CostSharingKey.Default),
        };

        var claim = Assert.Single(Build(sales).Claims);

        var (matching, deviating) = (claim.Lines[0], claim.Lines[1]);
        Assert.Equal((800L, 200L, 2800L / 10, 320L), (matching.RegularCents, matching.ParticipantCents, matching.OrganizerCents, matching.MunicipalityCents));
        Assert.Equal(200, matching.ExpectedParticipantCents);
        Assert.False(matching.Deviation);
        // The default key expects the participant to pay 20 % (1.60), central charged 2.00: kept, marked, same split.
        Assert.Equal((200L, 280L, 320L, 160L), (deviating.ParticipantCents, deviating.OrganizerCents, deviating.MunicipalityCents, deviating.ExpectedParticipantCents));
        Assert.True(deviating.Deviation);
        Assert.Equal(new SettlementTotals(2, 1600, 400, 560, 640, 1), claim.Totals);
    }

    [Theory]
    [InlineData(1001, 2500, 2500, 5000, 250, 501, 250)] // 500.5 → 501; 250.25 → 250
    [InlineData(5, 2000, 7000, 1000, 1, 1, 1)] // 0.5 → 1
    [InlineData(1, 1250, 3750, 5000, 0, 1, 0)] // 0.125 → 0; 0.5 → 1
    [InlineData(999, 2000, 4000, 4000, 250, 400, 200)] // 399.6 → 400; 199.8 → 200
    [InlineData(1250, 2000, 4000, 4000, 313, 500, 250)] // central's 25 % of 12.50 is 3.125 → 3.13
    public void Amounts_are_rounded_to_the_cent_half_away_from_zero(long regular, int p, int o, int m, long paid, long municipality, long expectedParticipant)
    {
        var line = SettlementLine.Of(Sale(Local(2026, 3, 5, 20), 7, regular, paid, key: new CostSharingKey(p, o, m)));

        Assert.Equal(municipality, line.MunicipalityCents);
        Assert.Equal(expectedParticipant, line.ExpectedParticipantCents);
        Assert.Equal(regular - paid - municipality, line.OrganizerCents);
        Assert.Equal(regular, line.ParticipantCents + line.OrganizerCents + line.MunicipalityCents);
    }

    [Fact]
    public void A_seeded_month_of_sales_gives_claims_and_a_summary_equal_to_a_long_hand_split()
    {
        var random = new Random(20260401);
        string[] organizers = ["CC De Werf", "Sportdienst Aalst", "Bibliotheek Aalst"];
        var sales = Enumerable.Range(0, 90).Select(i =>
        {
            var cardSystem = 1 + random.Next(2);
            var regular = 500 + (random.Next(40) * 25);
            var social = i % 6 != 0;
            var day = 1 + random.Next(31);
            var at = i % 15 == 7 ? Local(2026, 4, 1, 0, 5) : Local(2026, 3, day, 9 + random.Next(13), random.Next(60));
            return Sale(at, 7 * (1 + random.Next(30)), regular, Quarter(regular), organizer: organizers[random.Next(3)], cardSystem: cardSystem,
                tariffType: social ? SaleFact.SocialTariffType : "REGULAR", key: cardSystem == 1 ? Key253540 : CostSharingKey.Default);
        }).ToArray();

        var report = Build(sales);

        var counted = sales.Where(s => s.TariffType == "SOCIALTARIFF" && s.SoldAt < Local(2026, 4, 1, 0)).ToArray();
        Assert.InRange(counted.Length, 50, 80);
        Assert.Equal(counted.Select(s => s.CentralSaleId).Order(), report.Claims.SelectMany(c => c.Lines).Select(l => l.CentralSaleId).Order());
        Assert.Equal(["Bibliotheek Aalst", "CC De Werf", "Sportdienst Aalst"], report.Claims.Select(c => c.Organizer));
        foreach (var claim in report.Claims)
        {
            var mine = counted.Where(s => s.Organizer == claim.Organizer).ToArray();
            long municipality = 0, organizer = 0, deviations = 0;
            foreach (var sale in mine)
            {
                var m = HalfUp(sale.RegularCents * sale.Key.MunicipalityBp);
                var line = claim.Lines.Single(l => l.CentralSaleId == sale.CentralSaleId);
                Assert.Equal((m, sale.RegularCents - sale.PaidCents - m, sale.PaidCents), (line.MunicipalityCents, line.OrganizerCents, line.ParticipantCents));
                Assert.Equal(sale.PaidCents != HalfUp(sale.RegularCents * sale.Key.ParticipantBp), line.Deviation);
                Assert.Equal(sale.Key, line.Key);
                municipality += m;
                organizer += sale.RegularCents - sale.PaidCents - m;
                deviations += line.Deviation ? 1 : 0;
            }
            Assert.Equal((mine.Length, municipality, organizer, deviations), (claim.Totals.Sales, claim.Totals.MunicipalityCents, claim.Totals.OrganizerCents, (long)claim.Totals.Deviations));
            Assert.Equal(claim.Lines.OrderBy(l => l.SoldAt).Select(l => l.CentralSaleId), claim.Lines.Select(l => l.CentralSaleId));
        }
        // Card system 1 (key 25/35/40, central charging 25 %) never deviates; card system 2 (20/40/40) always does.
        Assert.All(report.Claims.SelectMany(c => c.Lines), l => Assert.Equal(l.CardSystemId == 2, l.Deviation));
        foreach (var row in report.Summary)
        {
            var mine = counted.Where(s => s.Organizer == row.Organizer && s.CardSystemId == row.CardSystemId).ToArray();
            Assert.Equal(mine.Length, row.Totals.Sales);
            Assert.Equal(mine.Sum(s => s.RegularCents), row.Totals.RegularCents);
            Assert.Equal(mine.Sum(s => HalfUp(s.RegularCents * s.Key.MunicipalityBp)), row.Totals.MunicipalityCents);
        }
        Assert.Equal(6, report.Summary.Count);
        Assert.Equal(counted.Sum(s => HalfUp(s.RegularCents * s.Key.MunicipalityBp)), report.Total.MunicipalityCents);
        Assert.Equal(counted.Sum(s => s.RegularCents), report.Total.ParticipantCents + report.Total.OrganizerCents + report.Total.MunicipalityCents);
    }

    [Fact]
    public void A_card_system_filter_keeps_its_sales_and_an_unknown_card_system_is_refused()
    {
        var sales = new[] { Sale(Local(2026, 3, 5, 20), 7, cardSystem: 1), Sale(Local(2026, 3, 5, 21), 14, cardSystem: 2) };

        Assert.True(SettlementReport.TryBuild(sales, March, 2, Known, out var report, out _));
        Assert.Equal([2L], report.Claims.SelectMany(c => c.Lines).Select(l => l.CardSystemId));
        Assert.Equal(2, report.CardSystem);

        Assert.False(SettlementReport.TryBuild(sales, March, 7, Known, out var refused, out var error));
        Assert.Null(refused);
        Assert.Equal("card system 7 is not known to this agent (known: 1, 2).", error);
    }

    [Fact]
    public void Only_social_tariff_sales_of_the_period_are_claimed()
    {
        var sales = new[]
        {
            Sale(Local(2026, 3, 31, 23, 59), 7),
            Sale(Local(2026, 4, 1, 0, 0), 14),
            Sale(Local(2026, 2, 28, 23, 59), 21),
            Sale(Local(2026, 3, 10, 20), 28, tariffType: "REGULAR"),
        };

        var line = Assert.Single(Assert.Single(Build(sales).Claims).Lines);

        Assert.Equal(sales[0].CentralSaleId, line.CentralSaleId);
        Assert.Equal(new DateOnly(2026, 3, 31), line.SaleDate);
    }

    [Fact]
    public void Each_organizer_gets_a_distinct_file_name()
    {
        var at = Local(2026, 3, 5, 20);
        var sales = new[] { Sale(at, 1, organizer: "CC De Werf"), Sale(at, 2, organizer: "CC de Werf"), Sale(at, 3, organizer: "Café 't Zaaltje – Sint-Niklaas"), Sale(at, 4, organizer: "***") };

        var slugs = Build(sales).Claims.ToDictionary(c => c.Organizer, c => c.Slug);

        Assert.Equal("cafe-t-zaaltje-sint-niklaas", slugs["Café 't Zaaltje – Sint-Niklaas"]);
        Assert.Equal(["cc-de-werf", "cc-de-werf-2"], new[] { slugs["CC De Werf"], slugs["CC de Werf"] }.Order());
        Assert.Equal("organisator", slugs["***"]);
    }

    [Fact]
    public async Task The_settlement_reads_the_sales_of_its_period_and_refuses_an_unknown_card_system()
    {
        var source = new FakeSource([], [Sale(Local(2026, 3, 5, 20), 7)], [1, 2]);

        var result = await SettlementReport.BuildAsync(source, March, null, CancellationToken.None);
        Assert.Equal(1, result.Report!.Total.Sales);
        Assert.Equal([(March.Start, March.Until)], source.SaleRanges);

        var refused = await SettlementReport.BuildAsync(source, March, 3, CancellationToken.None);
        Assert.Null(refused.Report);
        Assert.Equal("card system 3 is not known to this agent (known: 1, 2).", refused.Error);
    }

    private static SettlementReport Build(IEnumerable<SaleFact> sales)
    {
        Assert.True(SettlementReport.TryBuild(sales, March, null, Known, out var report, out var error), error);
        return report;
    }

    /// <summary>The simulator's social price: a quarter of the regular price, to the cent.</summary>
    private static long Quarter(long cents) => (cents + 2) / 4;

    /// <summary>cents·bp / 10,000 rounded half up (all amounts are positive), in integers.</summary>
    private static long HalfUp(long centsTimesBp) => ((2 * centsTimesBp) + 10_000) / 20_000;
}

/// <summary>A test double of the store's facts, recording the ranges asked for.</summary>
internal sealed class FakeSource(IReadOnlyList<TapFact> taps, IReadOnlyList<SaleFact> sales, IReadOnlyList<long> cardSystems) : IReportSource
{
    public List<(DateTimeOffset From, DateTimeOffset Until)> TapRanges { get; } = [];

    public List<(DateTimeOffset From, DateTimeOffset Until)> SaleRanges { get; } = [];

    public Task<IReadOnlyList<TapFact>> TapsAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        TapRanges.Add((from, until));
        return Task.FromResult<IReadOnlyList<TapFact>>([.. taps.Where(t => t.At >= from && t.At < until)]);
    }

    public Task<IReadOnlyList<SaleFact>> SalesAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        SaleRanges.Add((from, until));
        return Task.FromResult<IReadOnlyList<SaleFact>>([.. sales.Where(s => s.SoldAt >= from && s.SoldAt < until)]);
    }

    public Task<IReadOnlyList<long>> KnownCardSystemsAsync(CancellationToken cancellationToken) => Task.FromResult(cardSystems);
}
