using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>A terminal of the month: its simulator kiosk, card system and site.</summary>
public sealed record MonthDevice(string Id, SeedKiosk Kiosk, int CardSystemId, string Municipality, string Venue, string Organizer)
{
    /// <summary>The venue's row key in the report ("municipality/venue") and its label ("venue (municipality)").</summary>
    public string VenueKey => $"{Municipality}/{Venue}";

    public string VenueLabel => $"{Venue} ({Municipality})";
}

/// <summary>A tap of the plan: at <see cref="EventId"/> (what the simulator's kiosk or the late route checks in at), live or replayed.</summary>
public sealed record PlannedTap(string DeviceId, string Chip, SeedCard? Card, string EventId, bool Replay, DateTimeOffset? TappedAt = null);

/// <summary>What happens to a sale besides central's rules.</summary>
public enum SaleTwist
{
    None,

    /// <summary>The card's social tariff has expired: refused.</summary>
    Refused,

    /// <summary>Central registers it and the answer is lost: "bevestiging volgt", reconciled.</summary>
    AnswerLost,
}

/// <summary>A counter sale of the plan, at the device's event in force.</summary>
public sealed record PlannedSale(string SaleKey, string DeviceId, SeedCard Card, decimal RegularPrice, string EventId, SaleTwist Twist = SaleTwist.None);

/// <summary>One moment of the month: the clock is set to <see cref="At"/>, the bibliotheek's kiosk to its event, then taps, then sales.</summary>
public sealed record Session(DateTimeOffset At, string LibraryKioskEvent, IReadOnlyList<PlannedTap> Taps, IReadOnlyList<PlannedSale> Sales);

/// <summary>
/// The month's input, the test's own list: three terminals (two organizers, three venues, card systems 1 and 2), four
/// events with domains, live taps on every day of March 2026 (some passholders on several days, some twice a day at
/// the limit; 1 March, a Sunday, only three swimmers) and on some days of the previous period (29 January – 28 February), three evenings of the
/// "Avondleesclub" (welzijn: three passholders in all), counter sales at the social tariff (one refused, one whose
/// answer is lost), and at the end replays of evening taps after the window closed. Also the expected credit of each
/// tap by the simulator's rules (one check-in per passholder per event per Brussels day; refused cards).
/// </summary>
public sealed class MonthPlan
{
    public static readonly DateOnly From = new(2026, 3, 1);
    public static readonly DateOnly To = new(2026, 3, 31);

    /// <summary>The Avondleesclub's evenings (19:00–22:00).</summary>
    public static readonly DateOnly[] Evenings = [new(2026, 3, 5), new(2026, 3, 12), new(2026, 3, 19)];

    private static readonly decimal[] Prices = [8.00m, 12.50m, 9.99m, 15.00m, 6.50m, 11.10m];

    private readonly Dictionary<(string PassholderId, string EventId, DateOnly Day), int> _checkins = [];
    private int _price;
    private int _saleKeys;

    public MonthPlan(SeedCatalogue seed)
    {
        Seed = seed;
        Voorstelling = seed.Events[0];
        Zwemmen = seed.Events[1];
        Avondleesclub = seed.Events[2];
        Voorleesuurtje = seed.Events[4];
        Theatre = new MonthDevice("vt-cc", seed.Kiosks[0], 1, "Proefdorp", "CC Proefdorp", "Stad Proefdorp");
        Pool = new MonthDevice("vt-zwem", seed.Kiosks[1], 1, "Testervelde", "Zwembad Testervelde", "Stad Proefdorp");
        Library = new MonthDevice("vt-bib", seed.Kiosks[2], 2, "Voorbeeldstad", "Bibliotheek Voorbeeldstad", "Bibliotheek Voorbeeldstad");
        Social = seed.SocialTariffCards;
        var cs2 = seed.GoodCards.Where(c => c.CardSystemId == 2).ToArray();
        var plain = seed.GoodCards.Where(c => c.CardSystemId == 1 && !Social.Contains(c)).ToArray();
        SocialOnCardSystem2 = cs2[0];
        Expired = seed.ExpiredSocialTariffCards[0];
        Welzijn = [plain[0], cs2[1], Social[1]];
        Cultuur = [.. Social.Take(5), .. plain.Skip(1).Take(6), .. cs2.Take(4)];
        Sport = [.. Social.Skip(3).Take(4), .. plain.Skip(5).Take(6), .. cs2.Skip(3).Take(3)];
        Jeugd = [.. Social.Skip(6).Take(3), .. plain.Skip(10).Take(3), .. cs2.Skip(5).Take(3)];
        Sessions = [.. Build()];
    }

