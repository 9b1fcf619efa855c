using System.Text.Json.Serialization;

namespace Uitpas.Edge.Central;

// The wire shapes of the ticket-sale calls, as the spec names them (TariffsResponse is in
// SnapshotWireModels.cs: GET /tariffs answers the same shape as GET /tariffs/static).

internal sealed class TicketSaleTariffWire
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public decimal? Price { get; init; }
    public string? Type { get; init; }
}

internal sealed class TicketSaleRequestWire
{
    public required TicketSaleTariffRefWire Tariff { get; init; }
    public required string UitpasNumber { get; init; }
    public required string EventId { get; init; }
    public required decimal RegularPrice { get; init; }
    public string? RegularPriceLabel { get; init; }
}

internal sealed class TicketSaleTariffRefWire
{
    public required string Id { get; init; }
}

internal sealed class TicketSaleWire
{
    public string? Id { get; init; }
    public string? CreationDate { get; init; }
    public TicketSaleTariffWire? Tariff { get; init; }
    public string? TariffId { get; init; }
    public string? UitpasNumber { get; init; }
    public string? EventId { get; init; }
    public string? EventTitle { get; init; }
    public decimal? RegularPrice { get; init; }
    public string? RegularPriceLabel { get; init; }
}

internal sealed class TicketSalesPageWire
{
    public int? TotalItems { get; init; }
    public List<TicketSaleWire>? Member { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(List<TicketSaleRequestWire>))]
[JsonSerializable(typeof(List<TicketSaleWire>))]
[JsonSerializable(typeof(TicketSalesPageWire))]
internal sealed partial class TicketSaleJsonContext : JsonSerializerContext;

/// <summary>From the ticket-sale wire shapes to the public records.</summary>
internal static class TicketSaleWireMapping
{
    public static TicketSaleRecord ToSale(TicketSaleWire w)
    {
        var tariffId = w.Tariff?.Id ?? w.TariffId;
        if (string.IsNullOrEmpty(w.Id) || string.IsNullOrEmpty(tariffId) || string.IsNullOrEmpty(w.EventId)
            || string.IsNullOrEmpty(w.UitpasNumber) || w.RegularPrice is not { } regular)
        {
            throw new InvalidWireDataException("a ticket sale lacks its id, tariff, event, UiTPAS number or regular price");
        }
        return new TicketSaleRecord(w.Id, ResponseReader.ParseDateTime(w.CreationDate), tariffId, w.Tariff?.Name, w.Tariff?.Price,
            w.Tariff?.Type, w.UitpasNumber, w.EventId, w.EventTitle, regular, w.RegularPriceLabel);
    }

    /// <summary>The one registered sale of a one-sale POST.</summary>
    public static TicketSaleRecord ToSingle(List<TicketSaleWire> w) =>
        w.Count == 1 ? ToSale(w[0]) : throw new InvalidWireDataException($"{w.Count} ticket sales came back for one registered");

    public static TicketSalePage ToPage(TicketSalesPageWire w)
    {
        var sales = w.Member?.Select(ToSale).ToArray() ?? [];
        return new TicketSalePage(w.TotalItems ?? sales.Length, sales);
    }
}
