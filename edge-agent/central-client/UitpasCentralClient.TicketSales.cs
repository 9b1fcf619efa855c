using System.Globalization;
using System.Text;

namespace Uitpas.Edge.Central;

/// <summary>The ticket-sale calls (<see cref="ITicketSales"/>).</summary>
internal sealed partial class UitpasCentralClient : ITicketSales
{
    public Task<CentralResponse<TariffList>> GetTariffsAsync(TariffQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(query.EventId, nameof(query));
        ArgumentException.ThrowIfNullOrWhiteSpace(query.UitpasNumber, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegative(query.RegularPrice, nameof(query));
        var path = new StringBuilder("tariffs?eventId=").Append(Uri.EscapeDataString(query.EventId.Trim()))
            .Append("&uitpasNumber=").Append(Uri.EscapeDataString(query.UitpasNumber.Trim()))
            .Append("&regularPrice=").Append(query.RegularPrice.ToString(CultureInfo.InvariantCulture));
        var type = query.Kind switch
        {
            TariffKind.SocialTariff => "SOCIALTARIFF",
            TariffKind.Coupon => "COUPON",
            _ => null,
        };
        if (type is not null)
        {
            path.Append("&type=").Append(type);
        }
        var relative = path.ToString();
        return SendAsync("tariffs", () => Request(HttpMethod.Get, relative), SnapshotJsonContext.Default.TariffsWire, SnapshotWireMapping.ToTariffs, ct);
    }

    public Task<CentralResponse<TicketSaleRecord>> RegisterTicketSaleAsync(NewTicketSale sale, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sale);
        ArgumentException.ThrowIfNullOrWhiteSpace(sale.TariffId, nameof(sale));
        ArgumentException.ThrowIfNullOrWhiteSpace(sale.UitpasNumber, nameof(sale));
        ArgumentException.ThrowIfNullOrWhiteSpace(sale.EventId, nameof(sale));
        ArgumentOutOfRangeException.ThrowIfNegative(sale.RegularPrice, nameof(sale));
        List<TicketSaleRequestWire> body =
        [
            new()
            {
                Tariff = new TicketSaleTariffRefWire { Id = sale.TariffId.Trim() },
                UitpasNumber = sale.UitpasNumber.Trim(),
                EventId = sale.EventId.Trim(),
                RegularPrice = sale.RegularPrice,
                RegularPriceLabel = string.IsNullOrWhiteSpace(sale.RegularPriceLabel) ? null : sale.RegularPriceLabel.Trim(),
            },
        ];
        return SendAsync(
            "ticket sale",
            () => JsonRequest(HttpMethod.Post, "ticket-sales", body, TicketSaleJsonContext.Default.ListTicketSaleRequestWire),
            TicketSaleJsonContext.Default.ListTicketSaleWire,
            TicketSaleWireMapping.ToSingle,
            ct);
    }

    public Task<CentralResponse<TicketSalePage>> SearchTicketSalesAsync(TicketSaleQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(query.EventId, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegative(query.Start, nameof(query));
        if (query.Limit is < 0 or > TicketSaleQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"Limit must be 0 to {TicketSaleQuery.MaxLimit}.");
        }
        var path = "ticket-sales?eventId=" + Uri.EscapeDataString(query.EventId.Trim())
            + "&start=" + query.Start.ToString(CultureInfo.InvariantCulture) + "&limit=" + query.Limit.ToString(CultureInfo.InvariantCulture);
        return SendAsync("ticket-sale search", () => Request(HttpMethod.Get, path), TicketSaleJsonContext.Default.TicketSalesPageWire, TicketSaleWireMapping.ToPage, ct);
    }
}
