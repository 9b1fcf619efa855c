using System.Net;
using System.Text.Json.Nodes;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>
/// Plays the month once for the acceptance tests (a class fixture): devices, sites, assignments with domains and the
/// key 25/35/40 of card system 1 set through the admin API; then every session of <see cref="MonthPlan"/> on the
/// shifted clock (live taps published on the broker and settled one by one, sales through POST /api/v1/sales), each
/// followed by the facts the agent records; at the end the report and settlement are fetched (JSON and every file)
/// and the expectation is worked out from the plan.
/// </summary>
public sealed class MonthRun : IAsyncLifetime
{
    public const string Query = "from=2026-03-01&to=2026-03-31";

    private readonly Dictionary<string, uint> _sequences = new(StringComparer.Ordinal);
    private readonly List<(PlannedTap Tap, DateTimeOffset At)> _taps = [];
    private readonly List<(PlannedSale Sale, RecordedTicketSale Central)> _sales = [];
    private readonly HashSet<string> _lookedUp = new(StringComparer.OrdinalIgnoreCase);

    public MonthRig Rig { get; private set; } = null!;

    public MonthPlan Plan { get; private set; } = null!;

    public MonthExpectation Expected { get; private set; } = null!;

    /// <summary>Taps whose settled credit differed from the simulator's rules ("device/epoch/sequence: expected → got").</summary>
    public List<string> CreditMismatches { get; } = [];

    /// <summary>What the sale endpoint answered, per sale key: status, state and detail.</summary>
    public Dictionary<string, (HttpStatusCode Status, JsonNode Body)> SaleAnswers { get; } = new(StringComparer.Ordinal);

    public JsonNode Participation { get; private set; } = null!;

    public JsonNode Settlement { get; private set; } = null!;

