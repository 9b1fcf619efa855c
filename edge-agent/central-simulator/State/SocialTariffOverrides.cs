namespace Uitpas.Edge.Simulator;

/// <summary>
/// Social tariffs switched on or off at run time (tests, demo), over the seed's: a card whose
/// number is listed here is in the social-tariff export exactly when its value is true.
/// </summary>
public sealed class SocialTariffOverrides
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, bool> active = new(StringComparer.Ordinal);

    /// <summary>The override for this UiTPAS number, or null when the seed decides.</summary>
    public bool? Of(string uitpasNumber)
    {
        lock (gate)
        {
            return active.TryGetValue(uitpasNumber, out var value) ? value : null;
        }
    }

    internal void Set(string uitpasNumber, bool isActive)
    {
        lock (gate)
        {
            active[uitpasNumber] = isActive;
        }
    }
}
