using System.Globalization;

namespace Uitpas.Edge.Agent.Reports;

/// <summary>
/// How the regular price of a social-tariff ticket is shared: participant / organizer / municipality, in basis
/// points of the regular price (sum 10,000). Default 20/40/40. Bounds: the participant pays more than 0% and at
/// most 25%; the organizer carries at least 10%.
/// </summary>
public readonly record struct CostSharingKey(int ParticipantBp, int OrganizerBp, int MunicipalityBp)
{
    public static CostSharingKey Default { get; } = new(2000, 4000, 4000);

    /// <summary>Parses "20/40/40" (percentages, at most two decimals) and checks the bounds; the error is a sentence for the user.</summary>
    public static bool TryParse(string? text, out CostSharingKey key, out string error)
    {
        key = default;
        var parts = (text ?? string.Empty).Split('/');
        if (parts.Length != 3)
        {
            error = $"a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not '{text}'.";
            return false;
        }
        var bp = new int[3];
        for (var i = 0; i < 3; i++)
        {
            var part = parts[i].Trim();
            // A share beyond ±1000 is no percentage (and would overflow the basis points): read as a malformed key.
            if (!decimal.TryParse(part, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var percent)
                || Math.Abs(percent) >= 1000m)
            {
                error = $"a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not '{text}'.";
                return false;
            }
            if (decimal.Round(percent, 2) != percent)
            {
                error = $"shares have at most two decimals, not '{part}'.";
                return false;
            }
            bp[i] = (int)(percent * 100);
        }
        var candidate = new CostSharingKey(bp[0], bp[1], bp[2]);
        if (!candidate.IsValid(out error))
        {
            return false;
        }
        key = candidate;
        return true;
    }

    /// <summary>Checks the bounds of a key built from numbers (e.g. read from the store).</summary>
    public bool IsValid(out string error)
    {
        if (MunicipalityBp < 0)
        {
            error = $"the municipality's share cannot be negative, not {Percent(MunicipalityBp)}%.";
            return false;
        }
        var sum = ParticipantBp + OrganizerBp + MunicipalityBp;
        if (sum != 10_000)
        {
            error = $"the shares add up to 100%, not {Percent(sum)}% ({Percent(ParticipantBp)} + {Percent(OrganizerBp)} + {Percent(MunicipalityBp)}).";
            return false;
        }
        if (ParticipantBp <= 0 || ParticipantBp > 2500)
        {
            error = $"the participant's share must be more than 0% and at most 25%, not {Percent(ParticipantBp)}%.";
            return false;
        }
        if (OrganizerBp < 1000)
        {
            error = $"the organizer's share must be at least 10%, not {Percent(OrganizerBp)}%.";
            return false;
        }
        error = string.Empty;
        return true;
    }

    /// <summary>The refusal of a card system the agent has never seen (API: 404): "card system 7 is not known to this agent (known: 1, 2)."</summary>
    public static string UnknownCardSystem(long cardSystem, IEnumerable<long> known)
    {
        var list = string.Join(", ", known.Distinct().Order().Select(k => k.ToString(CultureInfo.InvariantCulture)));
        return $"card system {cardSystem} is not known to this agent (known: {(list.Length == 0 ? "none" : list)}).";
    }

    public override string ToString() => $"{Percent(ParticipantBp)}/{Percent(OrganizerBp)}/{Percent(MunicipalityBp)}";

    private static string Percent(int basisPoints) =>
        (basisPoints / 100m).ToString(basisPoints % 100 == 0 ? "0" : "0.##", CultureInfo.InvariantCulture);
}
