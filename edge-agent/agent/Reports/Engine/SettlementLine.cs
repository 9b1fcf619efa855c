namespace Uitpas.Edge.Agent.Reports;

/// <summary>
/// One social-tariff sale of a claim, split by the cost-sharing key frozen on it (amounts in euro cents, no
/// passholder data): the municipality owes round(R·m), the participant paid central's price, the organizer bears
/// the rest, R − paid − municipality. <see cref="Deviation"/> ("afwijking") marks a price paid that is not round(R·p).
/// </summary>
public sealed record SettlementLine(
    DateOnly SaleDate,
    DateTimeOffset SoldAt,
    string CentralSaleId,
    string EventId,
    string? EventTitle,
    PolicyDomain Domain,
    string? Municipality,
    string? Venue,
    long CardSystemId,
    string TariffId,
    string TariffName,
    long RegularCents,
    long PaidCents,
    long ExpectedParticipantCents,
    long OrganizerCents,
    long MunicipalityCents,
    CostSharingKey Key)
{
    /// <summary>What the participant paid: central's tariff price.</summary>
    public long ParticipantCents => PaidCents;

    /// <summary>The price paid differs from the key's participant share (kept in the claim, marked "afwijking").</summary>
    public bool Deviation => PaidCents != ExpectedParticipantCents;

    public static SettlementLine Of(SaleFact sale)
    {
        var municipality = Share(sale.RegularCents, sale.Key.MunicipalityBp);
        return new SettlementLine(
            ReportPeriod.DayOf(sale.SoldAt), sale.SoldAt, sale.CentralSaleId, sale.EventId, sale.EventTitle, sale.Domain,
            sale.Municipality, sale.Venue, sale.CardSystemId, sale.TariffId, sale.TariffName,
            sale.RegularCents, sale.PaidCents, Share(sale.RegularCents, sale.Key.ParticipantBp),
            sale.RegularCents - sale.PaidCents - municipality, municipality, sale.Key);
    }

    /// <summary>cents × basis points / 10,000, rounded to the cent half away from zero.</summary>
    public static long Share(long cents, int basisPoints) =>
        (long)Math.Round(cents * (decimal)basisPoints / 10_000m, MidpointRounding.AwayFromZero);
}

/// <summary>Sums of settlement lines (cents); a claim's total is the sum of its rounded lines.</summary>
public sealed record SettlementTotals(int Sales, long RegularCents, long ParticipantCents, long OrganizerCents, long MunicipalityCents, int Deviations)
{
    public static SettlementTotals Of(IEnumerable<SettlementLine> lines)
    {
        var all = lines as IReadOnlyCollection<SettlementLine> ?? [.. lines];
        return new SettlementTotals(all.Count, all.Sum(l => l.RegularCents), all.Sum(l => l.ParticipantCents),
            all.Sum(l => l.OrganizerCents), all.Sum(l => l.MunicipalityCents), all.Count(l => l.Deviation));
    }
}

/// <summary>One organizer's claim: its lines in time order and their totals; <see cref="Slug"/> names its files (vordering-{slug}.csv).</summary>
public sealed record OrganizerClaim(string Organizer, string Slug, IReadOnlyList<SettlementLine> Lines, SettlementTotals Totals);

/// <summary>One row of the summary: an organizer's sales on one card system.</summary>
public sealed record SettlementSummaryRow(string Organizer, long CardSystemId, SettlementTotals Totals);
