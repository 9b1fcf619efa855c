using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Uitpas.Edge.Dashboard.Tests.Infrastructure;
using Uitpas.Edge.Tests.Shared;
using Uitpas.Edge.VirtualTerminal;
using static Microsoft.Playwright.Assertions;

namespace Uitpas.Edge.Dashboard.Tests;

/// <summary>
/// The helpdesk's view in a real browser: a device created through the admin API, a virtual
/// terminal on its credentials and config key, assigned to an event running now.
/// </summary>
public sealed class FleetDashboardTests : IAsyncLifetime
{
    private const string DeviceId = "vt-dash-01";
    private DashboardSystem _system = null!;

    public async Task InitializeAsync() => _system = await DashboardSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private static ILocator Row(IPage page, string id) => page.Locator($"[data-testid=device-row][data-device='{id}']");

    [ChromiumFact]
    public async Task Terminal_cut_during_its_event_shows_offline_with_an_alert_and_a_pushed_config_is_applied()
    {
        var credentials = await _system.CreateDeviceAsync(DeviceId);
        await _system.AssignRunningEventAsync(DeviceId);
        await _system.SetSiteAsync(DeviceId, "Regio Proef", "Proefdorp", "CC Proefdorp", "Balie 1", "CC Proefdorp vzw");
        var relay = CuttableTcpRelay.Start(new IPEndPoint(IPAddress.Loopback, _system.Tap.BrokerPort));
        await using var _ = relay;
        var terminal = await _system.StartTerminalAsync(DeviceId, credentials, relay.EndPoint.Port);
        var card = _system.Tap.Central.Seed.GoodCards[0];
        await terminal.TapAsync(card.ChipNumber, DashboardSystem.Timeout);
        await using var browser = await DashboardBrowser.LaunchAsync(_system.BaseAddress);
        var page = await browser.LoginAsync("admin", _system.AdminPassword);
        var row = Row(page, DeviceId);

        await Expect(row).ToHaveAttributeAsync("data-state", "online");
        await Expect(row.GetByTestId("device-state")).ToHaveTextAsync("online");
        await Expect(page.Locator($"[data-testid=alert][data-device='{DeviceId}']")).ToHaveCountAsync(0);

        relay.Cut();

        await Expect(row).ToHaveAttributeAsync("data-state", "offline");
        await Expect(row.GetByTestId("device-state")).ToHaveTextAsync("offline");
        var alert = page.Locator($"[data-testid=alert][data-device='{DeviceId}'][data-code='offline-during-event']");
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToHaveAttributeAsync("data-severity", "critical");
        await Expect(alert).ToContainTextAsync("kritiek");
        await DashboardBrowser.ScreenshotAsync(page, "dashboard-fleet.png");

        await terminal.DisposeAsync();
        await _system.StartTerminalAsync(DeviceId, credentials, _system.Tap.BrokerPort);

        await Expect(row).ToHaveAttributeAsync("data-state", "online");
        await Expect(alert).ToHaveCountAsync(0);

        await row.GetByTestId("device-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/devices/{DeviceId}$"));
        await Expect(page.GetByTestId("device-state")).ToHaveAttributeAsync("data-state", "online");
        await Expect(page.GetByTestId("tap-row").First).ToHaveAttributeAsync("data-outcome", "checked-in");
        await Expect(page.GetByTestId("tap-row").First).ToContainTextAsync("ingecheckt");
        await page.GetByTestId("setting-resultShownMs").FillAsync("5000");
        await page.GetByTestId("config-push").ClickAsync();

        var message = page.GetByTestId("config-message");
        await Expect(message).ToHaveAttributeAsync("data-version", new Regex("^[1-9][0-9]*$"));
        string version = (await message.GetAttributeAsync("data-version"))!;
        var state = page.GetByTestId("config-state");
        await Expect(state).ToHaveAttributeAsync("data-version", version);
        await Expect(state).ToHaveAttributeAsync("data-state", "applied");
        await Expect(state).ToHaveTextAsync($"toegepast (versie {version})");
        await Expect(message).ToHaveTextAsync($"Versie {version} is toegepast door de terminal.");
        await Expect(page.GetByTestId("effective-resultShownMs")).ToHaveTextAsync("5000");
        await DashboardBrowser.ScreenshotAsync(page, "dashboard-terminal.png");

