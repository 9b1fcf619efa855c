using System.Net;
using Uitpas.Edge.Agent.Tests.Infrastructure;

namespace Uitpas.Edge.Agent.Tests.Api;

/// <summary>The admin listener's authentication: the CLI's bearer token, the dashboard's login session and its CSRF header rule.</summary>
public sealed class AdminAuthTests : IAsyncLifetime
{
    private AdminRig _rig = null!;

    public async Task InitializeAsync() => _rig = await AdminRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task The_api_refuses_a_request_without_a_token_or_with_a_wrong_one_with_a_401_problem()
    {
        using var anonymous = _rig.Client(token: null);
        using var wrong = _rig.Client(new string('x', 43));

        using var none = await anonymous.GetAsync("/api/v1/devices");
        using var bad = await wrong.GetAsync("/api/v1/devices");
        using var good = await _rig.Api.GetAsync("/api/v1/devices");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        var problem = await AdminRig.ReadAsync(none);
        Assert.Equal(401, (int)problem["status"]!);
        Assert.Contains("Bearer", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Contains("token is not valid", (string)(await AdminRig.ReadAsync(bad))["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public void The_token_and_the_initial_dashboard_password_are_written_readable_by_the_owner_only()
    {
        var token = Path.Combine(_rig.AgentDirectory, "admin.token");
        var password = Path.Combine(_rig.AgentDirectory, "dashboard.password");

        Assert.Equal(43, _rig.Token.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", _rig.Token);
        Assert.StartsWith("admin:$7$", File.ReadAllText(Path.Combine(_rig.AgentDirectory, "dashboard.users")), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(token));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(password));
        }
        Assert.DoesNotContain(_rig.Agent.Logs.Entries, e => e.Message.Contains(_rig.Token, StringComparison.Ordinal)
            || e.Message.Contains(File.ReadAllText(password).Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_with_the_initial_password_sets_a_strict_http_only_session_cookie_that_reads_the_api()
    {
        using var browser = _rig.Client(token: null);

        var cookie = await LoginAsync(browser, "admin", InitialPassword());

        Assert.Contains("httponly", cookie.SetCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie.SetCookie, StringComparison.OrdinalIgnoreCase);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/devices");
        request.Headers.Add("Cookie", cookie.Pair);
        using var devices = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, devices.StatusCode);
        Assert.Equal("term-1", (string)(await AdminRig.ReadAsync(devices))[0]!["id"]!);
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_visitor_on_the_login_page_without_a_session()
    {
        using var browser = _rig.Client(token: null);
        using var form = new FormUrlEncodedContent([new("username", "admin"), new("password", "not-the-password")]);

        using var response = await browser.PostAsync("/login", form);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("uitpas-dashboard-session=", StringComparison.Ordinal)));
        Assert.Contains(_rig.Agent.Logs.Entries, e => e.Message.Contains("Dashboard login refused for 'admin'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cookie_request_that_changes_something_needs_the_dashboard_header()
    {
        using var browser = _rig.Client(token: null);
        var cookie = await LoginAsync(browser, "admin", InitialPassword());

        using var forged = new HttpRequestMessage(HttpMethod.Put, "/api/v1/devices/term-1/site") { Content = System.Net.Http.Json.JsonContent.Create(new { region = "r" }) };
        forged.Headers.Add("Cookie", cookie.Pair);
        using var refused = await browser.SendAsync(forged);
        using var allowed = new HttpRequestMessage(HttpMethod.Put, "/api/v1/devices/term-1/site") { Content = System.Net.Http.Json.JsonContent.Create(new { region = "r" }) };
        allowed.Headers.Add("Cookie", cookie.Pair);
        allowed.Headers.Add("X-Uitpas-Dashboard", "1");
        using var accepted = await browser.SendAsync(allowed);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("X-Uitpas-Dashboard", (string)(await AdminRig.ReadAsync(refused))["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("r", (string)(await AdminRig.ReadAsync(accepted))["region"]!);
    }

    [Fact]
    public async Task After_logout_the_cookie_no_longer_opens_the_api()
    {
        using var browser = _rig.Client(token: null);
        var cookie = await LoginAsync(browser, "admin", InitialPassword());
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/logout");
        logout.Headers.Add("Cookie", cookie.Pair);
        using var loggedOut = await browser.SendAsync(logout);

        using var after = new HttpRequestMessage(HttpMethod.Get, "/api/v1/devices");
        after.Headers.Add("Cookie", cookie.Pair);
        using var refused = await browser.SendAsync(after);

        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Equal("/login", loggedOut.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_page_without_a_session_redirects_to_login_and_with_one_is_served()
    {
        using var browser = _rig.Client(token: null);
        using var anonymous = await browser.GetAsync("/");
        var cookie = await LoginAsync(browser, "admin", InitialPassword());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie.Pair);
        using var page = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/login", anonymous.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    private string InitialPassword() => File.ReadAllText(Path.Combine(_rig.AgentDirectory, "dashboard.password")).Trim();

    /// <summary>Logs in; the Set-Cookie header and the cookie's name=value pair.</summary>
    private static async Task<(string SetCookie, string Pair)> LoginAsync(HttpClient browser, string user, string password)
    {
        using var form = new FormUrlEncodedContent([new("username", user), new("password", password)]);
        using var response = await browser.PostAsync("/login", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.ToString());
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("uitpas-dashboard-session=", StringComparison.Ordinal));
        return (setCookie, setCookie.Split(';')[0]);
    }
}
