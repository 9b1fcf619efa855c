using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.EndToEnd.Tests;
using Uitpas.Edge.VirtualTerminal.Adapters;
using Terminal = Uitpas.Edge.VirtualTerminal.VirtualTerminal;
using TerminalOptions = Uitpas.Edge.VirtualTerminal.VirtualTerminalOptions;

namespace Uitpas.Edge.Dashboard.Tests.Infrastructure;

/// <summary>The secrets <c>POST /api/v1/devices</c> returns once.</summary>
public sealed record DeviceCredentials(string Username, string Password, string ConfigKey);

/// <summary>
/// The end-to-end suite's <see cref="TapSystem"/> (central simulator, agent with its embedded
/// broker, virtual terminals) with the admin listener on a free port and a password file, so
/// devices created through the admin API connect with their own credentials. Helpers call the
/// API with the admin token, as the CLI does.
/// </summary>
public sealed class DashboardSystem : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DashboardSystem(TapSystem tap, Uri baseAddress, string adminPassword, HttpClient api)
    {
        Tap = tap;
        BaseAddress = baseAddress;
        AdminPassword = adminPassword;
        Api = api;
    }

    public TapSystem Tap { get; }

    /// <summary>The admin listener (dashboard and API), e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The initial password of user admin (dashboard.password).</summary>
    public string AdminPassword { get; }

    /// <summary>A client of the admin API with the bearer token.</summary>
    public HttpClient Api { get; }

    public static async Task<DashboardSystem> StartAsync()
    {
        var tap = await TapSystem.StartAsync();
        try
        {
            // TapSystem starts an open agent; this one starts again with a password file and the admin listener.
            var endPoint = await tap.RestartWithAdminAsync();
            var baseAddress = new Uri($"http://127.0.0.1:{endPoint.Port.ToString(CultureInfo.InvariantCulture)}/");
            string data = Path.Combine(tap.DataDirectory, "agent");
            string token = (await File.ReadAllTextAsync(Path.Combine(data, "admin.token"))).Trim();
            string password = (await File.ReadAllTextAsync(Path.Combine(data, "dashboard.password"))).Trim();
            var api = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return new DashboardSystem(tap, baseAddress, password, api);
        }
        catch
        {
            await tap.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a device through the API; its secrets.</summary>
    public async Task<DeviceCredentials> CreateDeviceAsync(string id)
    {
        var body = await SendAsync(HttpMethod.Post, "api/v1/devices", new { id, kioskToken = Tap.Central.Seed.DefaultKiosk.Token });
        var credentials = body.GetProperty("credentials");
        return new DeviceCredentials(
            credentials.GetProperty("username").GetString()!,
            credentials.GetProperty("password").GetString()!,
            credentials.GetProperty("configKey").GetString()!);
    }

    /// <summary>Assigns the device to the default kiosk's event, running from an hour ago for a few hours.</summary>
    public Task AssignRunningEventAsync(string id)
    {
        string eventId = Tap.Central.Seed.DefaultKiosk.CurrentEventId!;
        var now = DateTimeOffset.UtcNow;
        return SendAsync(HttpMethod.Post, $"api/v1/devices/{Uri.EscapeDataString(id)}/events", new
        {
            eventId,
            from = now.AddHours(-1),
            until = now.AddHours(4),
            title = Tap.Central.Seed.Event(eventId)!.Title,
        });
    }

    public Task SetSiteAsync(string id, string region, string municipality, string venue, string counter, string organizer) =>
        SendAsync(HttpMethod.Put, $"api/v1/devices/{Uri.EscapeDataString(id)}/site", new { region, municipality, venue, counter, organizer });

    /// <summary>Starts a virtual terminal for a created device with its credentials and config key, on <paramref name="brokerPort"/>.</summary>
    public Task<Terminal> StartTerminalAsync(string id, DeviceCredentials credentials, int brokerPort) =>
        Tap.StartTerminalAsync(new TerminalOptions
        {
            DeviceId = id,
            Broker = new BrokerEndpoint("127.0.0.1", brokerPort, credentials.Username, credentials.Password),
            DataDirectory = Path.Combine(Tap.DataDirectory, id),
            RetapWindowMs = 0,
            ConfigKey = Convert.FromHexString(credentials.ConfigKey),
            StatusRoutineIntervalMs = 1000,
        });

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        using var response = await Api.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} /{path} answered {(int)response.StatusCode}: {text}");
        }
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A client without the token that keeps cookies and does not follow redirects (the browser's view without JavaScript).</summary>
    public HttpClient CookieClient(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = Timeout };

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Tap.DisposeAsync();
    }
}
