using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Uitpas.Edge.Dashboard.Tests.Infrastructure;
using Uitpas.Edge.Simulator;
using static Microsoft.Playwright.Assertions;

namespace Uitpas.Edge.Dashboard.Tests;

/// <summary>
/// The report page over a day seeded through the real paths (live taps on three virtual terminals, a sale at a
/// counter): cultuur 6, jeugd 2 and sport 7 passholders, so jeugd is hidden and cultuur with it (complementary),
/// in the tables and in the charts alike.
/// </summary>
public sealed partial class ReportsDashboardTests : IAsyncLifetime
{
    private const string CcOrganizer = "CC Proefdorp vzw";
    private DashboardSystem _system = null!;

    public async Task InitializeAsync() => _system = await DashboardSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private SeedCatalogue Seed => _system.Tap.Central.Seed;

    [Fact]
    public async Task The_report_page_has_all_its_texts_in_every_language_and_defaults_to_the_last_full_month()
    {
        using var client = await SignedInAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels")).DateTime);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        string from = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string to = first.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var script = await client.GetAsync("dashboard/reports.js");
        string code = await script.Content.ReadAsStringAsync();
        var asked = ScriptTextKeys().Matches(code).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Distinct().ToArray();
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("report.col.passholders", asked);

        foreach (var language in new[] { "nl", "fr", "en" })
        {
            using var response = await client.GetAsync($"reports?lang={language}");
            string html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
            Assert.DoesNotContain("[[", html, StringComparison.Ordinal);
            Assert.Contains($"data-from=\"{from}\" data-to=\"{to}\"", html, StringComparison.Ordinal);
            var texts = JsonSerializer.Deserialize<Dictionary<string, string>>(TextsBlock().Match(html).Groups[1].Value)!;
            foreach (var key in asked.Concat(["report.domain.cultuur", "report.domain.overig", "report.dim.cardSystem"]))
            {
                Assert.True(texts.TryGetValue(key, out var text) && text.Length > 0, $"{language}: no text for {key}");
            }
        }
    }

    [Fact]
    public async Task A_period_in_the_address_is_given_back_encoded_and_a_page_without_session_redirects()
    {
        using var client = await SignedInAsync();
        using var anonymous = _system.CookieClient(new CookieContainer());

        string html = await client.GetStringAsync("reports?from=" + Uri.EscapeDataString("\"><b>x") + "&to=2026-03-31");
        using var redirect = await anonymous.GetAsync("reports");

        Assert.Contains("data-from=\"&quot;&gt;&lt;b&gt;x\" data-to=\"2026-03-31\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
    }

    [ChromiumFact]
    public async Task Hidden_cells_show_less_than_five_in_tables_and_charts_and_never_their_number()
    {
        var cards = Seed.GoodCards.Where(c => !Seed.SocialTariffCards.Contains(c)).ToArray();
        var social = Seed.SocialTariffCards[0];
        var evening = Seed.KioskWithoutEvent;
        string readingHour = Seed.Events.First(e => e.Title.StartsWith("Voorleesuurtje", StringComparison.Ordinal)).Id;
        _system.Tap.Central.SetKioskCurrentEvent(evening.Token, readingHour);
        var terminals = new[]
        {
            new ReportTerminal("vt-rep-cc", "CC Proefdorp", CcOrganizer, Seed.Kiosks[0], "cultuur", cards[..6]),
            new ReportTerminal("vt-rep-bib", "Bib Proefdorp", CcOrganizer, Seed.KioskByToken(evening.Token)! with { CurrentEventId = readingHour }, "jeugd", cards[6..8]),
            new ReportTerminal("vt-rep-zwembad", "Zwembad De Plons", "Sportdienst Proefdorp", Seed.Kiosks[1], "sport", cards[8..15]),
        };
        foreach (var terminal in terminals)
        {
            await _system.TapAllAsync(terminal);
        }
        var sale = await _system.SellAsync("vt-rep-cc", social, 8.00m);
        Assert.Equal("done", sale.GetProperty("state").GetString());
        string day = ReportSeeding.BrusselsToday();
        await _system.WaitForReportAsync(day, report => TotalCheckins(report) == 15, TimeSpan.FromSeconds(60));
        await using var browser = await DashboardBrowser.LaunchAsync(_system.BaseAddress);
        var page = await browser.LoginAsync("admin", _system.AdminPassword);
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (consoleErrors)
                {
                    consoleErrors.Add(message.Text);
                }
            }
        };

        await page.GetByTestId("nav-reports").ClickAsync();
        await Expect(page.GetByTestId("period-form")).ToBeVisibleAsync();
        await page.GetByTestId("period-from").FillAsync(day);
        await page.GetByTestId("period-to").FillAsync(day);
        await page.GetByTestId("period-show").ClickAsync();

