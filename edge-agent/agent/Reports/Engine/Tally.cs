using System.Globalization;
using Uitpas.Edge.Agent.Reconcile;

namespace Uitpas.Edge.Agent.Reports.Engine;

/// <summary>A row while the engine works: what it is about, and its raw figures.</summary>
internal sealed class TallyRow(string key, string label, string order)
{
    public string Key { get; } = key;

    public string Label { get; set; } = label;

    public bool IsUnknown { get; init; }

    public PolicyDomain? Domain { get; init; }

    public long? CardSystemId { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public Figures Figures { get; } = new(order);
}

/// <summary>
/// The raw figures of one period, per dimension: every fact in the period is counted in the grand total and in
/// one row of each dimension. Rows of the time dimensions exist for every week and month of the period; the
/// others for every value seen (in either period, after <see cref="Include"/>), so a row's trend has both sides.
/// </summary>
internal sealed class Tally
{
    private const string UnknownLabel = "onbekend";

    private static readonly int DomainCount = Enum.GetValues<PolicyDomain>().Length;

    private static readonly PolicyDomain[] ListedDomains =
        [PolicyDomain.Cultuur, PolicyDomain.Jeugd, PolicyDomain.Sport, PolicyDomain.Welzijn, PolicyDomain.Overig];

    private readonly Dictionary<ReportDimension, Dictionary<string, TallyRow>> _rows =
        Enum.GetValues<ReportDimension>().ToDictionary(d => d, _ => new Dictionary<string, TallyRow>(StringComparer.Ordinal));

    private readonly Dictionary<DateOnly, TallyRow?[]> _days = [];
    private readonly Dictionary<(ReportDimension, string?, string?), TallyRow> _byRaw = [];
    private readonly Dictionary<long, TallyRow> _cardSystems = [];
    private readonly TallyRow?[] _domains = new TallyRow?[DomainCount];
    private readonly ReportPeriod _period;
    private readonly PassholderIds _ids;

    private Tally(ReportPeriod period, PassholderIds ids)
    {
        _period = period;
        _ids = ids;
        foreach (var domain in ListedDomains)
        {
            DomainRow(domain);
        }
        for (var day = period.From; day <= period.To; day = day.AddDays(1))
        {
            WeekRow(day);
            MonthRow(day);
        }
    }

    public Figures Total { get; } = new("total");

    public static Tally Of(IEnumerable<TapFact> taps, IEnumerable<SaleFact> sales, ReportPeriod period, PassholderIds ids)
    {
        var tally = new Tally(period, ids);
        foreach (var tap in taps)
        {
            tally.Add(tap);
        }
        foreach (var sale in sales)
        {
            tally.Add(sale);
        }
        return tally;
    }

    /// <summary>The rows of a dimension in their published order.</summary>
    public IReadOnlyList<TallyRow> Rows(ReportDimension dimension) =>
        [.. _rows[dimension].Values.OrderBy(r => r.Figures.Order, StringComparer.Ordinal)];

    public TallyRow? Find(ReportDimension dimension, string key) => _rows[dimension].GetValueOrDefault(key);

    /// <summary>Adds the other period's rows of the non-time dimensions (empty here), so both periods have the same rows.</summary>
    public void Include(Tally other)
    {
        foreach (var dimension in new[] { ReportDimension.Domain, ReportDimension.Organizer, ReportDimension.Venue, ReportDimension.CardSystem, ReportDimension.Event })
        {
            foreach (var row in other._rows[dimension].Values)
            {
                _rows[dimension].TryAdd(row.Key, new TallyRow(row.Key, row.Label, row.Figures.Order)
                {
                    IsUnknown = row.IsUnknown,
                    Domain = row.Domain,
                    CardSystemId = row.CardSystemId,
                });
            }
        }
    }

