using System.Text.RegularExpressions;
using Uitpas.Edge.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Uitpas.Edge.Dashboard.Tests;

/// <summary>Signing in to the dashboard in a real browser.</summary>
public sealed class LoginTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private DashboardSystem System => fixture.System;

    [ChromiumFact]
    public async Task Pages_without_a_session_redirect_to_the_login_page()
    {
        await using var browser = await DashboardBrowser.LaunchAsync(System.BaseAddress);
        var page = await browser.Context.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await page.GotoAsync("/devices/e2e-01");
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));

        await Expect(page.GetByTestId("login-form")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("fleet-table")).ToHaveCountAsync(0);
    }

    [ChromiumFact]
    public async Task Wrong_password_stays_on_the_login_page_with_a_message()
    {
        await using var browser = await DashboardBrowser.LaunchAsync(System.BaseAddress);
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync("/login");

        await page.GetByTestId("login-username").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync(System.AdminPassword + "x");
        await page.GetByTestId("login-submit").ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("Gebruikersnaam of wachtwoord is onjuist.");
        await Expect(page).ToHaveURLAsync(new Regex("/login(\\?.*)?$"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
    }

    [ChromiumFact]
    public async Task Right_password_opens_the_fleet_and_sign_out_closes_the_session()
    {
        await using var browser = await DashboardBrowser.LaunchAsync(System.BaseAddress);
        var page = await browser.LoginAsync("admin", System.AdminPassword);
        await Expect(page.Locator("[data-testid=device-row][data-device='e2e-01']")).ToBeVisibleAsync();

        await page.GetByTestId("logout").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
    }

    [ChromiumFact]
    public async Task The_pages_speak_dutch_by_default_and_french_or_english_on_request()
    {
        await using var browser = await DashboardBrowser.LaunchAsync(System.BaseAddress);
        var page = await browser.LoginAsync("admin", System.AdminPassword);
        await Expect(page.Locator("#alerts-title")).ToHaveTextAsync("Meldingen");

        await page.GetByTestId("lang-fr").ClickAsync();
        await Expect(page.Locator("#alerts-title")).ToHaveTextAsync("Alertes");
        await Expect(page.GetByTestId("fleet-count")).ToContainTextAsync("terminaux");
        await page.GotoAsync("/devices/e2e-01");
        await Expect(page.GetByTestId("config-push")).ToHaveTextAsync("Envoyer la configuration");

        await page.GetByTestId("lang-en").ClickAsync();
        await Expect(page.GetByTestId("config-push")).ToHaveTextAsync("Push configuration");
    }
}