    public SeedCatalogue Seed { get; }

    public SeedEvent Voorstelling { get; }

    public SeedEvent Zwemmen { get; }

    public SeedEvent Avondleesclub { get; }

    public SeedEvent Voorleesuurtje { get; }

    public MonthDevice Theatre { get; }

    public MonthDevice Pool { get; }

    public MonthDevice Library { get; }

    public IReadOnlyList<MonthDevice> Devices => [Theatre, Pool, Library];

    /// <summary>Cards with an active social tariff in the seed (card system 1).</summary>
    public IReadOnlyList<SeedCard> Social { get; }

    /// <summary>A card of card system 2 whose social tariff the test switches on at central: its sales fall under the default key.</summary>
    public SeedCard SocialOnCardSystem2 { get; }

    public SeedCard Expired { get; }

    public IReadOnlyList<SeedCard> Welzijn { get; }

    public IReadOnlyList<SeedCard> Cultuur { get; }

    public IReadOnlyList<SeedCard> Sport { get; }

    public IReadOnlyList<SeedCard> Jeugd { get; }

    public IReadOnlyList<Session> Sessions { get; }

    /// <summary>The replays published at the end (1 April, 09:00): evening taps of 19 March, after the window closed.</summary>
    public Session Replays => Sessions[^1];

