namespace Uitpas.Edge.Central;

/// <summary>Kind of card in the social-tariff export (cardType).</summary>
public enum SocialTariffCardType
{
    /// <summary>A value this client does not know.</summary>
    Unknown,

    /// <summary>REGULAR: an individual card.</summary>
    Regular,

    /// <summary>GROUP: a group pass with tickets.</summary>
    Group,
}

/// <summary>One card of GET /cards/social-tariff/{cardSystemId}/active: a card whose social tariff is valid now.</summary>
public sealed record SocialTariffCard(string UitpasNumber, SocialTariffCardType CardType, int? AvailableTickets);

/// <summary>The period of a <see cref="PeriodLimit"/> (the spec's periodType).</summary>
public enum LimitPeriodType
{
    /// <summary>A value this client does not know.</summary>
    Unknown,

    /// <summary>ABSOLUTE: for the whole event.</summary>
    Absolute,

    /// <summary>DAY.</summary>
    Day,

    /// <summary>WEEK.</summary>
    Week,

    /// <summary>MONTH.</summary>
    Month,

    /// <summary>QUARTER.</summary>
    Quarter,

    /// <summary>YEAR.</summary>
    Year,
}

/// <summary>A limit per period (schema PeriodLimit): <see cref="Volume"/> per <see cref="Period"/>.</summary>
public sealed record PeriodLimit(int Volume, LimitPeriodType Period, string PeriodType);

/// <summary>An event's UiTPAS settings (schema EventSettings, GET /events/{eventId}/settings).</summary>
public sealed record EventSettings(string EventId, int CheckinPoints, PeriodLimit? CheckinLimit, PeriodLimit? PassholderTicketLimit);

/// <summary>Type of discount of a tariff.</summary>
public enum TariffKind
{
    /// <summary>A value this client does not know.</summary>
    Unknown,

    /// <summary>SOCIALTARIFF (kansentarief).</summary>
    SocialTariff,

    /// <summary>COUPON.</summary>
    Coupon,
}

/// <summary>One available tariff (schema TariffAvailibility): what a passholder pays instead of the regular price.</summary>
public sealed record TariffOffer(string Id, string? Name, decimal Price, TariffKind Kind, int Remaining);

/// <summary>The tariffs of an event at a regular price (schema TariffsResponse), with central's end-user message when it gave one (nl).</summary>
public sealed record TariffList(IReadOnlyList<TariffOffer> Available, string? EndUserMessageNl);
