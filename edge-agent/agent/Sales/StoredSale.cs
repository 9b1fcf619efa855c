using Uitpas.Edge.Agent.Reports;

namespace Uitpas.Edge.Agent.Sales;

/// <summary>Where a sale's relay to central stands (ticket_sales.state).</summary>
public enum SaleState
{
    /// <summary>Not sent, or surely not counted by central: it may be sent (again).</summary>
    Pending = 0,

    /// <summary>A call to central may be under way (marked durably before the call).</summary>
    InFlight = 1,

    /// <summary>Central confirmed it; its sale id is claimed for this sale.</summary>
    Done = 2,

    /// <summary>An answer was lost: central's sales are searched before it is sent again.</summary>
    Unknown = 3,

    /// <summary>Central (or its tariffs) refused it: final.</summary>
    Refused = 4,
}

/// <summary>One row of ticket_sales. Amounts in euro cents. <see cref="UitpasNumber"/> is personal: never log or show it.</summary>
public sealed record StoredSale(
    long Id,
    string SaleKey,
    string DeviceId,
    string EventId,
    string EventTitle,
    string UitpasNumber,
    long RegularCents,
    string RegularLabel,
    SaleState State)
{
    public string? TariffId { get; init; }

    public string? TariffName { get; init; }

    public string? TariffType { get; init; }

    public long? PaidCents { get; init; }

    /// <summary>Central's problem type (short) or the agent's reason of a refusal.</summary>
    public string? Reason { get; init; }

    /// <summary>The text for the counter (central's end-user message, Dutch) of a refusal.</summary>
    public string? Message { get; init; }

    public string? CentralSaleId { get; init; }

    /// <summary>The caller was told the confirmation follows: the reconciler finishes the sale on its own.</summary>
    public bool FollowUp { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the first call to central started (the window in which its sale is looked for).</summary>
    public DateTimeOffset? InFlightSince { get; init; }

    public DateTimeOffset? SoldAt { get; init; }

    public string Organizer { get; init; } = "";

    public string Municipality { get; init; } = "";

    public PolicyDomain Domain { get; init; }

    public long CardSystemId { get; init; }

    /// <summary>The cost-sharing key frozen when central confirmed the sale; null before.</summary>
    public CostSharingKey? Key { get; init; }
}
