using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.Cli.CommandLine;

namespace Uitpas.Edge.Cli.Agent;

/// <summary>
/// The agent's admin API (<c>/api/v1</c>) over HTTP with the bearer token from the token file.
/// Every failure becomes a <see cref="CommandFailedException"/> with one sentence: the agent's
/// problem detail, "cannot reach the agent at …", or which token file is missing.
/// </summary>
public sealed class AgentApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _agent;
    private readonly string _tokenFile;

    private AgentApiClient(Uri agent, string token, string tokenFile)
    {
        _agent = agent;
        _tokenFile = tokenFile;
        _http = new HttpClient { BaseAddress = new Uri(agent, "api/v1/"), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A client for <paramref name="agentUrl"/>; reads the token now.</summary>
    public static AgentApiClient Create(string agentUrl, string tokenFile)
    {
        if (!Uri.TryCreate(agentUrl.EndsWith('/') ? agentUrl : agentUrl + "/", UriKind.Absolute, out var agent) || agent.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--agent '{agentUrl}' is not an http:// or https:// URL");
        }
        var path = Path.GetFullPath(tokenFile);
        if (!File.Exists(path))
        {
            throw new CommandFailedException(
                $"the admin token file {path} does not exist: the agent writes it at its first start to {{Agent:DataDirectory}}/admin.token "
                + "(data/admin.token for the demo); pass it with --token-file or UITPAS_EDGE_TOKEN_FILE");
        }
        var token = File.ReadAllText(path).Trim();
        if (token.Length == 0)
        {
            throw new CommandFailedException($"the admin token file {path} is empty");
        }
        return new AgentApiClient(agent, token, path);
    }

    public Task<DeviceSummary[]> ListDevicesAsync(IReadOnlyDictionary<string, string> filters, CancellationToken cancellationToken)
    {
        var query = string.Join('&', filters.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));
        return SendAsync<DeviceSummary[]>(HttpMethod.Get, query.Length == 0 ? "devices" : "devices?" + query, null, cancellationToken);
    }

    public Task<CreatedDevice> CreateDeviceAsync(NewDevice device, CancellationToken cancellationToken) =>
        SendAsync<CreatedDevice>(HttpMethod.Post, "devices", device, cancellationToken);

    public Task<DeviceDetail> DeviceAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<DeviceDetail>(HttpMethod.Get, $"devices/{Uri.EscapeDataString(id)}", null, cancellationToken);

    public Task<DeviceDetail> SetSiteAsync(string id, DeviceSite site, CancellationToken cancellationToken) =>
        SendAsync<DeviceDetail>(HttpMethod.Put, $"devices/{Uri.EscapeDataString(id)}/site", site, cancellationToken);

    public Task<DeviceDetail> AddEventAsync(string id, NewEvent assignment, CancellationToken cancellationToken) =>
        SendAsync<DeviceDetail>(HttpMethod.Post, $"devices/{Uri.EscapeDataString(id)}/events", assignment, cancellationToken);

    public Task<DeviceDetail> RemoveEventAsync(string id, string eventId, CancellationToken cancellationToken) =>
        SendAsync<DeviceDetail>(HttpMethod.Delete, $"devices/{Uri.EscapeDataString(id)}/events/{Uri.EscapeDataString(eventId)}", null, cancellationToken);

    public Task<DeviceDetail> LendAsync(string id, NewLoan loan, CancellationToken cancellationToken) =>
        SendAsync<DeviceDetail>(HttpMethod.Post, $"devices/{Uri.EscapeDataString(id)}/loans", loan, cancellationToken);

    public Task<DeviceDetail> ReturnAsync(string id, LoanReturn check, CancellationToken cancellationToken) =>
        SendAsync<DeviceDetail>(HttpMethod.Post, $"devices/{Uri.EscapeDataString(id)}/loans/return", check, cancellationToken);

    public Task<DeviceDetail> RetireAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<DeviceDetail>(HttpMethod.Post, $"devices/{Uri.EscapeDataString(id)}/retire", null, cancellationToken);

    public Task<ScopeConfig> ConfigAsync(string scope, string scopeId, CancellationToken cancellationToken) =>
        SendAsync<ScopeConfig>(HttpMethod.Get, $"config/{scope}/{Uri.EscapeDataString(scopeId)}", null, cancellationToken);

    public Task<ConfigPushResult> PushConfigAsync(string scope, string scopeId, ConfigChange change, CancellationToken cancellationToken) =>
        SendAsync<ConfigPushResult>(HttpMethod.Put, $"config/{scope}/{Uri.EscapeDataString(scopeId)}", change, cancellationToken);

    public Task<FleetAlert[]> AlertsAsync(CancellationToken cancellationToken) =>
        SendAsync<FleetAlert[]>(HttpMethod.Get, "alerts", null, cancellationToken);

    /// <summary>GET /reports/participation: the report's JSON (labels in <paramref name="lang"/>) with its file names.</summary>
    public Task<ParticipationView> ParticipationAsync(string from, string to, string lang, CancellationToken cancellationToken) =>
        SendAsync<ParticipationView>(HttpMethod.Get, $"reports/participation?{ReportQuery(from, to, lang, null)}", null, cancellationToken);

    /// <summary>GET /reports/settlement: claims per organizer, summary, grand total, file names.</summary>
    public Task<SettlementView> SettlementAsync(string from, string to, long? cardSystem, CancellationToken cancellationToken) =>
        SendAsync<SettlementView>(HttpMethod.Get, $"reports/settlement?{ReportQuery(from, to, null, cardSystem)}", null, cancellationToken);

    /// <summary>One report file's bytes: <paramref name="report"/> is "participation" or "settlement".</summary>
    public async Task<byte[]> ReportFileAsync(string report, string name, string from, string to, string? lang, long? cardSystem, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(HttpMethod.Get,
            $"reports/{report}/files/{Uri.EscapeDataString(name)}?{ReportQuery(from, to, lang, cardSystem)}", null, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>
    /// POST /sales: the agent's answer whatever its status (201 sold, 200 sold before under this key, 202 confirmation
    /// follows; otherwise <see cref="SaleAnswer.Refusal"/> holds its sentence). Throws only when the agent cannot be
    /// reached or gave no answer, the case in which the caller cannot know whether the sale was registered.
    /// </summary>
    public async Task<SaleAnswer> RegisterSaleAsync(SaleRegistration sale, CancellationToken cancellationToken)
    {
        using var response = await ExchangeAsync(HttpMethod.Post, "sales", sale, cancellationToken);
        return response.IsSuccessStatusCode
            ? new SaleAnswer(response.StatusCode, await ReadAsync<SaleView>(response, HttpMethod.Post, "sales", cancellationToken), null)
            : new SaleAnswer(response.StatusCode, null, await RefusalAsync(response, cancellationToken));
    }

    /// <summary>GET /sales/{saleKey}: where a sale stands.</summary>
    public Task<SaleView> SaleAsync(string saleKey, CancellationToken cancellationToken) =>
        SendAsync<SaleView>(HttpMethod.Get, $"sales/{Uri.EscapeDataString(saleKey)}", null, cancellationToken);

    /// <summary>GET /cost-sharing: the default key, the stored keys and the card systems the agent knows.</summary>
    public Task<CostSharingOverview> CostSharingAsync(CancellationToken cancellationToken) =>
        SendAsync<CostSharingOverview>(HttpMethod.Get, "cost-sharing", null, cancellationToken);

    /// <summary>PUT /cost-sharing/{cs}[/events/{eventId}] {key}: the overview afterwards.</summary>
    public Task<CostSharingOverview> SetCostSharingAsync(long cardSystem, string? eventId, string key, CancellationToken cancellationToken) =>
        SendAsync<CostSharingOverview>(HttpMethod.Put, CostSharingPath(cardSystem, eventId), new CostSharingRequest(key), cancellationToken);

    /// <summary>DELETE /cost-sharing/{cs}[/events/{eventId}]: the overview afterwards.</summary>
    public Task<CostSharingOverview> RemoveCostSharingAsync(long cardSystem, string? eventId, CancellationToken cancellationToken) =>
        SendAsync<CostSharingOverview>(HttpMethod.Delete, CostSharingPath(cardSystem, eventId), null, cancellationToken);

    public void Dispose() => _http.Dispose();

    private static string CostSharingPath(long cardSystem, string? eventId) =>
        $"cost-sharing/{cardSystem.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
        + (eventId is null ? "" : $"/events/{Uri.EscapeDataString(eventId)}");

    private static string ReportQuery(string from, string to, string? lang, long? cardSystem) =>
        $"from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}"
        + (lang is null ? "" : $"&lang={Uri.EscapeDataString(lang)}")
        + (cardSystem is { } cs ? $"&cardSystem={cs.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "");

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, body, cancellationToken);
        return await ReadAsync<T>(response, method, path, cancellationToken);
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(CliJson.Api, cancellationToken)
                ?? throw new CommandFailedException($"the agent at {_agent} answered {method} {path} with an empty body");
        }
        catch (JsonException exception)
        {
            throw new CommandFailedException($"the agent at {_agent} answered {method} {path} with JSON this CLI does not understand ({exception.Message}); is the CLI of the same version as the agent?");
        }
    }

    /// <summary>Sends the request; a refusal becomes a <see cref="CommandFailedException"/>, a success is the caller's to read and dispose.</summary>
    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var response = await ExchangeAsync(method, path, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw new CommandFailedException(await RefusalAsync(response, cancellationToken));
            }
        }
        return response;
    }

    /// <summary>Sends the request and returns the answer, whatever its status; an agent that cannot be reached is a <see cref="CommandFailedException"/>.</summary>
    private async Task<HttpResponseMessage> ExchangeAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: CliJson.Api);
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw Unreachable(exception.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable($"no answer within {_http.Timeout.TotalSeconds:0} s");
        }
        return response;
    }

    private CommandFailedException Unreachable(string reason) =>
        new($"cannot reach the agent at {_agent.ToString().TrimEnd('/')}: {reason} (is it running? --agent)");

    private async Task<string> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Problem? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<Problem>(CliJson.Api, cancellationToken);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not a problem+json body (a proxy's page, an older agent): the status says enough.
        }
        var said = problem?.Detail is { Length: > 0 } detail ? detail : problem?.Title is { Length: > 0 } title ? title : response.ReasonPhrase;
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized =>
                $"the agent at {_agent.ToString().TrimEnd('/')} refused the admin token from {_tokenFile} (401): use the admin.token of that agent's data directory",
            HttpStatusCode.NotFound when problem?.Detail is null =>
                $"the agent at {_agent.ToString().TrimEnd('/')} has no {response.RequestMessage?.RequestUri?.AbsolutePath} (404): is --agent the admin API (default port 8090)?",
            _ => (said ?? $"the agent answered {(int)response.StatusCode}").TrimEnd('.'),
        };
    }
}