    /// <summary>Hides small cells and their complements; call after <see cref="Include"/>.</summary>
    public void Suppress()
    {
        foreach (var domain in _rows[ReportDimension.Domain].Values.Select(r => r.Domain!.Value).ToArray())
        {
            foreach (var month in _rows[ReportDimension.Month].Values.ToArray())
            {
                DomainMonthRow(domain, month.From!.Value);
            }
        }
        Suppression.HideSmall(Total);
        foreach (var row in _rows.Values.SelectMany(r => r.Values))
        {
            Suppression.HideSmall(row.Figures);
        }
        var groups = new List<FiguresGroup>();
        foreach (var dimension in Enum.GetValues<ReportDimension>().Where(d => d != ReportDimension.DomainMonth))
        {
            groups.Add(new FiguresGroup(Total, [.. Rows(dimension).Select(r => r.Figures)]));
        }
        var cross = Rows(ReportDimension.DomainMonth);
        foreach (var domain in Rows(ReportDimension.Domain))
        {
            groups.Add(new FiguresGroup(domain.Figures, [.. cross.Where(c => c.Domain == domain.Domain).Select(c => c.Figures)]));
        }
        foreach (var month in Rows(ReportDimension.Month))
        {
            groups.Add(new FiguresGroup(month.Figures, [.. cross.Where(c => c.From == month.From).Select(c => c.Figures)]));
        }
        Suppression.Complement(groups);
    }

    private void Add(TapFact tap)
    {
        var measure = tap.Credit switch
        {
            TapCredit.Credited or TapCredit.CreditedFromHistory => Measure.Checkins,
            TapCredit.RefusedLimit => Measure.RefusedLimit,
            TapCredit.RefusedWindowClosed => Measure.NotCredited,
            _ => (Measure?)null,
        };
        if (measure is not { } counted || !_period.Contains(tap.At))
        {
            return;
        }
        var passholder = _ids.Of(tap.Passholder);
        foreach (var figures in CellsOf(tap.At, tap.Domain, tap.Organizer, tap.Municipality, tap.Venue, tap.CardSystemId, tap.EventId, null))
        {
            figures.AddTap(passholder, tap.SocialTariff, counted);
        }
    }

    private void Add(SaleFact sale)
    {
        if (!_period.Contains(sale.SoldAt))
        {
            return;
        }
        var passholder = _ids.Of(sale.Passholder);
        foreach (var figures in CellsOf(sale.SoldAt, sale.Domain, sale.Organizer, sale.Municipality, sale.Venue, sale.CardSystemId, sale.EventId, sale.EventTitle))
        {
            figures.AddSale(passholder, sale.IsSocialTariff);
        }
    }

    private IEnumerable<Figures> CellsOf(DateTimeOffset at, PolicyDomain domain, string? organizer, string? municipality,
        string? venue, long cardSystem, string? eventId, string? eventTitle)
    {
        domain = Enum.IsDefined(domain) ? domain : PolicyDomain.Unknown;
        var day = DaysRows(ReportPeriod.DayOf(at));
        yield return Total;
        yield return DomainRow(domain).Figures;
        yield return OrganizerRow(organizer).Figures;
        yield return VenueRow(municipality, venue).Figures;
        yield return CardSystemRow(cardSystem).Figures;
        yield return EventRow(eventId, eventTitle).Figures;
        yield return day[0]!.Figures;
        yield return day[1]!.Figures;
        yield return (day[2 + (int)domain] ??= DomainMonthRow(domain, day[1]!.From!.Value)).Figures;
    }

    /// <summary>A day's week and month rows, and its domain × month rows at 2 + domain as they are met: looked up once per day.</summary>
    private TallyRow?[] DaysRows(DateOnly day)
    {
        if (!_days.TryGetValue(day, out var rows))
        {
            _days[day] = rows = new TallyRow?[2 + DomainCount];
            (rows[0], rows[1]) = (WeekRow(day), MonthRow(day));
        }
        return rows;
    }

    // Organizer, venue and event rows are looked up by the fact's raw values: they are many, the rows few (no formatting per fact).
    private TallyRow OrganizerRow(string? organizer) => Seen(ReportDimension.Organizer, organizer, null)
        ?? Remember(ReportDimension.Organizer, organizer, null, NamedRow(ReportDimension.Organizer, organizer, organizer));

    private TallyRow VenueRow(string? municipality, string? venue) => Seen(ReportDimension.Venue, municipality, venue)
        ?? Remember(ReportDimension.Venue, municipality, venue,
            NamedRow(ReportDimension.Venue, Blank(venue) ? null : $"{municipality?.Trim()}/{venue!.Trim()}", VenueLabel(municipality, venue)));

    /// <summary>An event's row, labelled with its title once a sale names it.</summary>
    private TallyRow EventRow(string? eventId, string? eventTitle)
    {
        var row = Seen(ReportDimension.Event, eventId, null) ?? Remember(ReportDimension.Event, eventId, null, NamedRow(ReportDimension.Event, eventId, eventId));
        if (!Blank(eventTitle))
        {
            row.Label = eventTitle!.Trim();
        }
        return row;
    }

