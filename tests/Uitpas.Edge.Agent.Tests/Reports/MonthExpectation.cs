using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>An expected published figure: a number, "&lt;5" (suppressed, no number) or not applicable.</summary>
public readonly record struct Figure(decimal? Value, bool Suppressed)
{
    public static Figure Hidden => new(null, true);

    public static Figure None => new(null, false);

    public static Figure Of(decimal value) => new(value, false);

    /// <summary>As the CSV files and charts write it: "&lt;5", "" or the number with a decimal comma ("33,3").</summary>
    public string Text(string unit = "") => Suppressed ? "<5" : Value is { } v ? v.ToString("0.#", MonthExpectation.DecimalComma) + unit : "";

    public override string ToString() => Suppressed ? "<5" : Value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "null";
}

/// <summary>The measures of a cell, in the order the suppression rules go through them.</summary>
public enum Measure
{
    Checkins,
    RefusedLimit,
    NotCredited,
    Passholders,
    SocialPassholders,
    SocialSales,
}

/// <summary>One expected cell while it is worked out: its raw figures and what suppression hides.</summary>
public sealed class ExpectedCell(string key, int position)
{
    public string Key { get; } = key;

    /// <summary>Place in its table (names alphabetically, domains as listed, time ascending): the last tie-break of "smallest".</summary>
    public int Position { get; } = position;

    public long Checkins { get; set; }

    public long RefusedLimit { get; set; }

    public long NotCredited { get; set; }

    public long SocialSales { get; set; }

    public HashSet<string> Passholders { get; } = new(StringComparer.Ordinal);

    public HashSet<string> SocialPassholders { get; } = new(StringComparer.Ordinal);

    public HashSet<Measure> HiddenMeasures { get; } = [];

    public long this[Measure measure] => measure switch
    {
        Measure.Checkins => Checkins,
        Measure.RefusedLimit => RefusedLimit,
        Measure.NotCredited => NotCredited,
        Measure.Passholders => Passholders.Count,
        Measure.SocialPassholders => SocialPassholders.Count,
        _ => SocialSales,
    };

    public bool IsHidden(Measure measure) => HiddenMeasures.Contains(measure);

    /// <summary>Hides a figure; a 0 is never hidden (it says nothing about anyone).</summary>
    public bool Hide(Measure measure) => this[measure] != 0 && HiddenMeasures.Add(measure);

    public Figure Published(Measure measure) => IsHidden(measure) ? Figure.Hidden : Figure.Of(this[measure]);

    public Figure Share => IsHidden(Measure.Passholders) || IsHidden(Measure.SocialPassholders) ? Figure.Hidden
        : Passholders.Count == 0 ? Figure.None
        : Figure.Of(MonthExpectation.Percent(SocialPassholders.Count, Passholders.Count));
}

/// <summary>An expected settlement line, in cents.</summary>
public sealed record ExpectedLine(string Organizer, int CardSystemId, string CentralSaleId, DateTimeOffset SoldAt, long Regular, long Paid,
    long Participant, long OrganizerShare, long Municipality, string Key, bool Deviation);

