using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Uitpas.Edge.Central;

/// <summary>The HttpClient-based <see cref="IUitpasCentral"/>. Registered by <see cref="CentralServiceCollectionExtensions.AddUitpasCentral"/>.</summary>
internal sealed partial class UitpasCentralClient(
    HttpClient http,
    AccessTokenSource tokens,
    IOptions<CentralOptions> options,
    TimeProvider time,
    ILogger<UitpasCentralClient> logger) : IUitpasCentral
{
    private const string CustomTokenHeader = "x-custom-token";
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    public Task<CentralResponse<KioskCheckin>> KioskCheckinAsync(string kioskToken, string chipNumber, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kioskToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(chipNumber);
        var body = new KioskCheckinRequestWire { ChipNumber = chipNumber.Trim() };
        return SendAsync(
            "kiosk check-in",
            () => JsonRequest(HttpMethod.Post, "kiosk-devices/checkins", body, CentralJsonContext.Default.KioskCheckinRequestWire, kioskToken),
            CentralJsonContext.Default.KioskCheckinWire,
            w => new KioskCheckin(w.NewPoints, w.TotalPoints),
            ct);
    }

    public Task<CentralResponse<KioskEvent>> GetKioskCurrentEventAsync(string kioskToken, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kioskToken);
        return SendAsync(
            "kiosk current event",
            () => Request(HttpMethod.Get, "kiosk-devices/checkins", kioskToken),
            CentralJsonContext.Default.KioskEventWire,
            w => new KioskEvent(w.Event.Id, w.Event.Title, w.CheckinPoints, w.CheckinCode),
            ct);
    }

    public Task<CentralResponse<PassInfo>> GetPassAsync(string identifier, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identifier);
        var path = "passes?identifier=" + Uri.EscapeDataString(identifier.Trim());
        return SendAsync("pass lookup", () => Request(HttpMethod.Get, path), CentralJsonContext.Default.PassWire, WireMapping.ToPass, ct);
    }

    public Task<CentralResponse<CheckinPage>> SearchCheckinsAsync(CheckinQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = CheckinSearchPath(query);
        return SendAsync("check-in search", () => Request(HttpMethod.Get, path), CentralJsonContext.Default.CheckinsPageWire, WireMapping.ToPage, ct);
    }

    public Task<CentralResponse<CheckinResult>> CheckinAsync(string uitpasNumber, string eventId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uitpasNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        var body = new CheckinRequestWire { UitpasNumber = uitpasNumber.Trim(), EventId = eventId.Trim() };
        return SendAsync(
            "check-in",
            () => JsonRequest(HttpMethod.Post, "checkins", body, CentralJsonContext.Default.CheckinRequestWire),
            CentralJsonContext.Default.CheckinWire,
            WireMapping.ToCheckinResult,
            ct);
    }

    /// <summary>Token, call, and on a 401 one renewal and one retry; all within <see cref="CentralOptions.RequestTimeout"/>.</summary>
    private async Task<CentralResponse<T>> SendAsync<TWire, T>(
        string operation,
        Func<HttpRequestMessage> createRequest,
        JsonTypeInfo<TWire> typeInfo,
        Func<TWire, T> map,
        CancellationToken ct)
    {
        var timeoutAfter = options.Value.RequestTimeout;
        using var timeout = new CancellationTokenSource(timeoutAfter, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            var token = await tokens.GetAsync(null, linked.Token).ConfigureAwait(false);
            if (!token.IsOk)
            {
                return Report(operation, token.As<T>());
            }
            var response = await SendWithTokenAsync(createRequest, token.Value, linked.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                response.Dispose();
                CentralLog.TokenRejected(logger, operation);
                token = await tokens.GetAsync(token.Value, linked.Token).ConfigureAwait(false);
                if (!token.IsOk)
                {
                    return Report(operation, token.As<T>());
                }
                response = await SendWithTokenAsync(createRequest, token.Value, linked.Token).ConfigureAwait(false);
            }
            using (response)
            {
                var result = await ResponseReader.ReadAsync(response, operation, typeInfo, map, time, linked.Token).ConfigureAwait(false);
                return Report(operation, result);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return Report(operation, CentralResponse<T>.Unavailable($"{operation}: no answer within {timeoutAfter.TotalSeconds:0.###} s"));
        }
        catch (HttpRequestException ex)
        {
            return Report(operation, CentralResponse<T>.Unavailable($"{operation}: network error ({ex.HttpRequestError})", (int?)ex.StatusCode));
        }
    }

    private async Task<HttpResponseMessage> SendWithTokenAsync(Func<HttpRequestMessage> createRequest, string accessToken, CancellationToken ct)
    {
        using var request = createRequest();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
    }

    private CentralResponse<T> Report<T>(string operation, CentralResponse<T> result)
    {
        switch (result.Outcome)
        {
            case CentralOutcome.Ok:
                CentralLog.CallSucceeded(logger, operation, result.HttpStatus);
                break;
            case CentralOutcome.Problem:
                CentralLog.CallRefused(logger, operation, result.HttpStatus, result.Problem?.ShortType);
                break;
            default:
                CentralLog.CallUnavailable(logger, operation, result.HttpStatus, result.FailureReason, result.RetryAfter);
                break;
        }
        return result;
    }

    private HttpRequestMessage Request(HttpMethod method, string relativePath, string? kioskToken = null)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseWithSlash(), relativePath));
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("application/problem+json");
        if (kioskToken is not null)
        {
            request.Headers.TryAddWithoutValidation(CustomTokenHeader, kioskToken);
        }
        return request;
    }

    private HttpRequestMessage JsonRequest<TBody>(HttpMethod method, string relativePath, TBody body, JsonTypeInfo<TBody> typeInfo, string? kioskToken = null)
    {
        var request = Request(method, relativePath, kioskToken);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo)) { Headers = { ContentType = JsonMediaType } };
        return request;
    }

    private Uri BaseWithSlash()
    {
        var baseAddress = options.Value.BaseAddress;
        return baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
    }

    private static string CheckinSearchPath(CheckinQuery query)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query.PassholderId, nameof(query));
        ArgumentNullException.ThrowIfNull(query.OrganizerIds, nameof(query));
        if (query.OrganizerIds.Count == 0 || query.OrganizerIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one organizer id is required, and none may be empty.", nameof(query));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(query.Start, nameof(query));
        if (query.Limit is < 0 or > CheckinQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"Limit must be 0 to {CheckinQuery.MaxLimit}.");
        }
        var path = new StringBuilder("checkins?passholderId=").Append(Uri.EscapeDataString(query.PassholderId));
        foreach (var organizerId in query.OrganizerIds)
        {
            path.Append("&organizerId=").Append(Uri.EscapeDataString(organizerId));
        }
        if (!string.IsNullOrWhiteSpace(query.EventTitle))
        {
            path.Append("&eventTitle=").Append(Uri.EscapeDataString(query.EventTitle));
        }
        return path.Append("&start=").Append(query.Start).Append("&limit=").Append(query.Limit).ToString();
    }
}
