using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Reports;

namespace Uitpas.Edge.Agent.Dashboard;

/// <summary>
/// The dashboard's pages on the admin listener: <c>GET /login</c> (the form; the POST is the
/// admin API's), <c>GET /</c> the fleet with its alerts, <c>GET /devices/{id}</c> one terminal,
/// <c>GET /reports</c> the participation report and settlement of a period (<c>?from=&amp;to=</c>, default the last
/// full month), and <c>/dashboard/dashboard.css|js</c>, <c>reports.js</c>. The pages are shells in the chosen language
/// (<c>?lang=nl|fr|en</c>, remembered in a cookie; Dutch by default); their script fills them from
/// <c>/api/v1</c> with the session cookie. A page asked for without a session redirects to /login.
/// </summary>
public static class DashboardPages
{
    /// <summary>The login page's path (the form posts to the same path).</summary>
    public const string LoginPath = "/login";

    /// <summary>The cookie remembering the chosen language.</summary>
    public const string LanguageCookie = "uitpas-dashboard-lang";

    /// <summary>Maps the pages and their two files on <paramref name="app"/>.</summary>
    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(LoginPath, (HttpContext context) => Login(context, failed: context.Request.Query.ContainsKey("error")));
        app.MapGet("/", (HttpContext context) => Page(context, "fleet.html", new Dictionary<string, object>()));
        app.MapGet("/devices/{id}", (HttpContext context, string id) => Page(context, "device.html", new Dictionary<string, object> { ["deviceId"] = id }));
        app.MapGet("/reports", (HttpContext context) => Page(context, "reports.html", ReportPeriodValues(context)));
        app.MapGet("/favicon.ico", () => Results.NoContent());
        app.MapGet("/dashboard/{file}", (HttpContext context, string file) =>
        {
            if (!DashboardAssets.Files.TryGetValue(file, out var asset))
            {
                return Results.NotFound();
            }
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(asset.Content, asset.ContentType);
        });
    }

    /// <summary>
    /// The login page; with <paramref name="failed"/> it says the user name or password was wrong
    /// (for the login POST to answer a failed attempt with, status 401, or by redirecting to /login?error=1).
    /// </summary>
    public static IResult Login(HttpContext context, bool failed)
    {
        ArgumentNullException.ThrowIfNull(context);
        string language = Language(context);
        var error = failed
            ? new DashboardAssets.Markup("<p class=\"error\" role=\"alert\" data-testid=\"login-error\">"
                + System.Net.WebUtility.HtmlEncode(DashboardTexts.Get("login.failed", language)) + "</p>")
            : new DashboardAssets.Markup("");
        return Html(context, DashboardAssets.Render("login.html", language, new Dictionary<string, object> { ["error"] = error }),
            failed && HttpMethods.IsPost(context.Request.Method) ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK);
    }

    /// <summary>
    /// The report page's period: <c>?from=&amp;to=</c> as given (the agent's report API checks them and the page shows
    /// its sentence), else the last full month on Brussels' calendar.
    /// </summary>
    private static Dictionary<string, object> ReportPeriodValues(HttpContext context)
    {
        var fallback = ReportPeriod.LastFullMonth(ReportPeriod.Today(context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System));
        string from = context.Request.Query["from"].ToString();
        string to = context.Request.Query["to"].ToString();
        if (from.Length == 0 && to.Length == 0)
        {
            from = fallback.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            to = fallback.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        // Only what a date input can hold goes back into the page (it is encoded anyway).
        return new Dictionary<string, object> { ["from"] = Clip(from), ["to"] = Clip(to) };
    }

    private static string Clip(string value) => value.Length > 10 ? value[..10] : value;

    private static IResult Page(HttpContext context, string template, Dictionary<string, object> values)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Results.Redirect(LoginPath);
        }
        return Html(context, DashboardAssets.Render(template, Language(context), values), StatusCodes.Status200OK);
    }

    private static IResult Html(HttpContext context, string html, int status)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    /// <summary>The page language: <c>?lang=</c> (then remembered), the cookie, or Dutch.</summary>
    private static string Language(HttpContext context)
    {
        if (context.Request.Query.TryGetValue("lang", out var asked) && asked.Count > 0)
        {
            string language = DashboardTexts.Pick(asked[0]);
            context.Response.Cookies.Append(LanguageCookie, language, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                MaxAge = TimeSpan.FromDays(365),
                Secure = context.Request.IsHttps,
            });
            return language;
        }
        return DashboardTexts.Pick(context.Request.Cookies[LanguageCookie]);
    }
}
