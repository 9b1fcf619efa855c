using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Uitpas.Edge.Central;

/// <summary>Raised by a mapper when a body parsed as JSON but lacks what the spec promises.</summary>
internal sealed class InvalidWireDataException(string message) : Exception(message);

/// <summary>Turns an HTTP response into a <see cref="CentralResponse{T}"/>: status classification, problem documents, Retry-After.</summary>
internal static class ResponseReader
{
    /// <summary>No answer of these calls comes near this; a larger body is refused unread.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static async Task<CentralResponse<T>> ReadAsync<TWire, T>(
        HttpResponseMessage response,
        string operation,
        JsonTypeInfo<TWire> typeInfo,
        Func<TWire, T> map,
        TimeProvider time,
        CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        await response.Content.LoadIntoBufferAsync(MaxBodyBytes, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        if (status is >= 200 and < 300)
        {
            return ReadSuccess(body, status, operation, typeInfo, map);
        }
        return ReadFailure<T>(response, body, status, operation, time);
    }

    public static CentralResponse<T> ReadSuccess<TWire, T>(byte[] body, int status, string operation, JsonTypeInfo<TWire> typeInfo, Func<TWire, T> map)
    {
        try
        {
            var wire = JsonSerializer.Deserialize(body, typeInfo)
                ?? throw new InvalidWireDataException("the body is empty or JSON null");
            return CentralResponse<T>.Ok(map(wire), status);
        }
        catch (JsonException ex)
        {
            return CentralResponse<T>.Unavailable($"{operation}: central answered {status} but the body is not a valid {typeof(TWire).Name[..^4]}: {ex.Message}", status);
        }
        catch (InvalidWireDataException ex)
        {
            return CentralResponse<T>.Unavailable($"{operation}: central answered {status} but {ex.Message}", status);
        }
    }

    public static CentralResponse<T> ReadFailure<T>(HttpResponseMessage response, byte[] body, int status, string operation, TimeProvider time)
    {
        var problem = TryParseProblem(body);
        if (status == 429 || status == 408 || status >= 500)
        {
            return CentralResponse<T>.Unavailable($"{operation}: central answered {status}", status, RetryAfter(response.Headers, time), problem);
        }
        if (status >= 400)
        {
            return problem is not null
                ? CentralResponse<T>.Refused(problem, status)
                : CentralResponse<T>.Refused(Synthetic(status, response.ReasonPhrase), status, $"{operation}: central answered {status} without a readable problem document");
        }
        return CentralResponse<T>.Unavailable($"{operation}: unexpected HTTP status {status}", status);
    }

    /// <summary>A problem for a status whose body did not carry one.</summary>
    public static CentralProblem Synthetic(int status, string? title, string type = "about:blank") =>
        new(type, title, status, null, null, null, null);

    /// <summary>Parses an RFC 7807 body; null when the body is not a problem document.</summary>
    public static CentralProblem? TryParseProblem(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }
        try
        {
            var wire = JsonSerializer.Deserialize(body, CentralJsonContext.Default.ProblemWire);
            if (wire is null || (wire.Type is null && wire.Title is null))
            {
                return null;
            }
            return new CentralProblem(
                string.IsNullOrWhiteSpace(wire.Type) ? "about:blank" : wire.Type,
                wire.Title,
                wire.Status,
                wire.Detail,
                wire.EndUserMessage?.Nl,
                wire.EndUserMessage?.Fr,
                wire.EndUserMessage?.En)
            {
                CardStatus = wire.CardStatus,
                PassholderId = wire.PassholderId,
                SchemaErrors = wire.SchemaErrors?
                    .Select(e => new CentralSchemaError(e.JsonPointer ?? "", e.Error ?? ""))
                    .ToArray() ?? [],
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The Retry-After header as a delay: delta-seconds, or an HTTP date relative to now (never negative).</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider time)
    {
        var header = headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>Parses an ISO 8601 date-time; one without an offset is taken as UTC (as in the spec's examples).</summary>
    public static DateTimeOffset? ParseDateTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
}
