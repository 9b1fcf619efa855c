using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Uitpas.Edge.Central;

/// <summary>The calls the agent's snapshot builder makes: social-tariff export, event settings, static tariffs.</summary>
internal sealed partial class UitpasCentralClient
{
    /// <summary>The social-tariff export of a large card system is far above <see cref="ResponseReader.MaxBodyBytes"/>: it is streamed, up to this size.</summary>
    public const long MaxExportBytes = 256L * 1024 * 1024;

    /// <summary>The export may take longer than an ordinary call: at least this long is allowed for it.</summary>
    public static readonly TimeSpan MinExportTimeout = TimeSpan.FromMinutes(2);

    public Task<CentralResponse<IReadOnlyList<SocialTariffCard>>> GetActiveSocialTariffCardsAsync(int cardSystemId, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cardSystemId);
        var path = "cards/social-tariff/" + cardSystemId.ToString(CultureInfo.InvariantCulture) + "/active";
        var timeout = options.Value.RequestTimeout > MinExportTimeout ? options.Value.RequestTimeout : MinExportTimeout;
        return SendStreamedAsync(
            "social-tariff export",
            () => Request(HttpMethod.Get, path),
            SnapshotJsonContext.Default.ListSocialTariffCardWire,
            SnapshotWireMapping.ToSocialTariffCards,
            timeout,
            ct);
    }

    public Task<CentralResponse<EventSettings>> GetEventSettingsAsync(string eventId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        var path = "events/" + Uri.EscapeDataString(eventId.Trim()) + "/settings";
        return SendAsync("event settings", () => Request(HttpMethod.Get, path), SnapshotJsonContext.Default.EventSettingsWire, SnapshotWireMapping.ToEventSettings, ct);
    }

    public Task<CentralResponse<TariffList>> GetStaticTariffsAsync(string eventId, decimal regularPrice, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        ArgumentOutOfRangeException.ThrowIfNegative(regularPrice);
        var path = "tariffs/static?eventId=" + Uri.EscapeDataString(eventId.Trim())
            + "&regularPrice=" + regularPrice.ToString(CultureInfo.InvariantCulture);
        return SendAsync("static tariffs", () => Request(HttpMethod.Get, path), SnapshotJsonContext.Default.TariffsWire, SnapshotWireMapping.ToTariffs, ct);
    }

    /// <summary>Like SendAsync, but a successful body is deserialized from the stream (bounded by <see cref="MaxExportBytes"/>), never buffered whole.</summary>
    private async Task<CentralResponse<T>> SendStreamedAsync<TWire, T>(
        string operation,
        Func<HttpRequestMessage> createRequest,
        JsonTypeInfo<TWire> typeInfo,
        Func<TWire, T> map,
        TimeSpan timeoutAfter,
        CancellationToken ct)
    {
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
                var status = (int)response.StatusCode;
                if (status is < 200 or >= 300)
                {
                    await response.Content.LoadIntoBufferAsync(ResponseReader.MaxBodyBytes, linked.Token).ConfigureAwait(false);
                    var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
                    return Report(operation, ResponseReader.ReadFailure<T>(response, body, status, operation, time));
                }
                if (response.Content.Headers.ContentLength > MaxExportBytes)
                {
                    return Report(operation, CentralResponse<T>.Unavailable($"{operation}: the body is larger than {MaxExportBytes} bytes", status));
                }
                var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    return Report(operation, await ReadStreamAsync(stream, status, operation, typeInfo, map, linked.Token).ConfigureAwait(false));
                }
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

    private static async Task<CentralResponse<T>> ReadStreamAsync<TWire, T>(Stream stream, int status, string operation, JsonTypeInfo<TWire> typeInfo, Func<TWire, T> map, CancellationToken ct)
    {
        try
        {
            var bounded = new BoundedReadStream(stream, MaxExportBytes);
            var wire = await JsonSerializer.DeserializeAsync(bounded, typeInfo, ct).ConfigureAwait(false)
                ?? throw new InvalidWireDataException("the body is empty or JSON null");
            return CentralResponse<T>.Ok(map(wire), status);
        }
        catch (JsonException ex)
        {
            return CentralResponse<T>.Unavailable($"{operation}: central answered {status} but the body is not valid: {ex.Message}", status);
        }
        catch (InvalidWireDataException ex)
        {
            return CentralResponse<T>.Unavailable($"{operation}: central answered {status} but {ex.Message}", status);
        }
        catch (InvalidDataException ex)
        {
            return CentralResponse<T>.Unavailable($"{operation}: {ex.Message}", status);
        }
        catch (IOException ex)
        {
            return CentralResponse<T>.Unavailable($"{operation}: the body could not be read ({ex.GetType().Name})", status);
        }
    }
}
