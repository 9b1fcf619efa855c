using System.Globalization;

namespace Uitpas.Edge.Simulator;

/// <summary>
/// What central answers to the calls an edge agent makes to build snapshots: the social-tariff
/// export of a card system, an event's settings, and the static tariffs of an event. The
/// simulator's tariff rule: the social tariff costs a quarter of the regular price (rounded to
/// cents); events of the first organizer also accept a 2-euro coupon.
/// </summary>
internal sealed class SnapshotRules(SeedCatalogue seed, SimulatorState state)
{
    /// <summary>Discount coupon the first organizer's events accept, in euro.</summary>
    public const decimal CouponValue = 2m;

    /// <summary>GET /cards/social-tariff/{cardSystemId}/active: active cards whose passholder's social tariff is ACTIVE (seed or override).</summary>
    public SimResult ActiveSocialTariffCards(string cardSystemText)
    {
        if (!int.TryParse(cardSystemText, NumberStyles.None, CultureInfo.InvariantCulture, out var cardSystemId) || seed.CardSystem(cardSystemId) is null)
        {
            return Problems.InvalidQuery("No card system with this id.");
        }
        var cards = seed.Cards
            .Where(c => c.CardSystemId == cardSystemId && c.Status == CardStatus.Active && IsSocialTariffActive(c))
            .Select(c => new SocialTariffCardBody(c.UitpasNumber, "REGULAR", null))
            .ToArray();
        return new(200, cards);
    }

    /// <summary>GET /events/{eventId}/settings.</summary>
    public SimResult EventSettings(string eventId)
    {
        var ev = seed.Event(eventId);
        if (ev is null)
        {
            return SnapshotProblems.EventNotFound(404);
        }
        var limit = state.CheckinLimitOf(ev.Id);
        return new(200, new EventSettingsBody(ev.Id, ev.CheckinPoints, new PeriodLimitBody(limit.Volume, limit.PeriodType)));
    }

    /// <summary>GET /tariffs/static?regularPrice=&amp;eventId=.</summary>
    public SimResult StaticTariffs(string eventId, string regularPriceText)
    {
        if (string.IsNullOrWhiteSpace(eventId)
            || !decimal.TryParse(regularPriceText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var regular))
        {
            return Problems.InvalidQuery("The query parameters eventId and regularPrice (a non-negative number) are required.");
        }
        var ev = seed.Event(eventId.Trim());
        if (ev is null)
        {
            return SnapshotProblems.EventNotFound(400);
        }
        var available = new List<TariffBody>
        {
            new("SOCIALTARIFF-1", "Kansentarief", Math.Round(regular / 4, 2, MidpointRounding.AwayFromZero), "SOCIALTARIFF", 1),
        };
        if (ev.OrganizerId == seed.Organizers[0].Id && regular > CouponValue)
        {
            available.Add(new("COUPON-SIM-2EUR", "Cultuurbon 2 euro", regular - CouponValue, "COUPON", 1));
        }
        return new(200, new TariffsBody(available, null));
    }

    private bool IsSocialTariffActive(SeedCard card) =>
        state.SocialTariffs.Of(card.UitpasNumber) ?? seed.Passholder(card.PassholderId)?.SocialTariff == SocialTariffStatus.Active;
}
