namespace Uitpas.Edge.Simulator;

// JSON shapes of the ticket-sale endpoints, written from the spec (not shared with the client).

internal sealed record TicketSaleTariffBody(string Id, string Name, decimal Price, string Type);

internal sealed record TicketSaleBody(
    string Id,
    string CreationDate,
    TicketSaleTariffBody Tariff,
    string UitpasNumber,
    string EventId,
    string EventTitle,
    decimal RegularPrice,
    string? RegularPriceLabel);

internal sealed record TicketSalesPaginatedResponse(int TotalItems, IReadOnlyList<TicketSaleBody> Member);

/// <summary>One sale of a POST /ticket-sales body, checked against the TicketSale schema.</summary>
internal sealed record TicketSaleRequest(int Index, string TariffId, string UitpasNumber, string EventId, decimal RegularPrice, string? RegularPriceLabel);

/// <summary>The problems of the ticket-sale endpoints, with end-user messages (nl, fr, en).</summary>
internal static class TicketSaleProblems
{
    private const string Uitpas = "https://api.publiq.be/probs/uitpas/";

    public static SimResult SocialTariffExpired() => Problem(400, "social-tariff-expired", "Social tariff expired",
        "The passholder's social tariff is not active.", new(
            "Je kansentarief is verlopen. Ga langs bij je UiTPAS-balie om het te verlengen.",
            "Ton tarif social a expiré. Rends-toi à ton guichet UiTPAS pour le prolonger.",
            "Your social tariff has expired. Please visit your UiTPAS desk to renew it."));

    public static SimResult MaximumReached() => Problem(400, "maximum-reached", "Maximum reached",
        "The passholder already bought a ticket at the social tariff for this event today.", SoldOutToday);

    public static SimResult InvalidCoupon() => Problem(400, "invalid-coupon", "Invalid coupon",
        "The coupon is not valid for this event and price.", new(
            "Deze bon kan je niet gebruiken voor deze activiteit.",
            "Tu ne peux pas utiliser ce bon pour cette activité.",
            "You cannot use this voucher for this activity."));

    public static SimResult TicketSaleNotFound() => Problem(404, "ticket-sale-not-found", "Ticket sale not found",
        "No ticket sale with this id.", null);

    /// <summary>The end-user message of GET /tariffs when the social tariff was used today already.</summary>
    public static readonly EndUserMessage SoldOutToday = new(
        "Je kocht vandaag al een ticket aan kansentarief voor deze activiteit. Morgen kan het opnieuw.",
        "Tu as déjà acheté aujourd'hui un billet au tarif social pour cette activité. Ce sera à nouveau possible demain.",
        "You already bought a ticket at the social tariff for this activity today. You can do so again tomorrow.");

    /// <summary>The end-user message of GET /tariffs when the passholder's social tariff has expired.</summary>
    public static readonly EndUserMessage Expired = new(
        "Je hebt geen recht meer op kansentarief: het is verlopen. Ga langs bij je UiTPAS-balie om het te verlengen.",
        "Tu n'as plus droit au tarif social : il a expiré. Rends-toi à ton guichet UiTPAS pour le prolonger.",
        "You are no longer entitled to the social tariff: it has expired. Please visit your UiTPAS desk to renew it.");

    /// <summary>The end-user message of GET /tariffs?type=SOCIALTARIFF for a passholder without a social tariff.</summary>
    public static readonly EndUserMessage NotEntitled = new(
        "Je hebt geen recht op kansentarief.",
        "Tu n'as pas droit au tarif social.",
        "You are not entitled to the social tariff.");

    private static SimResult Problem(int status, string name, string title, string detail, EndUserMessage? message) =>
        new(status, new ProblemBody(Uitpas + name, title, status, detail, message));
}
