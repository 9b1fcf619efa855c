namespace Uitpas.Edge.Simulator;

/// <summary>The simulator's endpoints, as flags so a fault or a count can cover several.</summary>
[Flags]
public enum SimEndpoint
{
    /// <summary>Nothing (unknown paths).</summary>
    None = 0,

    /// <summary>POST /realms/uitid/protocol/openid-connect/token.</summary>
    Token = 1,

    /// <summary>POST /kiosk-devices/checkins.</summary>
    KioskCheckin = 2,

    /// <summary>GET /kiosk-devices/checkins.</summary>
    KioskCurrentEvent = 4,

    /// <summary>GET /passes.</summary>
    Passes = 8,

    /// <summary>POST /checkins.</summary>
    Checkin = 16,

    /// <summary>GET /checkins.</summary>
    SearchCheckins = 32,

    /// <summary>GET /cards/social-tariff/{cardSystemId}/active.</summary>
    SocialTariffExport = 64,

    /// <summary>GET /events/{eventId}/settings.</summary>
    EventSettings = 128,

    /// <summary>GET /tariffs/static.</summary>
    StaticTariffs = 256,

    /// <summary>GET /tariffs (a passholder's tariffs).</summary>
    Tariffs = 512,

    /// <summary>POST /ticket-sales (registering sales).</summary>
    TicketSales = 1024,

    /// <summary>GET /ticket-sales (searching sales).</summary>
    SearchTicketSales = 2048,

    /// <summary>DELETE /ticket-sales/{id} (cancelling a sale).</summary>
    CancelTicketSale = 4096,

    /// <summary>Every API endpoint (all but the token endpoint).</summary>
    Api = KioskCheckin | KioskCurrentEvent | Passes | Checkin | SearchCheckins | SocialTariffExport | EventSettings | StaticTariffs
        | Tariffs | TicketSales | SearchTicketSales | CancelTicketSale,

    /// <summary>Every endpoint.</summary>
    All = Token | Api,
}

/// <summary>How a check-in reached the simulator.</summary>
public enum CheckinChannel
{
    /// <summary>POST /kiosk-devices/checkins (by chip number).</summary>
    Kiosk,

    /// <summary>POST /checkins (by UiTPAS number).</summary>
    Api,
}

/// <summary>A check-in the simulator committed.</summary>
public sealed record RecordedCheckin(
    string Id,
    DateTimeOffset CreatedAt,
    DateOnly BrusselsDay,
    string PassholderId,
    string UitpasNumber,
    string ChipNumber,
    string EventId,
    string? KioskToken,
    int Points,
    CheckinChannel Channel);

/// <summary>
/// A ticket sale the simulator registered (POST /ticket-sales); <see cref="CancelledAt"/> is set once
/// DELETE /ticket-sales/{id} cancelled it. Prices in euro.
/// </summary>
public sealed record RecordedTicketSale(
    string Id,
    DateTimeOffset CreatedAt,
    DateOnly BrusselsDay,
    string PassholderId,
    string UitpasNumber,
    string EventId,
    string TariffId,
    string TariffName,
    string TariffType,
    decimal Price,
    decimal RegularPrice,
    string? RegularPriceLabel)
{
    /// <summary>When it was cancelled; null while it stands.</summary>
    public DateTimeOffset? CancelledAt { get; init; }
}
