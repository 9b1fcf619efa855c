using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Uitpas.Edge.Simulator;
using Uitpas.Edge.VirtualTerminal;

namespace Uitpas.Edge.Dashboard.Tests.Infrastructure;

/// <summary>One terminal of a seeded report: its site, the simulator kiosk it checks in on, the event's domain and the cards tapped on it.</summary>
public sealed record ReportTerminal(string DeviceId, string Venue, string Organizer, SeedKiosk Kiosk, string Domain, IReadOnlyList<SeedCard> Cards);

/// <summary>
/// Seeds a report through the product's real paths: devices created, placed and assigned (with a domain) through the
/// admin API, live taps on virtual terminals (the agent's facts recorder turns the final ones into facts), and sales
/// through <c>POST /api/v1/sales</c>. Then waits, with a deadline, until the report API sees them.
/// </summary>
public static class ReportSeeding
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Today on Brussels' calendar as yyyy-mm-dd (the live taps' day, the period the tests ask for).</summary>
    public static string BrusselsToday()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        return TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>Creates the device on its kiosk, sets its site, assigns the kiosk's event with the domain, starts its terminal and taps its cards.</summary>
    public static async Task TapAllAsync(this DashboardSystem system, ReportTerminal terminal)
    {
        var created = await SendAsync(system, HttpMethod.Post, "api/v1/devices", new { id = terminal.DeviceId, kioskToken = terminal.Kiosk.Token });
        var secrets = created.GetProperty("credentials");
        var credentials = new DeviceCredentials(secrets.GetProperty("username").GetString()!, secrets.GetProperty("password").GetString()!,
            secrets.GetProperty("configKey").GetString()!);
        await system.SetSiteAsync(terminal.DeviceId, "Regio Proef", "Proefdorp", terminal.Venue, "Balie 1", terminal.Organizer);
        string eventId = terminal.Kiosk.CurrentEventId!;
        var now = DateTimeOffset.UtcNow;
        await SendAsync(system, HttpMethod.Post, $"api/v1/devices/{Uri.EscapeDataString(terminal.DeviceId)}/events", new
        {
            eventId,
            from = now.AddHours(-1),
            until = now.AddHours(4),
            title = system.Tap.Central.Seed.Event(eventId)!.Title,
            regularPrices = new[] { 8.00m },
            domain = terminal.Domain,
        });
        var device = await system.StartTerminalAsync(terminal.DeviceId, credentials, system.Tap.BrokerPort);
        foreach (var card in terminal.Cards)
        {
            var seen = await device.TapAsync(card.ChipNumber, DashboardSystem.Timeout);
            Assert.True(seen is not null, $"{terminal.DeviceId}: no answer to a tap");
        }
    }

    /// <summary>Registers a social-tariff sale at the device's counter; the agent's answer (201 when central confirmed it).</summary>
    public static async Task<JsonElement> SellAsync(this DashboardSystem system, string deviceId, SeedCard card, decimal regularPrice) =>
        await SendAsync(system, HttpMethod.Post, "api/v1/sales", new
        {
            saleKey = Guid.NewGuid().ToString(),
            deviceId,
            card = card.UitpasNumber,
            regularPrice,
            regularPriceLabel = "Volwassenen",
        });

    /// <summary>Asks the participation report of one day until <paramref name="done"/> holds for its JSON (facts are recorded every few seconds).</summary>
    public static async Task<JsonElement> WaitForReportAsync(this DashboardSystem system, string day, Func<JsonElement, bool> done, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        string last = "";
        while (true)
        {
            using var response = await system.Api.GetAsync($"api/v1/reports/participation?from={day}&to={day}");
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var report = JsonDocument.Parse(last).RootElement.Clone();
                if (done(report))
                {
                    return report;
                }
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"the report did not reach the expected state within {timeout}; last answer {(int)response.StatusCode}: {last}");
            }
            await Task.Delay(250);
        }
    }

    private static async Task<JsonElement> SendAsync(DashboardSystem system, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        using var response = await system.Api.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} /{path} answered {(int)response.StatusCode}: {text}");
        }
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