        string content = await page.ContentAsync();
        Assert.DoesNotContain(card.ChipNumber, content, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(card.UitpasNumber, content, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Config_refused_by_the_terminal_shows_with_its_reason_and_an_alert()
    {
        const string id = "vt-dash-wrongkey";
        var credentials = await _system.CreateDeviceAsync(id);
        // The terminal holds another key than the agent signs with: every document fails its signature check.
        var wrongKey = credentials with { ConfigKey = Convert.ToHexString(new byte[32]) };
        await _system.StartTerminalAsync(id, wrongKey, _system.Tap.BrokerPort);
        await using var browser = await DashboardBrowser.LaunchAsync(_system.BaseAddress);
        var page = await browser.LoginAsync("admin", _system.AdminPassword);
        await page.GotoAsync($"/devices/{id}");
        await Expect(page.GetByTestId("device-state")).ToHaveAttributeAsync("data-state", "online");

        await page.GetByTestId("setting-language").FillAsync("fr");
        await page.GetByTestId("config-push").ClickAsync();

        var state = page.GetByTestId("config-state");
        await Expect(state).ToHaveAttributeAsync("data-state", "refused");
        await Expect(state).ToHaveTextAsync(new Regex("^config geweigerd: handtekening klopt niet"));
        await page.GetByTestId("back").ClickAsync();
        await Expect(Row(page, id)).ToHaveAttributeAsync("data-config", "refused");
        await Expect(page.Locator($"[data-testid=alert][data-device='{id}'][data-code='config-refused']")).ToBeVisibleAsync();
    }

    [ChromiumFact]
    public async Task A_setting_out_of_range_is_refused_by_the_agent_with_its_reason()
    {
        await _system.CreateDeviceAsync("vt-dash-bad");
        await using var browser = await DashboardBrowser.LaunchAsync(_system.BaseAddress);
        var page = await browser.LoginAsync("admin", _system.AdminPassword);
        await page.GotoAsync("/devices/vt-dash-bad");

        await page.GetByTestId("setting-resultShownMs").FillAsync("10");
        await page.GetByTestId("config-push").ClickAsync();

        var message = page.GetByTestId("config-message");
        await Expect(message).ToHaveClassAsync("error");
        await Expect(message).ToContainTextAsync("Versturen mislukt: ");
        await Expect(message).ToContainTextAsync("resultShownMs");
        await Expect(message).Not.ToHaveAttributeAsync("data-version", new Regex("."));
        await Expect(page.GetByTestId("config-desired")).ToHaveTextAsync("0");
    }

    [ChromiumFact]
    public async Task Filters_narrow_the_fleet_and_markup_in_names_stays_text()
    {
        await _system.CreateDeviceAsync("vt-dash-gent");
        await _system.CreateDeviceAsync("vt-dash-brugge");
        const string markup = "<img src=x data-testid=injected>Gent";
        await _system.SetSiteAsync("vt-dash-gent", "Oost", markup, "Zaal <b>Eén</b>", "", "");
        await _system.SetSiteAsync("vt-dash-brugge", "West", "Brugge", "Stadsschouwburg", "", "");
        await using var browser = await DashboardBrowser.LaunchAsync(_system.BaseAddress);
        var page = await browser.LoginAsync("admin", _system.AdminPassword);
        await Expect(Row(page, "vt-dash-brugge")).ToBeVisibleAsync();

        await page.GetByTestId("filter-municipality").SelectOptionAsync(markup);

        await Expect(Row(page, "vt-dash-brugge")).ToHaveCountAsync(0);
        await Expect(Row(page, "vt-dash-gent")).ToContainTextAsync(markup + " · Zaal <b>Eén</b>");
        await Expect(page.GetByTestId("injected")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=fleet-table] b")).ToHaveCountAsync(0);

        await page.GetByTestId("filter-municipality").SelectOptionAsync("");
        await page.GetByTestId("filter-text").FillAsync("schouwburg");

        await Expect(page.Locator("[data-testid=device-row]")).ToHaveCountAsync(1);
        await Expect(Row(page, "vt-dash-brugge")).ToBeVisibleAsync();

        await page.GetByTestId("filter-text").FillAsync("");
        await page.GetByTestId("filter-state").SelectOptionAsync("online");

        await Expect(page.GetByTestId("fleet-empty")).ToBeVisibleAsync();
    }
}
