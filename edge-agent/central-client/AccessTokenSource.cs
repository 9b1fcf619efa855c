using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Uitpas.Edge.Central;

/// <summary>
/// OAuth2 client credentials tokens, cached and shared: renewed shortly before expiry or when
/// central rejected the cached one; concurrent callers share one fetch.
/// </summary>
internal sealed class AccessTokenSource(
    IHttpClientFactory httpClientFactory,
    IOptions<CentralOptions> options,
    TimeProvider time,
    ILogger<AccessTokenSource> logger)
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxRenewalMargin = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private CachedToken? current;
    private Task<CentralResponse<string>>? pending;

    /// <summary>A usable token; <paramref name="rejected"/> is one central just refused (it is not handed out again).</summary>
    public Task<CentralResponse<string>> GetAsync(string? rejected, CancellationToken ct)
    {
        Task<CentralResponse<string>> fetch;
        lock (gate)
        {
            if (current is not null && current.Value != rejected && time.GetUtcNow() < current.RenewAt)
            {
                return Task.FromResult(CentralResponse<string>.Ok(current.Value, 200));
            }
            if (rejected is not null && current?.Value == rejected)
            {
                current = null;
            }
            if (pending is null || pending.IsCompleted)
            {
                // Started outside the lock and not bound to any caller's token: one caller
                // giving up must not fail the fetch the others wait for.
                pending = Task.Run(FetchAsync, CancellationToken.None);
            }
            fetch = pending;
        }
        return fetch.WaitAsync(ct);
    }

    private async Task<CentralResponse<string>> FetchAsync()
    {
        var settings = options.Value;
        using var timeout = new CancellationTokenSource(settings.RequestTimeout, time);
        try
        {
            var client = httpClientFactory.CreateClient(CentralServiceCollectionExtensions.HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Post, settings.TokenEndpoint)
            {
                Content = new FormUrlEncodedContent(
                [
                    new("grant_type", "client_credentials"),
                    new("client_id", settings.ClientId),
                    new("client_secret", settings.ClientSecret),
                ]),
            };
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var result = status is >= 200 and < 300
                ? ReadToken(body, status)
                : ReadRefusal(response, body, status);
            if (!result.IsOk)
            {
                CentralLog.TokenFetchFailed(logger, result.Outcome, status, result.FailureReason ?? result.Problem?.ShortType);
            }
            return result;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            CentralLog.TokenFetchFailed(logger, CentralOutcome.Unavailable, null, "timeout");
            return CentralResponse<string>.Unavailable($"token request: no answer within {settings.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            CentralLog.TokenFetchFailed(logger, CentralOutcome.Unavailable, null, ex.HttpRequestError.ToString());
            return CentralResponse<string>.Unavailable($"token request: network error ({ex.HttpRequestError})");
        }
    }

    private CentralResponse<string> ReadToken(byte[] body, int status)
    {
        var now = time.GetUtcNow();
        var read = ResponseReader.ReadSuccess(body, status, "token request", CentralJsonContext.Default.TokenResponseWire, wire =>
        {
            if (string.IsNullOrWhiteSpace(wire.AccessToken))
            {
                throw new InvalidWireDataException("access_token is empty");
            }
            return wire;
        });
        if (!read.IsOk)
        {
            return read.As<string>();
        }
        var lifetime = read.Value.ExpiresIn is { } seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : DefaultLifetime;
        var margin = TimeSpan.FromTicks(Math.Min(MaxRenewalMargin.Ticks, lifetime.Ticks / 5));
        lock (gate)
        {
            current = new CachedToken(read.Value.AccessToken, now + lifetime - margin);
        }
        CentralLog.TokenFetched(logger, (int)lifetime.TotalSeconds);
        return CentralResponse<string>.Ok(read.Value.AccessToken, status);
    }

    private CentralResponse<string> ReadRefusal(HttpResponseMessage response, byte[] body, int status)
    {
        // The UiTiD realm answers OAuth2 errors ({"error":"invalid_client"}); publiq APIs answer
        // RFC 7807. Both mean: these credentials are refused, which retrying will not fix.
        if (status is 400 or 401 or 403 && ResponseReader.TryParseProblem(body) is null && TryParseOAuthError(body) is { } oauth)
        {
            var problem = new CentralProblem(ProblemTypes.Unauthorized, "Token request refused", status, oauth, null, null, null);
            return CentralResponse<string>.Refused(problem, status, $"token request refused: {oauth}");
        }
        var result = ResponseReader.ReadFailure<string>(response, body, status, "token request", time);
        return result;
    }

    private static string? TryParseOAuthError(byte[] body)
    {
        try
        {
            var error = JsonSerializer.Deserialize(body, CentralJsonContext.Default.OAuthErrorWire);
            return error is null ? null : error.ErrorDescription is null ? error.Error : $"{error.Error}: {error.ErrorDescription}";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset RenewAt);
}