    /// <summary>Every file of both reports by name, with its media type.</summary>
    public Dictionary<string, (byte[] Bytes, string MediaType)> Files { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<(PlannedSale Sale, RecordedTicketSale Central)> ConfirmedSales => _sales;

    public async Task InitializeAsync()
    {
        Rig = await MonthRig.StartAsync(MonthPlan.Brussels(new DateOnly(2026, 1, 28), 9), passholders: 60);
        Plan = new MonthPlan(Rig.Central.Seed);
        Rig.Central.SetKioskCurrentEvent(Plan.Library.Kiosk.Token, Plan.Voorleesuurtje.Id);
        Rig.Central.SetSocialTariff(Plan.SocialOnCardSystem2.UitpasNumber, active: true);
        await SetUpDevicesAsync();
        await Expect(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/cost-sharing/1", new { key = "25/35/40" });
        await Rig.RebuildSnapshotsAsync();
        Assert.Equal(1, Rig.Scalar($"SELECT COUNT(*) FROM social_tariff_numbers WHERE card_system_id = 2 AND uitpas_number = '{Plan.SocialOnCardSystem2.UitpasNumber}'"));
        Assert.Equal(Plan.Social.Count, Rig.Scalar($"SELECT COUNT(*) FROM social_tariff_numbers WHERE card_system_id = 1 AND uitpas_number IN ({string.Join(", ", Plan.Social.Select(c => $"'{c.UitpasNumber}'"))})"));

        foreach (var session in Plan.Sessions)
        {
            await PlayAsync(session);
        }

        Participation = (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/reports/participation?{Query}")).Body;
        Settlement = (await Expect(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/reports/settlement?{Query}")).Body;
        foreach (var (kind, body) in new[] { ("participation", Participation), ("settlement", Settlement) })
        {
            foreach (var name in body["files"]!.AsArray().Select(f => (string)f!))
            {
                Files[name] = await Rig.FileAsync($"/api/v1/reports/{kind}/files/{name}?{Query}");
            }
        }
        Expected = new MonthExpectation(Plan, _taps, _sales, Rig.PseudonymKey(), new Dictionary<int, (int, int, int)> { [1] = (2500, 3500, 4000), [2] = (2000, 4000, 4000) });
    }

    public async Task DisposeAsync()
    {
        if (Rig is not null)
        {
            await Rig.DisposeAsync();
        }
    }

    /// <summary>The three terminals with their kiosk, card system, site and event assignments (the library: Voorleesuurtje by day, the Avondleesclub on its evenings).</summary>
    private async Task SetUpDevicesAsync()
    {
        var start = MonthPlan.Brussels(new DateOnly(2026, 1, 26), 0);
        var end = MonthPlan.Brussels(new DateOnly(2026, 4, 3), 0);
        foreach (var device in Plan.Devices)
        {
            await Expect(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/devices",
                new { id = device.Id, kioskToken = device.Kiosk.Token, language = "nl", cardSystemId = device.CardSystemId });
            await Expect(HttpStatusCode.OK, HttpMethod.Put, $"/api/v1/devices/{device.Id}/site",
                new { region = "Oost-Vlaanderen", municipality = device.Municipality, venue = device.Venue, counter = "onthaal", organizer = device.Organizer });
        }
        await AssignAsync(Plan.Theatre, Plan.Voorstelling, "Voorstelling", start, end);
        await AssignAsync(Plan.Pool, Plan.Zwemmen, "Vrij zwemmen", start, end);
        var from = start;
        foreach (var evening in MonthPlan.Evenings)
        {
            await AssignAsync(Plan.Library, Plan.Voorleesuurtje, "Voorleesuurtje", from, MonthPlan.Brussels(evening, 19));
            await AssignAsync(Plan.Library, Plan.Avondleesclub, "Avondleesclub", MonthPlan.Brussels(evening, 19), MonthPlan.Brussels(evening, 22));
            from = MonthPlan.Brussels(evening, 22);
        }
        await AssignAsync(Plan.Library, Plan.Voorleesuurtje, "Voorleesuurtje", from, end);
    }

    private async Task AssignAsync(MonthDevice device, SeedEvent ev, string title, DateTimeOffset from, DateTimeOffset until)
    {
        var (status, body) = await Rig.SendAsync(HttpMethod.Post, $"/api/v1/devices/{device.Id}/events",
            new { eventId = ev.Id, from, until, title, domain = Plan.DomainOf(ev.Id) });
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"assign {device.Id} to {title}: {(int)status} {body.ToJsonString()}");
    }

    private async Task PlayAsync(Session session)
    {
        Rig.Clock.MoveTo(session.At);
        Rig.Central.SetKioskCurrentEvent(Plan.Library.Kiosk.Token, session.LibraryKioskEvent);
        foreach (var tap in session.Taps)
        {
            var epoch = tap.Replay ? 2u : 1u;
            var key = $"{tap.DeviceId}/{epoch}";
            var sequence = _sequences[key] = _sequences.GetValueOrDefault(key) + 1;
            var at = tap.TappedAt ?? Rig.Clock.GetUtcNow();
            var credit = await Rig.TapAsync(tap.DeviceId, epoch, sequence, tap.Chip, at, tap.Replay ? TapFlags.Replay : TapFlags.None);
            if (credit != Plan.Credits[tap])
            {
                CreditMismatches.Add($"{tap.DeviceId}/{epoch}/{sequence} at {at:O}: expected {Plan.Credits[tap]}, got {credit}");
            }
            _taps.Add((tap, at));
            if (tap.Card is { Status: CardStatus.Active } card)
            {
                _lookedUp.Add(card.ChipNumber);
            }
        }
        foreach (var sale in session.Sales)
        {
            await SellAsync(sale);
        }
        await FactsRecordedAsync();
    }

    /// <summary>A counter sale through the API (by chip or by UiTPAS number, alternately), with its twist.</summary>
    private async Task SellAsync(PlannedSale sale)
    {
        if (sale.Twist == SaleTwist.AnswerLost)
        {
            Rig.Central.Faults.DropResponseAfterCommit(SimEndpoint.TicketSales, times: 1);
        }
        var card = SaleAnswers.Count % 2 == 0 ? sale.Card.ChipNumber : sale.Card.UitpasNumber;
        var answer = await Rig.SendAsync(HttpMethod.Post, "/api/v1/sales",
            new { saleKey = sale.SaleKey, deviceId = sale.DeviceId, card, regularPrice = sale.RegularPrice, regularPriceLabel = "Volwassenen" });
        SaleAnswers[sale.SaleKey] = answer;
        if (sale.Twist == SaleTwist.Refused)
        {
            return;
        }
        var body = answer.Body;
        if (sale.Twist == SaleTwist.AnswerLost)
        {
            using var timeout = new CancellationTokenSource(Waits.Default);
            while ((string?)body["state"] != "done")
            {
                await Task.Delay(20, timeout.Token);
                body = (await Rig.SendAsync(HttpMethod.Get, $"/api/v1/sales/{sale.SaleKey}")).Body;
            }
        }
        var id = (string?)body["centralSaleId"] ?? throw new InvalidOperationException($"sale {sale.SaleKey}: {answer.Status} {answer.Body.ToJsonString()}");
        _sales.Add((sale, Rig.Central.State.TicketSales.Single(s => s.Id == id)));
    }

    /// <summary>
    /// Waits until the agent's facts recorder caught up: every final tap has its fact, every card tapped so far is in
    /// the card map with its number, and no fact is still keyed by the chip of a card whose number is known.
    /// </summary>
    private Task FactsRecordedAsync()
    {
        var chips = string.Join(", ", _lookedUp.Select(c => $"'{c.ToUpperInvariant()}'").DefaultIfEmpty("''"));
        return MonthRig.Until(() =>
            Rig.Scalar("""
                SELECT COUNT(*) FROM taps t JOIN tap_relay r ON r.tap_id = t.id
                WHERE t.relay_state = 2 AND r.credit <> 0 AND NOT EXISTS (SELECT 1 FROM tap_facts f WHERE f.tap_id = t.id)
                """) == 0
            && Rig.Scalar($"SELECT COUNT(*) FROM card_numbers WHERE COALESCE(uitpas_number, '') <> '' AND hex(chip_uid) IN ({chips})") == _lookedUp.Count
            && Rig.Scalar("""
                SELECT COUNT(*) FROM tap_facts f JOIN taps t ON t.id = f.tap_id JOIN card_numbers c ON c.chip_uid = t.chip_uid
                WHERE f.passholder_source = 'chip' AND COALESCE(c.uitpas_number, '') <> ''
                """) == 0,
            "facts of every final tap, keyed by the card's number");
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> Expect(HttpStatusCode expected, HttpMethod method, string path, object? body = null)
    {
        var answer = await Rig.SendAsync(method, path, body);
        Assert.True(answer.Status == expected, $"{method} {path}: {(int)answer.Status} {answer.Body.ToJsonString()}");
        return answer;
    }
}
