using System.Text.Json.Serialization;

namespace Uitpas.Edge.Central;

// The JSON shapes on the wire, as the spec names them. Required members make a response that
// lacks them a JsonException, which the client reports as an unreadable body.

internal sealed class TokenResponseWire
{
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }
}

internal sealed class OAuthErrorWire
{
    [JsonPropertyName("error")]
    public required string Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }
}

internal sealed class ProblemWire
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public int? Status { get; init; }
    public string? Detail { get; init; }
    public EndUserMessageWire? EndUserMessage { get; init; }
    public List<SchemaErrorWire>? SchemaErrors { get; init; }
    public string? CardStatus { get; init; }
    public string? PassholderId { get; init; }
}

internal sealed class EndUserMessageWire
{
    public string? Nl { get; init; }
    public string? Fr { get; init; }
    public string? De { get; init; }
    public string? En { get; init; }
}

internal sealed class SchemaErrorWire
{
    public string? JsonPointer { get; init; }
    public string? Error { get; init; }
}

internal sealed class KioskCheckinRequestWire
{
    public required string ChipNumber { get; init; }
}

internal sealed class KioskCheckinWire
{
    public required int NewPoints { get; init; }
    public required int TotalPoints { get; init; }
}

internal sealed class KioskEventWire
{
    public required int CheckinPoints { get; init; }
    public required KioskEventRefWire Event { get; init; }
    public required string CheckinCode { get; init; }
}

internal sealed class KioskEventRefWire
{
    public required string Id { get; init; }
    public required string Title { get; init; }
}

internal sealed class PassWire
{
    public required string PassholderId { get; init; }
    public required string PassType { get; init; }
    public required string UitpasNumber { get; init; }
    public required string FirstName { get; init; }
    public required int Points { get; init; }
    public required string PostalCode { get; init; }
    public required CardSystemWire CardSystem { get; init; }
    public required SocialTariffWire SocialTariff { get; init; }
    public List<PassMessageWire>? Messages { get; init; }
}

internal sealed class CardSystemWire
{
    public required int Id { get; init; }
    public string? Name { get; init; }
}

internal sealed class SocialTariffWire
{
    public required string Status { get; init; }
    public string? EndDate { get; init; }
}

internal sealed class PassMessageWire
{
    public required string Level { get; init; }
    public required string Text { get; init; }
}

internal sealed class CheckinRequestWire
{
    public required string EventId { get; init; }
    public required string UitpasNumber { get; init; }
}

internal sealed class CheckinWire
{
    public string? Id { get; init; }
    public string? CreationDate { get; init; }
    public required string EventId { get; init; }
    public string? EventTitle { get; init; }
    public required string UitpasNumber { get; init; }
    public int? Points { get; init; }
}

internal sealed class CheckinsPageWire
{
    public int? TotalItems { get; init; }
    public List<CheckinWire>? Member { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(TokenResponseWire))]
[JsonSerializable(typeof(OAuthErrorWire))]
[JsonSerializable(typeof(ProblemWire))]
[JsonSerializable(typeof(KioskCheckinRequestWire))]
[JsonSerializable(typeof(KioskCheckinWire))]
[JsonSerializable(typeof(KioskEventWire))]
[JsonSerializable(typeof(PassWire))]
[JsonSerializable(typeof(CheckinRequestWire))]
[JsonSerializable(typeof(CheckinWire))]
[JsonSerializable(typeof(CheckinsPageWire))]
internal sealed partial class CentralJsonContext : JsonSerializerContext;
