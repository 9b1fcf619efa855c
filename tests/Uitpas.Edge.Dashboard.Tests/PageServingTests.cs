using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Uitpas.Edge.Dashboard.Tests.Infrastructure;

namespace Uitpas.Edge.Dashboard.Tests;

/// <summary>What the agent's admin listener serves for the dashboard, seen over plain HTTP (no browser needed).</summary>
public sealed partial class PageServingTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static readonly string[] Languages = ["nl", "fr", "en"];
    private DashboardSystem System => fixture.System;

    private async Task<HttpClient> SignedInAsync(CookieContainer cookies)
    {
        var client = System.CookieClient(cookies);
        using var login = await client.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin",
            ["password"] = System.AdminPassword,
        }));
        Assert.True((int)login.StatusCode is >= 200 and < 400, $"login answered {(int)login.StatusCode}");
        Assert.NotEmpty(cookies.GetCookies(System.BaseAddress));
        return client;
    }

    [Fact]
    public async Task Pages_without_a_session_redirect_to_login_and_the_api_answers_401()
    {
        using var client = System.CookieClient(new CookieContainer());

        foreach (var path in new[] { "", "devices/e2e-01" })
        {
            using var page = await client.GetAsync(path);
            Assert.True(page.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, $"/{path} answered {page.StatusCode}");
            Assert.Equal("/login", page.Headers.Location!.OriginalString.Split('?')[0].Replace(System.BaseAddress.ToString(), "/", StringComparison.Ordinal));
        }
        using var api = await client.GetAsync("api/v1/devices");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task The_device_page_encodes_the_id_it_was_asked_for()
    {
        using var client = await SignedInAsync(new CookieContainer());

        using var response = await client.GetAsync("devices/" + Uri.EscapeDataString("<b onmouseover=alert(1)>\"x"));
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<b onmouseover", html, StringComparison.Ordinal);
        Assert.Contains("data-device=\"&lt;b onmouseover=alert(1)&gt;&quot;x\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_in_every_language_has_all_its_texts_and_a_strict_content_policy()
    {
        using var client = await SignedInAsync(new CookieContainer());
        using var anonymous = System.CookieClient(new CookieContainer());

        foreach (var language in Languages)
        {
            foreach (var (http, path) in new[] { (anonymous, "login"), (client, ""), (client, "devices/e2e-01") })
            {
                using var response = await http.GetAsync($"{path}?lang={language}");
                string html = await response.Content.ReadAsStringAsync();

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
                Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
                Assert.DoesNotContain("[[", html, StringComparison.Ordinal);
                string policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
                Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
                Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
                Assert.DoesNotMatch(InlineHandler(), html);
            }
        }
    }

    [Fact]
    public async Task Every_text_the_script_asks_for_exists_in_every_language()
    {
        using var client = await SignedInAsync(new CookieContainer());
        using var script = await client.GetAsync("dashboard/dashboard.js");
        string code = await script.Content.ReadAsStringAsync();
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        var asked = ScriptTextKeys().Matches(code).Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.Contains("config.applied", asked);

        foreach (var language in Languages)
        {
            string html = await client.GetStringAsync($"devices/e2e-01?lang={language}");
            var texts = JsonSerializer.Deserialize<Dictionary<string, string>>(TextsBlock().Match(html).Groups[1].Value)!;
            foreach (var key in asked)
            {
                Assert.True(texts.TryGetValue(key, out var text) && text.Length > 0, $"{language}: no text for {key}");
            }
            foreach (var prefix in new[] { "refusal.", "alert.", "state.", "reader.", "setting.", "severity." })
            {
                Assert.Contains(texts.Keys, key => key.StartsWith(prefix, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task Style_and_script_are_served_from_the_agent_and_other_files_are_not()
    {
        using var client = System.CookieClient(new CookieContainer());

        using var style = await client.GetAsync("dashboard/dashboard.css");
        using var missing = await client.GetAsync("dashboard/appsettings.json");

        Assert.Equal(HttpStatusCode.OK, style.StatusCode);
        Assert.Equal("text/css", style.Content.Headers.ContentType!.MediaType);
        Assert.Contains(".badge", await style.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_chosen_language_is_remembered_for_the_next_page()
    {
        var cookies = new CookieContainer();
        using var client = System.CookieClient(cookies);

        string french = await client.GetStringAsync("login?lang=fr");
        string next = await client.GetStringAsync("login");
        string fallback = await client.GetStringAsync("login?lang=xx");

        Assert.Contains("Se connecter", french, StringComparison.Ordinal);
        Assert.Contains("Se connecter", next, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"nl\">", fallback, StringComparison.Ordinal);
    }

    [GeneratedRegex("""\son[a-z]+\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex("""\bt\('([A-Za-z.\-]*[A-Za-z])'""")]
    private static partial Regex ScriptTextKeys();

    [GeneratedRegex("""<script type="application/json" id="dashboard-texts">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex TextsBlock();
}
