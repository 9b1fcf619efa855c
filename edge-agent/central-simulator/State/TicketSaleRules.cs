using System.Globalization;
using Uitpas.Edge.Central;

namespace Uitpas.Edge.Simulator;

/// <summary>
/// What central decides about tariffs and ticket sales, on the seed and the state. The social tariff
/// (<see cref="SocialTariffId"/>, a quarter of the regular price as in the static tariffs) needs an ACTIVE
/// social tariff (seed, or <see cref="CentralSimulator.SetSocialTariff"/>) and is sold once per passholder per
/// event per Brussels day; events of the first organizer also take a 2-euro coupon. A POST registers all
/// its sales or none.
/// </summary>
internal sealed class TicketSaleRules(SeedCatalogue seed, SimulatorState state, TimeProvider time)
{
    /// <summary>The social tariff's id.</summary>
    public const string SocialTariffId = "SOCIALTARIFF-1";

    /// <summary>The coupon's id (see <see cref="SnapshotRules.CouponValue"/>).</summary>
    public const string CouponId = "COUPON-SIM-2EUR";

    private const string SocialTariffType = "SOCIALTARIFF";
    private const string CouponType = "COUPON";

    /// <summary>GET /tariffs?eventId&amp;uitpasNumber&amp;regularPrice[&amp;type].</summary>
    public SimResult Tariffs(string eventId, string uitpasNumber, string regularPriceText, string typeText)
    {
        var type = string.IsNullOrEmpty(typeText) ? "ANY" : typeText;
        if (string.IsNullOrWhiteSpace(eventId) || string.IsNullOrWhiteSpace(uitpasNumber) || !TryPrice(regularPriceText, out var regular)
            || type is not ("ANY" or SocialTariffType or CouponType))
        {
            return Problems.InvalidQuery("The query parameters eventId, uitpasNumber and regularPrice (a non-negative number) are required; type is ANY, SOCIALTARIFF or COUPON.");
        }
        var (card, ev, problem) = Resolve(uitpasNumber.Trim(), eventId.Trim());
        if (problem is { } refused)
        {
            return refused;
        }
        var available = new List<TariffBody>();
        EndUserMessage? message = null;
        if (type is "ANY" or SocialTariffType)
        {
            switch (SocialTariffOf(card!))
            {
                case SocialTariffStatus.Active when SocialSalesToday(state.TicketSalesWhere(_ => true), card!, ev!) == 0:
                    available.Add(new(SocialTariffId, "Kansentarief", SocialPrice(regular), SocialTariffType, 1));
                    break;
                case SocialTariffStatus.Active:
                    message = TicketSaleProblems.SoldOutToday;
                    break;
                case SocialTariffStatus.Expired:
                    message = TicketSaleProblems.Expired;
                    break;
                default:
                    message = type == SocialTariffType ? TicketSaleProblems.NotEntitled : null;
                    break;
            }
        }
        if (type is "ANY" or CouponType && CouponApplies(ev!, regular))
        {
            available.Add(new(CouponId, "Cultuurbon 2 euro", regular - SnapshotRules.CouponValue, CouponType, 1));
        }
        return new(200, new TariffsBody(available, message));
    }

    /// <summary>POST /ticket-sales: every sale is checked, then all are registered, or none (the first problem is answered).</summary>
    public SimResult Register(IReadOnlyList<TicketSaleRequest> requests)
    {
        var now = time.GetUtcNow();
        var day = BrusselsCalendar.Day(now);
        var (sales, problem) = state.TryRegisterSales((standing, nextId) =>
        {
            var accepted = new List<RecordedTicketSale>();
            foreach (var request in requests)
            {
                var (card, ev, refused) = Resolve(request.UitpasNumber, request.EventId);
                if (refused is not null)
                {
                    return (null, refused);
                }
                var (name, type, price, tariffProblem) = Tariff(request, card!, ev!, [.. standing, .. accepted]);
                if (tariffProblem is not null)
                {
                    return (null, tariffProblem);
                }
                accepted.Add(new RecordedTicketSale(nextId(), now, day, card!.PassholderId, card.UitpasNumber, ev!.Id, request.TariffId, name, type,
                    price, request.RegularPrice, request.RegularPriceLabel));
            }
            return (accepted, null);
        });
        return problem ?? new SimResult(200, sales!.Select(ToBody).ToArray());
    }

