using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>A device as <c>GET /api/v1/devices</c> lists it (the config columns only).</summary>
public sealed record DeviceConfigRow(string Id, string Config, long DesiredConfigVersion, string? Region);

/// <summary>
/// The agent's admin API (spec §2) as the CLI uses it: bearer token, JSON in and out; an answer
/// other than 2xx throws with the problem's detail.
/// </summary>
public sealed class AdminApiClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    public AdminApiClient(Uri baseAddress, string token)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary><c>POST /api/v1/devices</c>: the device's broker credentials and 32-byte config key, returned once.</summary>
    public async Task<ConfigTerminalIdentity> CreateDeviceAsync(string id, string kioskToken, CancellationToken cancellationToken)
    {
        var created = await SendAsync(HttpMethod.Post, "api/v1/devices", new { id, kioskToken }, cancellationToken);
        var credentials = created["credentials"] ?? throw new InvalidOperationException($"POST /devices for {id}: no credentials in the answer");
        return new ConfigTerminalIdentity(id, (string)credentials["username"]!, (string)credentials["password"]!,
            Convert.FromHexString((string)credentials["configKey"]!));
    }

    /// <summary><c>PUT /api/v1/devices/{id}/site</c>.</summary>
    public Task SetSiteAsync(string id, string region, string municipality, string venue, string counter, string organizer, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"api/v1/devices/{Uri.EscapeDataString(id)}/site", new { region, municipality, venue, counter, organizer }, cancellationToken);

    /// <summary><c>PUT /api/v1/config/{scope}/{scopeId}</c>: the devices whose document changed, with their new desired version.</summary>
    public async Task<IReadOnlyDictionary<string, uint>> PutConfigAsync(string scope, string scopeId, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Put, $"api/v1/config/{Uri.EscapeDataString(scope)}/{Uri.EscapeDataString(scopeId)}", new { settings }, cancellationToken);
        var devices = answer["devices"]?.AsArray() ?? throw new InvalidOperationException("PUT /config: no devices in the answer");
        return devices.ToDictionary(d => (string)d!["id"]!, d => (uint)d!["desiredVersion"]!, StringComparer.Ordinal);
    }

    /// <summary><c>GET /api/v1/devices?region=…</c>.</summary>
    public async Task<IReadOnlyList<DeviceConfigRow>> ListDevicesAsync(string region, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, $"api/v1/devices?region={Uri.EscapeDataString(region)}", null, cancellationToken);
        return [.. answer.AsArray().Select(d => new DeviceConfigRow(
            (string)d!["id"]!, (string?)d["config"] ?? "", (long?)d["desiredConfigVersion"] ?? 0, (string?)d["region"]))];
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            string? detail = null;
            try
            {
                detail = (string?)JsonNode.Parse(text)?["detail"];
            }
            catch (JsonException)
            {
            }
            throw new InvalidOperationException($"{method} /{path}: {(int)response.StatusCode} {detail ?? text}");
        }
        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"{method} /{path}: empty answer");
    }
}