    private TallyRow? Seen(ReportDimension dimension, string? first, string? second) => _byRaw.GetValueOrDefault((dimension, first, second));

    private TallyRow Remember(ReportDimension dimension, string? first, string? second, TallyRow row) => _byRaw[(dimension, first, second)] = row;

    private TallyRow DomainRow(PolicyDomain domain) => _domains[(int)domain] ??= Row(ReportDimension.Domain, DomainKey(domain), () =>
        new TallyRow(DomainKey(domain), DomainKey(domain), DomainOrder(domain)) { Domain = domain, IsUnknown = domain == PolicyDomain.Unknown });

    private TallyRow NamedRow(ReportDimension dimension, string? key, string? label)
    {
        var id = Blank(key) ? string.Empty : key!.Trim();
        return Row(dimension, id, () => id.Length == 0
            ? new TallyRow(id, UnknownLabel, "2") { IsUnknown = true }
            : new TallyRow(id, label!.Trim(), "1" + id.ToLowerInvariant() + "\u0000" + id));
    }

    private TallyRow CardSystemRow(long id)
    {
        if (_cardSystems.TryGetValue(id, out var known))
        {
            return known;
        }
        var key = id.ToString(CultureInfo.InvariantCulture);
        return _cardSystems[id] = Row(ReportDimension.CardSystem, key, () => id > 0
            ? new TallyRow(key, key, "1" + id.ToString("D20", CultureInfo.InvariantCulture)) { CardSystemId = id }
            : new TallyRow(key, UnknownLabel, "2" + key) { CardSystemId = id, IsUnknown = true });
    }

    private TallyRow WeekRow(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        var year = ISOWeek.GetYear(date);
        var week = ISOWeek.GetWeekOfYear(date);
        var key = string.Create(CultureInfo.InvariantCulture, $"{year}-W{week:00}");
        var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
        return Row(ReportDimension.Week, key, () => new TallyRow(key, key, key) { From = Max(monday, _period.From), To = Min(monday.AddDays(6), _period.To) });
    }

    private TallyRow MonthRow(DateOnly day)
    {
        var key = MonthKey(day);
        var first = new DateOnly(day.Year, day.Month, 1);
        return Row(ReportDimension.Month, key, () => new TallyRow(key, key, key) { From = Max(first, _period.From), To = Min(first.AddMonths(1).AddDays(-1), _period.To) });
    }

    private TallyRow DomainMonthRow(PolicyDomain domain, DateOnly day)
    {
        var month = MonthRow(day);
        var key = $"{DomainKey(domain)} {month.Key}";
        return Row(ReportDimension.DomainMonth, key, () =>
            new TallyRow(key, key, DomainOrder(domain) + " " + month.Key) { Domain = domain, IsUnknown = domain == PolicyDomain.Unknown, From = month.From, To = month.To });
    }

    private TallyRow Row(ReportDimension dimension, string key, Func<TallyRow> create)
    {
        var rows = _rows[dimension];
        if (!rows.TryGetValue(key, out var row))
        {
            rows[key] = row = create();
        }
        return row;
    }

    /// <summary>The domain's Dutch key, as the API and CLI spell it ("onbekend" when not set).</summary>
    public static string DomainKey(PolicyDomain domain) =>
        domain == PolicyDomain.Unknown ? UnknownLabel : domain.ToString().ToLowerInvariant();

    private static string DomainOrder(PolicyDomain domain) => domain == PolicyDomain.Unknown ? "9" : ((int)domain).ToString(CultureInfo.InvariantCulture);

    private static string MonthKey(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string VenueLabel(string? municipality, string? venue) =>
        Blank(municipality) ? venue?.Trim() ?? UnknownLabel : $"{venue?.Trim()} ({municipality!.Trim()})";

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

/// <summary>Numbers passholders' pseudonyms (keyed hashes) so distinct counts are sets of small ints.</summary>
internal sealed class PassholderIds
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public int Of(ReadOnlyMemory<byte> pseudonym)
    {
        var key = Convert.ToHexString(pseudonym.Span);
        if (!_ids.TryGetValue(key, out var id))
        {
            _ids[key] = id = _ids.Count;
        }
        return id;
    }
}