/// <summary>
/// The report worked out the long way from the test's own input list, the simulator's rules and docs/operations.md
/// ("Participation figures", "Suppression", "Settlement"): never by calling the report code. Passholders are told
/// apart by their pseudonym, HMAC-SHA256 under the agent's key file of "uitpas:" + number (docs/security.md).
/// </summary>
public sealed class MonthExpectation
{
    public static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NegativeSign = "-" };

    /// <summary>Dimensions in the order of the report's tables.</summary>
    public static readonly string[] Dimensions = ["domain", "organizer", "venue", "cardSystem", "event", "week", "month", "domainMonth"];

    /// <summary>The dimensions with a trend against the previous period.</summary>
    public static readonly string[] TrendDimensions = ["domain", "organizer", "venue", "cardSystem", "event"];

    private static readonly string[] Domains = ["cultuur", "jeugd", "sport", "welzijn", "overig"];

    public MonthExpectation(MonthPlan plan, IReadOnlyList<(PlannedTap Tap, DateTimeOffset At)> taps, IReadOnlyList<(PlannedSale Sale, RecordedTicketSale Central)> sales,
        byte[] pseudonymKey, IReadOnlyDictionary<int, (int P, int O, int M)> keys)
    {
        Plan = plan;
        string Pseudonym(SeedCard card) => Convert.ToHexString(HMACSHA256.HashData(pseudonymKey, Encoding.UTF8.GetBytes("uitpas:" + card.UitpasNumber)));
        var items = new List<Item>();
        foreach (var (tap, at) in taps)
        {
            var credit = plan.Credits[tap];
            if (credit is TapCredit.Credited or TapCredit.CreditedFromHistory or TapCredit.RefusedLimit or TapCredit.RefusedWindowClosed)
            {
                items.Add(new Item(at, plan.Device(tap.DeviceId), tap.EventId, plan.DomainOf(tap.EventId), tap.Card!.CardSystemId, Pseudonym(tap.Card), plan.HasSocialTariff(tap.Card), credit, Sale: false));
            }
        }
        foreach (var (sale, central) in sales)
        {
            items.Add(new Item(central.CreatedAt, plan.Device(sale.DeviceId), sale.EventId, plan.DomainOf(sale.EventId), sale.Card.CardSystemId, Pseudonym(sale.Card), true, null, Sale: true));
        }
        Pseudonyms = [.. items.Select(i => i.Passholder).Distinct()];
        var previousFrom = MonthPlan.From.AddDays(-(MonthPlan.To.DayNumber - MonthPlan.From.DayNumber + 1));
        var names = new RowNames(items);
        Current = new PeriodCells(MonthPlan.From, MonthPlan.To, names, items);
        Previous = new PeriodCells(previousFrom, MonthPlan.From.AddDays(-1), names, items);
        Lines = [.. sales
            .Where(s => Day(s.Central.CreatedAt) >= MonthPlan.From && Day(s.Central.CreatedAt) <= MonthPlan.To && s.Central.TariffType == "SOCIALTARIFF")
            .Select(s => Line(plan.Device(s.Sale.DeviceId).Organizer, s.Sale.Card.CardSystemId, s.Central, keys))
            .OrderBy(l => l.Organizer, StringComparer.OrdinalIgnoreCase).ThenBy(l => l.SoldAt).ThenBy(l => l.CentralSaleId, StringComparer.Ordinal)];
    }

    public MonthPlan Plan { get; }

    public PeriodCells Current { get; }

    public PeriodCells Previous { get; }

    /// <summary>Every passholder's pseudonym (hex), to prove none leaves the agent.</summary>
    public IReadOnlyList<string> Pseudonyms { get; }

    /// <summary>The March claim lines, by organizer, then in time order.</summary>
    public IReadOnlyList<ExpectedLine> Lines { get; }

    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, BrusselsCalendar.Zone).DateTime);

    /// <summary>part / whole × 100, one decimal, half away from zero.</summary>
    public static decimal Percent(long part, long whole) => Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>cents × percent, to the cent, half away from zero (€5.005 → €5.01).</summary>
    public static long Cents(long cents, int basisPoints) => (long)Math.Round(cents * basisPoints / 10_000m, MidpointRounding.AwayFromZero);

    /// <summary>The cells of a row (or the total) with their trend where the report shows one.</summary>
    public IReadOnlyList<(string Name, Figure Figure)> Row(string? dimension, string key)
    {
        var now = dimension is null ? Current.Total : Current.Tables[dimension].Single(c => c.Key == key);
        var figures = new List<(string, Figure)>
        {
            ("checkins", now.Published(Measure.Checkins)),
            ("refusedLimit", now.Published(Measure.RefusedLimit)),
            ("notCredited", now.Published(Measure.NotCredited)),
            ("passholders", now.Published(Measure.Passholders)),
            ("socialTariffPassholders", now.Published(Measure.SocialPassholders)),
            ("socialTariffShare", now.Share),
            ("socialTariffSales", now.Published(Measure.SocialSales)),
        };
        if (dimension is null || TrendDimensions.Contains(dimension))
        {
            var then = dimension is null ? Previous.Total : Previous.Tables[dimension].Single(c => c.Key == key);
            foreach (var (name, measure) in new[] { ("checkinsTrend", Measure.Checkins), ("passholdersTrend", Measure.Passholders) })
            {
                var (previous, delta, percent) = Trend(now, then, measure);
                figures.AddRange([(name + ".previous", previous), (name + ".delta", delta), (name + ".percent", percent)]);
            }
        }
        return figures;
    }

    /// <summary>Previous figure, Δ and %: hidden as a whole when either period hides the figure; % not applicable from 0.</summary>
    public static (Figure Previous, Figure Delta, Figure Percent) Trend(ExpectedCell now, ExpectedCell then, Measure measure)
    {
        var previous = then.Published(measure);
        if (now.IsHidden(measure) || then.IsHidden(measure))
        {
            return (previous, Figure.Hidden, Figure.Hidden);
        }
        var delta = now[measure] - then[measure];
        return (previous, Figure.Of(delta), then[measure] == 0 ? Figure.None : Figure.Of(Percent(delta, then[measure])));
    }

    private static ExpectedLine Line(string organizer, int cardSystem, RecordedTicketSale central, IReadOnlyDictionary<int, (int P, int O, int M)> keys)
    {
        var (p, o, m) = keys[cardSystem];
        var regular = (long)(central.RegularPrice * 100);
        var paid = (long)(Math.Round(central.RegularPrice / 4, 2, MidpointRounding.AwayFromZero) * 100);
        Assert.Equal(paid, (long)(central.Price * 100)); // the simulator's rule: a quarter of the regular price
        var municipality = Cents(regular, m);
        var participant = Cents(regular, p);
        return new ExpectedLine(organizer, cardSystem, central.Id, central.CreatedAt, regular, paid, participant, regular - paid - municipality, municipality,
            string.Create(CultureInfo.InvariantCulture, $"{p / 100m:0.##}/{o / 100m:0.##}/{m / 100m:0.##}"), paid != participant);
    }

    /// <summary>A counted fact: a tap (credit 1–4) or a confirmed sale, with the context of its terminal and event.</summary>
    internal sealed record Item(DateTimeOffset At, MonthDevice Device, string EventId, string Domain, int CardSystemId, string Passholder, bool SocialTariff, TapCredit? Credit, bool Sale);

    /// <summary>The rows of the name dimensions: every value seen in either period, in name order.</summary>
    internal sealed class RowNames(IReadOnlyList<Item> items)
    {
        public string[] Organizers { get; } = [.. items.Select(i => i.Device.Organizer).Distinct().OrderBy(n => n.ToLowerInvariant(), StringComparer.Ordinal)];

        public string[] Venues { get; } = [.. items.Select(i => i.Device.VenueKey).Distinct().OrderBy(n => n.ToLowerInvariant(), StringComparer.Ordinal)];

        public string[] CardSystems { get; } = [.. items.Select(i => i.CardSystemId).Distinct().Order().Select(c => c.ToString(CultureInfo.InvariantCulture))];

        public string[] Events { get; } = [.. items.Select(i => i.EventId).Distinct().OrderBy(n => n.ToLowerInvariant(), StringComparer.Ordinal)];
    }

    /// <summary>One period's cells, suppressed by rules 1–4 of docs/operations.md.</summary>
    public sealed class PeriodCells
    {
        internal PeriodCells(DateOnly from, DateOnly to, RowNames names, IReadOnlyList<Item> all)
        {
            From = from;
            To = to;
            var weeks = new List<string>();
            var months = new List<string>();
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                weeks.Add(WeekKey(day));
                months.Add(day.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            }
            string[] Rows(IEnumerable<string> keys) => [.. keys.Distinct()];
            var rowKeys = new Dictionary<string, string[]>
            {
                ["domain"] = Domains,
                ["organizer"] = names.Organizers,
                ["venue"] = names.Venues,
                ["cardSystem"] = names.CardSystems,
                ["event"] = names.Events,
                ["week"] = Rows(weeks),
                ["month"] = Rows(months),
                ["domainMonth"] = [.. Domains.SelectMany(d => Rows(months).Select(m => $"{d} {m}"))],
            };
            Tables = rowKeys.ToDictionary(t => t.Key, t => (IReadOnlyList<ExpectedCell>)[.. t.Value.Select((key, i) => new ExpectedCell(key, i))]);
            foreach (var item in all.Where(i => Day(i.At) >= from && Day(i.At) <= to))
            {
                var day = Day(item.At);
                var domain = item.Domain;
                var month = day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                Add(Total, item);
                Add(Cell("domain", domain), item);
                Add(Cell("organizer", item.Device.Organizer), item);
                Add(Cell("venue", item.Device.VenueKey), item);
                Add(Cell("cardSystem", item.CardSystemId.ToString(CultureInfo.InvariantCulture)), item);
                Add(Cell("event", item.EventId), item);
                Add(Cell("week", WeekKey(day)), item);
                Add(Cell("month", month), item);
                Add(Cell("domainMonth", $"{domain} {month}"), item);
            }
            Suppress();
        }

        public DateOnly From { get; }

        public DateOnly To { get; }

        public ExpectedCell Total { get; } = new("total", 0);

        public IReadOnlyDictionary<string, IReadOnlyList<ExpectedCell>> Tables { get; }

        public ExpectedCell Cell(string dimension, string key) => Tables[dimension].Single(c => c.Key == key);

        /// <summary>ISO week "2026-W10" (Monday–Sunday).</summary>
        public static string WeekKey(DateOnly day)
        {
            var date = day.ToDateTime(TimeOnly.MinValue);
            return $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}";
        }

        private static void Add(ExpectedCell cell, Item item)
        {
            switch (item.Credit)
            {
                case TapCredit.Credited or TapCredit.CreditedFromHistory:
                    cell.Checkins++;
                    break;
                case TapCredit.RefusedLimit:
                    cell.RefusedLimit++;
                    break;
                case TapCredit.RefusedWindowClosed:
                    cell.NotCredited++;
                    break;
                default:
                    cell.SocialSales++;
                    break;
            }
            cell.Passholders.Add(item.Passholder);
            if (item.SocialTariff)
            {
                cell.SocialPassholders.Add(item.Passholder);
            }
        }

        /// <summary>
        /// Rule 1: 1–4 passholders hide every figure of the cell; rule 2: 1–4 social-tariff passholders hide the
        /// social-tariff figures. Rules 3 and 4, until nothing changes, over every table under the grand total and
        /// along domain × month (a domain over its months, a month over its domains).
        /// </summary>
        private void Suppress()
        {
            foreach (var cell in Tables.Values.SelectMany(t => t).Prepend(Total))
            {
                if (cell.Passholders.Count is >= 1 and <= 4)
                {
                    foreach (var measure in Enum.GetValues<Measure>())
                    {
                        cell.Hide(measure);
                    }
                }
                if (cell.SocialPassholders.Count is >= 1 and <= 4)
                {
                    cell.Hide(Measure.SocialPassholders);
                    cell.Hide(Measure.SocialSales);
                }
            }
            var groups = new List<(ExpectedCell Total, IReadOnlyList<ExpectedCell> Children)>();
            groups.AddRange(Dimensions.Where(d => d != "domainMonth").Select(d => (Total, Tables[d])));
            var cross = Tables["domainMonth"];
            groups.AddRange(Tables["domain"].Select(d => (d, (IReadOnlyList<ExpectedCell>)[.. cross.Where(c => c.Key.StartsWith(d.Key + " ", StringComparison.Ordinal))])));
            groups.AddRange(Tables["month"].Select(m => (m, (IReadOnlyList<ExpectedCell>)[.. cross.Where(c => c.Key.EndsWith(" " + m.Key, StringComparison.Ordinal))])));
            bool changed;
            do
            {
                changed = false;
                foreach (var (total, children) in groups)
                {
                    foreach (var measure in Enum.GetValues<Measure>())
                    {
                        changed |= Complement(total, children, measure);
                    }
                }
            }
            while (changed);
        }

        /// <summary>
        /// Rule 3: a shown total with exactly one hidden child gets the smallest other child hidden (fewest passholders,
        /// then the smallest figure, then the first in the table), or itself when no other child has a figure. Rule 4: a
        /// hidden total over children none of which is hidden gets the smallest child hidden.
        /// </summary>
        private static bool Complement(ExpectedCell total, IReadOnlyList<ExpectedCell> children, Measure measure)
        {
            var hidden = children.Count(c => c.IsHidden(measure));
            if (total.IsHidden(measure) ? hidden > 0 : hidden != 1)
            {
                return false;
            }
            var smallest = children.Where(c => !c.IsHidden(measure) && c[measure] != 0)
                .OrderBy(c => c.Passholders.Count).ThenBy(c => c[measure]).ThenBy(c => c.Position).FirstOrDefault();
            return smallest is not null ? smallest.Hide(measure) : !total.IsHidden(measure) && total.Hide(measure);
        }
    }
}
