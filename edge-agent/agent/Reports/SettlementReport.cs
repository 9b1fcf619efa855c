using System.Globalization;
using System.Text;

namespace Uitpas.Edge.Agent.Reports;

/// <summary>
/// The social-tariff settlement of a period: the social-tariff sales central confirmed in it, per organizer
/// (a claim of lines and totals), a summary per organizer × card system, and the grand total. Lines carry no
/// passholder data, so nothing is suppressed and every amount is payable to the cent.
/// </summary>
public sealed class SettlementReport
{
    private SettlementReport(ReportPeriod period, long? cardSystem, IReadOnlyList<OrganizerClaim> claims)
    {
        Period = period;
        CardSystem = cardSystem;
        Claims = claims;
        Summary = [.. claims.SelectMany(c => c.Lines.GroupBy(l => l.CardSystemId).OrderBy(g => g.Key)
            .Select(g => new SettlementSummaryRow(c.Organizer, g.Key, SettlementTotals.Of(g))))];
        Total = SettlementTotals.Of(claims.SelectMany(c => c.Lines));
    }

    public ReportPeriod Period { get; }

    /// <summary>The card system the report is limited to; null for all.</summary>
    public long? CardSystem { get; }

    /// <summary>One claim per organizer with sales, alphabetically.</summary>
    public IReadOnlyList<OrganizerClaim> Claims { get; }

    public IReadOnlyList<SettlementSummaryRow> Summary { get; }

    public SettlementTotals Total { get; }

    /// <summary>Reads the period's sales and the known card systems from the store, and builds the settlement.</summary>
    public static async Task<SettlementResult> BuildAsync(IReportSource source, ReportPeriod period, long? cardSystem, CancellationToken cancellationToken)
    {
        var known = await source.KnownCardSystemsAsync(cancellationToken);
        var sales = await source.SalesAsync(period.Start, period.Until, cancellationToken);
        return TryBuild(sales, period, cardSystem, known, out var report, out var error)
            ? new SettlementResult(report, string.Empty)
            : new SettlementResult(null, error);
    }

    /// <summary>
    /// Builds the settlement from sales (those that are not social-tariff, outside the period or on another card
    /// system than <paramref name="cardSystem"/> are left out); refuses a card system this agent does not know.
    /// </summary>
    public static bool TryBuild(IEnumerable<SaleFact> sales, ReportPeriod period, long? cardSystem,
        IEnumerable<long> knownCardSystems, out SettlementReport report, out string error)
    {
        report = null!;
        var known = knownCardSystems.ToArray();
        if (cardSystem is { } wanted && !known.Contains(wanted))
        {
            error = CostSharingKey.UnknownCardSystem(wanted, known);
            return false;
        }
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var claims = sales
            .Where(s => s.IsSocialTariff && period.Contains(s.SoldAt) && (cardSystem is null || s.CardSystemId == cardSystem))
            .GroupBy(s => s.Organizer.Trim(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var lines = g.Select(SettlementLine.Of)
                    .OrderBy(l => l.SoldAt).ThenBy(l => l.CentralSaleId, StringComparer.Ordinal)
                    .ToArray();
                return new OrganizerClaim(g.Key, UniqueSlug(g.Key, slugs), lines, SettlementTotals.Of(lines));
            })
            .ToArray();
        report = new SettlementReport(period, cardSystem, claims);
        error = string.Empty;
        return true;
    }

    /// <summary>A file-name part for an organizer: lower case ASCII letters, digits and hyphens ("Cultuurcentrum Asse" → "cultuurcentrum-asse").</summary>
    public static string Slug(string organizer)
    {
        var slug = new StringBuilder();
        foreach (var c in organizer.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(lower);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var text = slug.ToString().TrimEnd('-');
        return text.Length == 0 ? "organisator" : text;
    }

    private static string UniqueSlug(string organizer, HashSet<string> taken)
    {
        var slug = Slug(organizer);
        var unique = slug;
        for (var n = 2; !taken.Add(unique); n++)
        {
            unique = string.Create(CultureInfo.InvariantCulture, $"{slug}-{n}");
        }
        return unique;
    }
}

/// <summary>A settlement, or the sentence that refused it (an unknown card system: the API answers 404).</summary>
public sealed record SettlementResult(SettlementReport? Report, string Error);