        var venues = page.Locator("[data-testid=report-table][data-dimension=venue]");
        var bib = venues.Locator("[data-testid=report-row]").Filter(new() { HasText = "Bib Proefdorp" });
        await Expect(bib).ToHaveAttributeAsync("data-suppressed", "true");
        await Expect(bib.Locator("[data-measure=checkins]")).ToHaveTextAsync("<5");
        await Expect(bib.Locator("[data-measure=passholders]")).ToHaveTextAsync("<5");
        var pool = venues.Locator("[data-testid=report-row]").Filter(new() { HasText = "Zwembad De Plons" });
        await Expect(pool).ToHaveAttributeAsync("data-suppressed", "false");
        await Expect(pool.Locator("[data-measure=checkins]")).ToHaveTextAsync("7");
        var domains = page.Locator("[data-testid=report-table][data-dimension=domain] [data-testid=report-row]");
        await Expect(domains.Filter(new() { HasText = "Jeugd" })).ToHaveAttributeAsync("data-suppressed", "true");
        await Expect(domains.Filter(new() { HasText = "Cultuur" })).ToHaveAttributeAsync("data-suppressed", "true");
        await Expect(domains.Filter(new() { HasText = "Sport" }).Locator("[data-measure=passholders]")).ToHaveTextAsync("7");
        var chart = page.Locator("[data-testid=chart][data-file='checkins-per-domein.svg'] svg");
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart.Locator("text", new() { HasTextString = "<5" }).First).ToBeAttachedAsync();
        await Expect(page.Locator("[data-testid=settlement-row][data-organizer='" + CcOrganizer + "']")).ToBeVisibleAsync();
        await DashboardBrowser.ScreenshotAsync(page, "dashboard-reports.png");

        foreach (var text in await page.Locator("[data-suppressed=true][data-testid=cell]").AllInnerTextsAsync())
        {
            Assert.Equal("<5", text);
        }
        foreach (var row in await page.Locator("tr[data-suppressed=true]").AllInnerTextsAsync())
        {
            Assert.DoesNotMatch(HiddenFigure(), row);
        }
        foreach (var text in await chart.Locator("text").AllTextContentsAsync())
        {
            Assert.DoesNotMatch(HiddenCheckins(), text);
        }
        await AssertNoPassholderDataAsync(page, cards[..15].Append(social));
        lock (consoleErrors)
        {
            Assert.Empty(consoleErrors); // a style the CSP blocked, or a script error, would show here
        }

        var link = page.Locator("[data-testid=file-link][data-file='per-locatie.csv']");
        var csv = await page.APIRequest.GetAsync((await link.GetAttributeAsync("href"))!);
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"], StringComparison.Ordinal);
        string body = Encoding.UTF8.GetString(await csv.BodyAsync());
        Assert.Contains("Zwembad De Plons", body, StringComparison.Ordinal);
        Assert.Contains("<5", body, StringComparison.Ordinal);

        await page.GotoAsync($"/reports?lang=fr&from={day}&to={day}");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Participation et tarif social");
        await Expect(page.Locator("[data-testid=dimension][data-dimension=domain] h2")).ToHaveTextAsync("Par domaine");
        await Expect(page.Locator("[data-testid=report-table][data-dimension=domain] [data-testid=report-row]").Filter(new() { HasText = "Jeunesse" }))
            .ToHaveAttributeAsync("data-suppressed", "true");
        await Expect(page.Locator("[data-testid=report-table][data-dimension=domain] thead")).ToContainTextAsync("Détenteurs uniques");
        await DashboardBrowser.ScreenshotAsync(page, "dashboard-reports-fr.png");
    }

    [ChromiumFact]
    public async Task A_refused_period_shows_the_agents_sentence()
    {
        await using var browser = await DashboardBrowser.LaunchAsync(_system.BaseAddress);
        var page = await browser.LoginAsync("admin", _system.AdminPassword);

        await page.GotoAsync("/reports?from=2026-03-01&to=2026-02-28");

        await Expect(page.GetByTestId("report-error")).ToContainTextAsync("--to (2026-02-28) is before --from (2026-03-01).");
        await Expect(page.GetByTestId("report-body")).ToBeHiddenAsync();
    }

    private static long TotalCheckins(JsonElement report) =>
        report.TryGetProperty("total", out var total) && total.TryGetProperty("checkins", out var cell) && cell.ValueKind == JsonValueKind.Number
            ? cell.GetInt64()
            : -1;

    /// <summary>No chip, UiTPAS number or pseudonym (hex or base64 of the agent's HMAC) anywhere in the page.</summary>
    private async Task AssertNoPassholderDataAsync(IPage page, IEnumerable<SeedCard> cards)
    {
        string content = await page.ContentAsync();
        byte[] key = Convert.FromHexString((await File.ReadAllTextAsync(Path.Combine(_system.Tap.DataDirectory, "agent", "pseudonym.key"))).Trim());
        foreach (var card in cards)
        {
            Assert.DoesNotContain(card.ChipNumber, content, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(card.UitpasNumber, content, StringComparison.Ordinal);
            foreach (var input in new[] { "uitpas:" + card.UitpasNumber, "chip:" + card.ChipNumber.ToUpperInvariant(), "chip:" + card.ChipNumber.ToLowerInvariant() })
            {
                byte[] pseudonym = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(input));
                Assert.DoesNotContain(Convert.ToHexString(pseudonym), content, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(Convert.ToBase64String(pseudonym), content, StringComparison.Ordinal);
            }
        }
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var client = _system.CookieClient(new CookieContainer());
        using var login = await client.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin",
            ["password"] = _system.AdminPassword,
        }));
        Assert.True((int)login.StatusCode is >= 200 and < 400, $"login answered {(int)login.StatusCode}");
        return client;
    }

    // The hidden figures of the seeded day: jeugd and Bib Proefdorp 2, cultuur and CC Proefdorp 6 check-ins (7 passholders with the sale).
    [GeneratedRegex(@"(?<![\d.,])[267](?![\d.,])")]
    private static partial Regex HiddenFigure();

    // The check-ins chart: jeugd's 2 and cultuur's 6 are hidden (sport's 7 is published).
    [GeneratedRegex(@"(?<![\d.,])[26](?![\d.,])")]
    private static partial Regex HiddenCheckins();

    // t('…') calls and the text keys the script keeps in tables ('report.col.checkins').
    [GeneratedRegex("""\bt\('([A-Za-z.\-]*[A-Za-z])'|'(report\.[A-Za-z.]*[A-Za-z])'""")]
    private static partial Regex ScriptTextKeys();

    [GeneratedRegex("""<script type="application/json" id="dashboard-texts">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex TextsBlock();
}
