using Microsoft.Playwright;

namespace Uitpas.Edge.Dashboard.Tests.Infrastructure;

/// <summary>
/// A fresh browser context (own cookies) per test, with the dashboard as base URL, a Brussels
/// clock and Dutch locale, on one headless Debian Chromium shared by the test run and driven by
/// Playwright (<see cref="Chromium.ExecutablePath"/>; Playwright's own browser downloads are
/// never used). Assertions auto-wait up to <see cref="DashboardSystem.Timeout"/>.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    private DashboardBrowser(IBrowserContext context) => Context = context;

    public IBrowserContext Context { get; }

    public static async Task<DashboardBrowser> LaunchAsync(Uri baseAddress)
    {
        var browser = await SharedAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "nl-BE",
            TimezoneId = "Europe/Brussels",
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout((float)DashboardSystem.Timeout.TotalMilliseconds);
        return new DashboardBrowser(context);
    }

    /// <summary>Starts Chromium at the first call (about 3 s); it ends with the test process.</summary>
    private static async Task<IBrowser> SharedAsync()
    {
        Chromium.Ensure();
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true } running)
            {
                return running;
            }
            Assertions.SetDefaultExpectTimeout((float)DashboardSystem.Timeout.TotalMilliseconds);
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium.ExecutablePath,
                Headless = true,
            });
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Close();
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static void Close()
    {
        try
        {
            _browser?.CloseAsync().Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The driver is gone already.
        }
        _playwright?.Dispose();
    }

    /// <summary>Opens /login, signs in and waits for the fleet page.</summary>
    public async Task<IPage> LoginAsync(string username, string password)
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("login-username").FillAsync(username);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("fleet-table")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Saves a full-page screenshot when UITPAS_EDGE_SCREENSHOTS names a folder (for a person to look at).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable(Chromium.ScreenshotVariable) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
