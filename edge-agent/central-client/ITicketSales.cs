namespace Uitpas.Edge.Central;

/// <summary>
/// The ticket-sale calls of the UiTPAS API 4.0 (tag "Ticket sales"): the tariffs a passholder may buy an
/// event's ticket at, registering a sale, and searching registered sales. Kept apart from
/// <see cref="IUitpasCentral"/> (the relay's and the snapshot builder's calls), so its implementers and
/// decorators are not concerned. Answers are values, never exceptions for central's answers; no retries
/// inside, apart from one token renewal after a 401. Central has no idempotency key for sales: a caller
/// whose answer was lost must search (<see cref="SearchTicketSalesAsync"/>) before registering again.
/// </summary>
public interface ITicketSales
{
    /// <summary>GET /tariffs: the tariffs available to this passholder for this event at this regular price.</summary>
    Task<CentralResponse<TariffList>> GetTariffsAsync(TariffQuery query, CancellationToken ct);

    /// <summary>POST /ticket-sales with one sale: the registered sale as central recorded it.</summary>
    Task<CentralResponse<TicketSaleRecord>> RegisterTicketSaleAsync(NewTicketSale sale, CancellationToken ct);

    /// <summary>GET /ticket-sales?eventId=: registered sales of an event, one page.</summary>
    Task<CentralResponse<TicketSalePage>> SearchTicketSalesAsync(TicketSaleQuery query, CancellationToken ct);
}