    /// <summary>GET /ticket-sales: by event, or by passholder at organizers' events; newest first.</summary>
    public SimResult Search(string eventId, string passholderId, IReadOnlyCollection<string> organizerIds, int start, int limit)
    {
        if (string.IsNullOrWhiteSpace(eventId) && (string.IsNullOrWhiteSpace(passholderId) || organizerIds.Count == 0))
        {
            return Problems.InvalidQuery("eventId, or passholderId with organizerId, is required.");
        }
        var matches = state.TicketSalesWhere(s =>
                (string.IsNullOrWhiteSpace(eventId) || s.EventId == eventId.Trim())
                && (string.IsNullOrWhiteSpace(passholderId) || s.PassholderId == passholderId.Trim())
                && (organizerIds.Count == 0 || (seed.Event(s.EventId) is { } ev && organizerIds.Contains(ev.OrganizerId))))
            .Reverse()
            .ToArray();
        return new(200, new TicketSalesPaginatedResponse(matches.Length, matches.Skip(start).Take(limit).Select(ToBody).ToArray()));
    }

    /// <summary>DELETE /ticket-sales/{id}.</summary>
    public SimResult Cancel(string id) =>
        state.TryCancelTicketSale(id, time.GetUtcNow()) ? new SimResult(204, null!) : TicketSaleProblems.TicketSaleNotFound();

    private (string Name, string Type, decimal Price, SimResult? Problem) Tariff(TicketSaleRequest request, SeedCard card, SeedEvent ev,
        IReadOnlyList<RecordedTicketSale> standing)
    {
        switch (request.TariffId)
        {
            case SocialTariffId:
                var status = SocialTariffOf(card);
                if (status != SocialTariffStatus.Active)
                {
                    return ("", "", 0, status == SocialTariffStatus.Expired ? TicketSaleProblems.SocialTariffExpired()
                        : Problems.BodyInvalidData([new SchemaError($"/{request.Index}/tariff/id", "the social tariff is not available to this passholder")]));
                }
                return SocialSalesToday(standing, card, ev) > 0
                    ? ("", "", 0, TicketSaleProblems.MaximumReached())
                    : ("Kansentarief", SocialTariffType, SocialPrice(request.RegularPrice), null);
            case CouponId:
                return CouponApplies(ev, request.RegularPrice)
                    ? ("Cultuurbon 2 euro", CouponType, request.RegularPrice - SnapshotRules.CouponValue, null)
                    : ("", "", 0, TicketSaleProblems.InvalidCoupon());
            default:
                return ("", "", 0, Problems.BodyInvalidData([new SchemaError($"/{request.Index}/tariff/id", "no such tariff")]));
        }
    }

    private (SeedCard? Card, SeedEvent? Event, SimResult? Problem) Resolve(string uitpasNumber, string eventId)
    {
        if (!Luhn.IsValidUitpasNumber(uitpasNumber))
        {
            return (null, null, Problems.InvalidUitpasNumber());
        }
        var card = seed.CardByUitpasNumber(uitpasNumber);
        if (card is null)
        {
            return (null, null, Problems.PassholderNotFound());
        }
        var ev = seed.Event(eventId);
        if (ev is null)
        {
            return (null, null, Problems.EventNotFound());
        }
        return card.Status == CardStatus.Blocked ? (null, null, Problems.InvalidCardStatus(null)) : (card, ev, null);
    }

    /// <summary>The card's social tariff: the run-time switch when set (on = ACTIVE, off = EXPIRED), else the seed's.</summary>
    private SocialTariffStatus SocialTariffOf(SeedCard card) => state.SocialTariffs.Of(card.UitpasNumber) switch
    {
        true => SocialTariffStatus.Active,
        false => SocialTariffStatus.Expired,
        null => seed.Passholder(card.PassholderId)?.SocialTariff ?? SocialTariffStatus.None,
    };

    private int SocialSalesToday(IEnumerable<RecordedTicketSale> standing, SeedCard card, SeedEvent ev)
    {
        var today = BrusselsCalendar.Day(time.GetUtcNow());
        return standing.Count(s => s.PassholderId == card.PassholderId && s.EventId == ev.Id && s.TariffType == SocialTariffType && s.BrusselsDay == today);
    }

    private bool CouponApplies(SeedEvent ev, decimal regular) => ev.OrganizerId == seed.Organizers[0].Id && regular > SnapshotRules.CouponValue;

    private static decimal SocialPrice(decimal regular) => Math.Round(regular / 4, 2, MidpointRounding.AwayFromZero);

    private static bool TryPrice(string text, out decimal price) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out price) && price >= 0;

    private TicketSaleBody ToBody(RecordedTicketSale s) => new(s.Id, SimJson.Timestamp(s.CreatedAt),
        new TicketSaleTariffBody(s.TariffId, s.TariffName, s.Price, s.TariffType), s.UitpasNumber, s.EventId,
        seed.Event(s.EventId)?.Title ?? "", s.RegularPrice, s.RegularPriceLabel);
}