    /// <summary>The expected credit of each tap in plan order (by the simulator's rules), keyed by the tap.</summary>
    public Dictionary<PlannedTap, TapCredit> Credits { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The numbers in the social-tariff exports: the seed's active ones and the card switched on in card system 2.</summary>
    public bool HasSocialTariff(SeedCard card) => Social.Contains(card) || card == SocialOnCardSystem2;

    /// <summary>The policy domain of an event, as the assignments set it.</summary>
    public string DomainOf(string eventId) =>
        eventId == Voorstelling.Id ? "cultuur" : eventId == Zwemmen.Id ? "sport" : eventId == Voorleesuurtje.Id ? "jeugd" : eventId == Avondleesclub.Id ? "welzijn" : "onbekend";

    public MonthDevice Device(string id) => Devices.Single(d => d.Id == id);

    /// <summary>An instant on the Brussels calendar (summer time from 29 March).</summary>
    public static DateTimeOffset Brussels(DateOnly day, int hour, int minute = 0)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, BrusselsCalendar.Zone.GetUtcOffset(local));
    }

    private IEnumerable<Session> Build()
    {
        DateOnly[] previous = [new(2026, 1, 29), new(2026, 2, 2), new(2026, 2, 5), new(2026, 2, 9), new(2026, 2, 14), new(2026, 2, 18), new(2026, 2, 21), new(2026, 2, 25)];
        foreach (var day in previous)
        {
            yield return Day(day, quiet: true);
        }
        for (var day = From; day <= To; day = day.AddDays(1))
        {
            yield return Day(day, quiet: false);
            if (Evenings.Contains(day))
            {
                yield return Evening(day);
            }
        }
        // Replays of 19 March's evening after the window: two passholders who had no check-in that evening.
        var evening = Evenings[^1];
        PlannedTap[] replays =
        [
            Tap(Library, Welzijn[2], Avondleesclub, evening, replay: true, Brussels(evening, 20, 30)),
            Tap(Library, Welzijn[1], Avondleesclub, evening, replay: true, Brussels(evening, 20, 45)),
        ];
        yield return new Session(Brussels(To.AddDays(1), 9), Voorleesuurtje.Id, replays, []);
    }

    private Session Day(DateOnly day, bool quiet)
    {
        var random = new Random(20260000 + day.DayNumber);
        var taps = new List<PlannedTap>();
        void Visitors(MonthDevice device, SeedEvent ev, IReadOnlyList<SeedCard> pool, int min, int max, int twiceOneIn)
        {
            var visitors = pool.OrderBy(_ => random.Next()).Take(random.Next(min, max + 1)).ToArray();
            taps.AddRange(visitors.Select(card => Tap(device, card, ev, day)));
            if (visitors.Length > 0 && random.Next(twiceOneIn) == 0)
            {
                taps.Add(Tap(device, visitors[0], ev, day));
            }
        }
        if (day == From)
        {
            // The month starts on a Sunday with three swimmers only: ISO week 9 of the report is a small cell.
            Visitors(Pool, Zwemmen, Sport, 3, 3, int.MaxValue);
            return new Session(Brussels(day, 10), Voorleesuurtje.Id, taps, []);
        }
        Visitors(Theatre, Voorstelling, Cultuur, quiet ? 2 : 3, quiet ? 4 : 6, 4);
        Visitors(Pool, Zwemmen, Sport, quiet ? 1 : 2, quiet ? 3 : 5, 5);
        if (day.DayOfWeek is DayOfWeek.Wednesday or DayOfWeek.Saturday || (quiet && day.DayOfWeek == DayOfWeek.Monday))
        {
            Visitors(Library, Voorleesuurtje, Jeugd, 2, 4, 6);
        }
        if (day == new DateOnly(2026, 3, 9))
        {
            taps.Add(Tap(Theatre, Seed.BlockedCards[0], Voorstelling, day));
        }
        if (day == new DateOnly(2026, 3, 23))
        {
            taps.Add(new PlannedTap(Pool.Id, Seed.UnknownChipNumbers[0], null, Zwemmen.Id, false));
            Credits[taps[^1]] = TapCredit.Refused;
        }
        return new Session(Brussels(day, 10), Voorleesuurtje.Id, taps, [.. Sales(day, quiet)]);
    }

    private IEnumerable<PlannedSale> Sales(DateOnly day, bool quiet)
    {
        if (quiet)
        {
            if (day == new DateOnly(2026, 2, 5))
            {
                yield return Sale(Pool, Social[4], Zwemmen);
            }
            yield break;
        }
        if (day.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Friday)
        {
            yield return Sale(Theatre, Social[day.Day % 5], Voorstelling, day == new DateOnly(2026, 3, 17) ? SaleTwist.AnswerLost : SaleTwist.None);
            if (day.DayOfWeek == DayOfWeek.Friday && day.Day <= 14)
            {
                yield return Sale(Theatre, SocialOnCardSystem2, Voorstelling);
            }
        }
        if (day == new DateOnly(2026, 3, 10))
        {
            yield return Sale(Theatre, Expired, Voorstelling, SaleTwist.Refused);
        }
        if (day.DayOfWeek == DayOfWeek.Thursday)
        {
            yield return Sale(Pool, Social[5 + day.Day % 3], Zwemmen);
        }
        if (day.DayOfWeek == DayOfWeek.Saturday)
        {
            yield return Sale(Library, Social[8 + day.Day % 2], Voorleesuurtje);
            yield return Sale(Library, SocialOnCardSystem2, Voorleesuurtje);
        }
    }

    private Session Evening(DateOnly day)
    {
        var taps = new List<PlannedTap>();
        if (day == Evenings[0])
        {
            taps.AddRange([Tap(Library, Welzijn[0], Avondleesclub, day), Tap(Library, Welzijn[1], Avondleesclub, day)]);
        }
        else if (day == Evenings[1])
        {
            taps.AddRange([Tap(Library, Welzijn[1], Avondleesclub, day), Tap(Library, Welzijn[2], Avondleesclub, day), Tap(Library, Welzijn[1], Avondleesclub, day)]);
        }
        else
        {
            taps.Add(Tap(Library, Welzijn[0], Avondleesclub, day));
        }
        return new Session(Brussels(day, 20), Avondleesclub.Id, taps, []);
    }

    /// <summary>A tap with its credit by the simulator's rules: live once per passholder per event per day, later ones at the limit; a replay after the window is not credited.</summary>
    private PlannedTap Tap(MonthDevice device, SeedCard card, SeedEvent ev, DateOnly day, bool replay = false, DateTimeOffset? at = null)
    {
        var tap = new PlannedTap(device.Id, card.ChipNumber, card, ev.Id, replay, at);
        if (card.Status == CardStatus.Blocked)
        {
            Credits[tap] = TapCredit.Refused;
        }
        else if (replay)
        {
            Credits[tap] = TapCredit.RefusedWindowClosed;
        }
        else
        {
            var key = (card.PassholderId, ev.Id, day);
            _checkins[key] = _checkins.GetValueOrDefault(key) + 1;
            Credits[tap] = _checkins[key] == 1 ? TapCredit.Credited : TapCredit.RefusedLimit;
        }
        return tap;
    }

    private PlannedSale Sale(MonthDevice device, SeedCard card, SeedEvent ev, SaleTwist twist = SaleTwist.None) =>
        new($"maand-{++_saleKeys:000}", device.Id, card, Prices[_price++ % Prices.Length], ev.Id, twist);
}
