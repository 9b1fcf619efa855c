namespace Uitpas.Edge.Agent.Reports.Engine;

/// <summary>The measures of a participation cell, in the order of <see cref="Figures"/>.</summary>
internal enum Measure
{
    /// <summary>Taps credited (credit 1, 2).</summary>
    Checkins,

    /// <summary>Taps refused at the check-in limit (credit 3).</summary>
    RefusedLimit,

    /// <summary>Late taps refused because the event's window had closed (credit 4): "niet gecrediteerd".</summary>
    NotCredited,

    /// <summary>Distinct passholders over the cell's taps (credit 1–4) and sales.</summary>
    Passholders,

    /// <summary>Distinct passholders of the cell with the social tariff (a tap flagged so, or a social-tariff sale).</summary>
    SocialTariffPassholders,

    /// <summary>Social-tariff sales.</summary>
    SocialTariffSales,
}

/// <summary>
/// The raw figures of one cell while the engine works on them, with what suppression hid. Internal to the
/// engine: only <see cref="Cell"/> values built from it leave, and a hidden figure becomes a cell without a number.
/// </summary>
internal sealed class Figures(string order)
{
    public const int MeasureCount = 6;

    private readonly long[] _counts = new long[MeasureCount];
    private readonly bool[] _hidden = new bool[MeasureCount];
    private readonly HashSet<int> _passholders = [];
    private readonly HashSet<int> _socialTariff = [];

    /// <summary>Where the cell sorts among its siblings (its key, never a figure: the order must not tell sizes).</summary>
    public string Order { get; } = order;

    public long this[Measure measure] => measure switch
    {
        Measure.Passholders => _passholders.Count,
        Measure.SocialTariffPassholders => _socialTariff.Count,
        _ => _counts[(int)measure],
    };

    public bool IsHidden(Measure measure) => _hidden[(int)measure];

    /// <summary>Hides a figure; a 0 stays 0 (it tells nothing about anyone).</summary>
    public bool Hide(Measure measure)
    {
        if (this[measure] == 0 || _hidden[(int)measure])
        {
            return false;
        }
        _hidden[(int)measure] = true;
        return true;
    }

    public void AddTap(int passholder, bool socialTariff, Measure counted)
    {
        _counts[(int)counted]++;
        AddPassholder(passholder, socialTariff);
    }

    public void AddSale(int passholder, bool socialTariff)
    {
        if (socialTariff)
        {
            _counts[(int)Measure.SocialTariffSales]++;
        }
        AddPassholder(passholder, socialTariff);
    }

    /// <summary>The published form of a figure.</summary>
    public Cell Published(Measure measure) => IsHidden(measure) ? Cell.Hidden : Cell.Of(this[measure]);

    /// <summary>Social-tariff passholders as a percentage of passholders (one decimal), hidden when either count is.</summary>
    public Cell SocialTariffShare()
    {
        if (IsHidden(Measure.Passholders) || IsHidden(Measure.SocialTariffPassholders))
        {
            return Cell.Hidden;
        }
        var all = this[Measure.Passholders];
        return all == 0 ? Cell.None : Cell.Of(Percent(this[Measure.SocialTariffPassholders], all));
    }

    /// <summary>part / whole × 100, one decimal, half away from zero.</summary>
    public static decimal Percent(long part, long whole) => Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);

    private void AddPassholder(int passholder, bool socialTariff)
    {
        _passholders.Add(passholder);
        if (socialTariff)
        {
            _socialTariff.Add(passholder);
        }
    }
}

/// <summary>A published total and the cells that add up to it (a table's rows under the grand total, a domain's months).</summary>
internal sealed record FiguresGroup(Figures Total, IReadOnlyList<Figures> Children);
