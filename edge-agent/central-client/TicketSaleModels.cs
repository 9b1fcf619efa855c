namespace Uitpas.Edge.Central;

/// <summary>Parameters of GET /tariffs (all required but <see cref="Kind"/>).</summary>
public sealed record TariffQuery(string EventId, string UitpasNumber, decimal RegularPrice)
{
    /// <summary>Only tariffs of this kind; <see cref="TariffKind.Unknown"/> = any.</summary>
    public TariffKind Kind { get; init; }
}

/// <summary>One sale to register (schema TicketSale in a request): the tariff chosen from GET /tariffs.</summary>
public sealed record NewTicketSale(string TariffId, string UitpasNumber, string EventId, decimal RegularPrice)
{
    /// <summary>Optional label of the regular price (e.g. "Volwassenen"), used in central's financial reporting.</summary>
    public string? RegularPriceLabel { get; init; }
}

/// <summary>
/// A sale as central recorded it (schema TicketSale in a response). <see cref="CreationDate"/> is null when
/// central left it out; <see cref="TariffPrice"/> is what the passholder paid, in euro.
/// </summary>
public sealed record TicketSaleRecord(
    string Id,
    DateTimeOffset? CreationDate,
    string TariffId,
    string? TariffName,
    decimal? TariffPrice,
    string? TariffType,
    string UitpasNumber,
    string EventId,
    string? EventTitle,
    decimal RegularPrice,
    string? RegularPriceLabel)
{
    /// <summary>The tariff's kind, from <see cref="TariffType"/>.</summary>
    public TariffKind Kind => TariffType switch
    {
        "SOCIALTARIFF" => TariffKind.SocialTariff,
        "COUPON" => TariffKind.Coupon,
        _ => TariffKind.Unknown,
    };
}

/// <summary>Parameters of GET /ticket-sales by event (the spec also allows passholderId with organizerId; the agent searches by event).</summary>
public sealed record TicketSaleQuery(string EventId)
{
    /// <summary>The spec's upper bound for <see cref="Limit"/>.</summary>
    public const int MaxLimit = 500;

    /// <summary>Position of the first result.</summary>
    public int Start { get; init; }

    /// <summary>Page size, 0 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 100;
}

/// <summary>One page of registered sales (TicketSalesPaginatedResponse).</summary>
public sealed record TicketSalePage(int TotalItems, IReadOnlyList<TicketSaleRecord> Sales);
