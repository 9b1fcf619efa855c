using System.Text.Json.Serialization;

namespace Uitpas.Edge.Central;

// The wire shapes of the calls the snapshot builder makes (social-tariff export, event
// settings, static tariffs), as the spec names them.

internal sealed class SocialTariffCardWire
{
    public required string UitpasNumber { get; init; }
    public required string CardType { get; init; }
    public int? AvailableTickets { get; init; }
}

internal sealed class PeriodLimitWire
{
    public required int Volume { get; init; }
    public required string PeriodType { get; init; }
}

internal sealed class EventSettingsWire
{
    public required string Id { get; init; }
    public required int CheckinPoints { get; init; }
    public PeriodLimitWire? CheckinLimit { get; init; }
    public PeriodLimitWire? PassholderTicketLimit { get; init; }
}

internal sealed class TariffWire
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public decimal? Price { get; init; }
    public string? Type { get; init; }
    public int? Remaining { get; init; }
}

internal sealed class TariffsWire
{
    public List<TariffWire>? Available { get; init; }
    public EndUserMessageWire? EndUserMessage { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(List<SocialTariffCardWire>))]
[JsonSerializable(typeof(EventSettingsWire))]
[JsonSerializable(typeof(TariffsWire))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext;
