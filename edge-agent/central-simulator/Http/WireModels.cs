using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Uitpas.Edge.Simulator;

// The simulator's own JSON shapes, written from the spec (uitpas.json) and deliberately not
// shared with the client, so a contract mistake on either side shows up in the tests.

internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_expires_in")] int RefreshExpiresIn,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("not-before-policy")] int NotBeforePolicy,
    [property: JsonPropertyName("scope")] string Scope);

internal sealed record ProblemBody(string Type, string Title, int Status, string? Detail, EndUserMessage? EndUserMessage)
{
    public IReadOnlyList<SchemaError>? SchemaErrors { get; init; }
    public string? CardStatus { get; init; }
    public string? PassholderId { get; init; }
    public string? PassType { get; init; }
}

internal sealed record EndUserMessage(string Nl, string Fr, string En);

internal sealed record SchemaError(string JsonPointer, string Error);

internal sealed record KioskDeviceCheckinResponse(int NewPoints, int TotalPoints);

internal sealed record KioskDeviceEvent(int CheckinPoints, KioskEventRef Event, string CheckinCode);

internal sealed record KioskEventRef(string Id, string Title);

internal sealed record PassBody(
    string PassholderId,
    string PassType,
    string UitpasNumber,
    string FirstName,
    int Points,
    string PostalCode,
    CardSystemBody CardSystem,
    SocialTariffBody SocialTariff,
    IReadOnlyList<PassMessageBody>? Messages);

internal sealed record CardSystemBody(int Id, string Name);

internal sealed record SocialTariffBody(string Status, string? EndDate);

internal sealed record PassMessageBody(string Level, string Text);

internal sealed record CheckinBody(string Id, string CreationDate, string EventId, string EventTitle, string UitpasNumber, int Points);

internal sealed record CheckinsPaginatedCollection(int TotalItems, IReadOnlyList<CheckinBody> Member);

/// <summary>An answer: status and body (a <see cref="ProblemBody"/> is written as application/problem+json).</summary>
internal readonly record struct SimResult(int Status, object Body);

internal static class SimJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Plain UTF-8 for the French and Dutch messages; these bodies are never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>ISO 8601 in UTC with milliseconds, e.g. 2026-08-24T12:57:02.123Z.</summary>
    public static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static Task WriteAsync(HttpContext context, SimResult result)
    {
        var contentType = result.Body is ProblemBody ? "application/problem+json" : "application/json";
        context.Response.StatusCode = result.Status;
        return context.Response.WriteAsJsonAsync(result.Body, result.Body.GetType(), Options, contentType, context.RequestAborted);
    }
}
