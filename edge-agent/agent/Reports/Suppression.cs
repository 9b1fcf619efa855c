using Uitpas.Edge.Agent.Reports.Engine;

namespace Uitpas.Edge.Agent.Reports;

/// <summary>
/// Small-cell suppression, the one code path every report output goes through:
/// <list type="number">
/// <item>a cell with 1–4 distinct passholders shows "&lt;5" in every measure (a 0 stays 0);</item>
/// <item>the social-tariff figures (passholders, sales, share) show "&lt;5" when 1–4 passholders have the social tariff;</item>
/// <item>complementary: where a published total has exactly one hidden child in a measure, the smallest other
/// child (fewest passholders, then the smallest figure, then the first in order) is hidden too, so the hidden one
/// cannot be had by subtraction; when no other child can be hidden, the total is;</item>
/// <item>a hidden total must not be had by addition either: in every group under it (each table adds up to the
/// grand total) with no hidden child, the smallest child is hidden.</item>
/// </list>
/// Rules 3 and 4 repeat until nothing changes, because a cell can be a child in one group and the total of
/// another (a domain over its months). This guards against subtraction within a table and along domain × month;
/// it is not a full audit of every combination of tables.
/// A trend is hidden when either period's figure is (<see cref="ParticipationReport"/>).
/// </summary>
public static class Suppression
{
    /// <summary>Cells with fewer distinct passholders than this (but more than none) are suppressed.</summary>
    public const int Threshold = 5;

    private static readonly Measure[] SocialTariffMeasures = [Measure.SocialTariffPassholders, Measure.SocialTariffSales];

    /// <summary>True for 1–4 distinct passholders.</summary>
    public static bool IsSmall(long distinctPassholders) => distinctPassholders is > 0 and < Threshold;

    /// <summary>Rules 1 and 2 on one cell.</summary>
    internal static void HideSmall(Figures cell)
    {
        if (IsSmall(cell[Measure.Passholders]))
        {
            foreach (var measure in Enum.GetValues<Measure>())
            {
                cell.Hide(measure);
            }
        }
        if (IsSmall(cell[Measure.SocialTariffPassholders]))
        {
            foreach (var measure in SocialTariffMeasures)
            {
                cell.Hide(measure);
            }
        }
    }

    /// <summary>Rules 3 and 4 over every group, until no cell changes.</summary>
    internal static void Complement(IReadOnlyList<FiguresGroup> groups)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var group in groups)
            {
                foreach (var measure in Enum.GetValues<Measure>())
                {
                    changed |= ComplementOne(group, measure);
                }
            }
        }
        while (changed);
    }

    private static bool ComplementOne(FiguresGroup group, Measure measure)
    {
        var hidden = group.Children.Count(c => c.IsHidden(measure));
        var totalHidden = group.Total.IsHidden(measure);
        if (totalHidden ? hidden > 0 : hidden != 1)
        {
            return false;
        }
        var partner = group.Children
            .Where(c => !c.IsHidden(measure) && c[measure] != 0)
            .OrderBy(c => c[Measure.Passholders])
            .ThenBy(c => c[measure])
            .ThenBy(c => c.Order, StringComparer.Ordinal)
            .FirstOrDefault();
        return partner is not null ? partner.Hide(measure) : !totalHidden && group.Total.Hide(measure);
    }
}
