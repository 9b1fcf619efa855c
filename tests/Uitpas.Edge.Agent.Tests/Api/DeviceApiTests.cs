using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Fleet;
using Uitpas.Edge.Agent.Tests.Infrastructure;

namespace Uitpas.Edge.Agent.Tests.Api;

/// <summary>The device endpoints over real HTTP against a real agent: create, site, events, loans, return, retire.</summary>
public sealed class DeviceApiTests : IAsyncLifetime
{
    private AdminRig _rig = null!;

    public async Task InitializeAsync() => _rig = await AdminRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task Create_hands_out_the_secrets_once_and_keeps_them_out_of_every_later_answer()
    {
        var (status, body) = await _rig.CreateAsync("vt-100", cardSystemId: 42);

        Assert.Equal(HttpStatusCode.Created, status);
        var credentials = body["credentials"]!;
        var password = (string)credentials["password"]!;
        var configKey = (string)credentials["configKey"]!;
        Assert.Equal("vt-100", (string)credentials["username"]!);
        Assert.Matches("^[A-Za-z0-9_-]{24}$", password);
        Assert.Matches("^[0-9a-f]{64}$", configKey);
        Assert.Equal("vt-100", (string)body["device"]!["id"]!);
        Assert.Equal("unknown", (string)body["device"]!["state"]!);
        Assert.Null(body["device"]!["cardSystemId"]);
        Assert.Equal(Convert.FromHexString(configKey), _rig.Agent.Host.Services.GetRequiredService<IDeviceKeys>().ConfigKeyOf("vt-100"));
        Assert.Contains("vt-100:$7$", File.ReadAllText(_rig.PasswordFile), StringComparison.Ordinal);

        var (_, shown) = await _rig.SendAsync(HttpMethod.Get, "/api/v1/devices/vt-100");
        var (_, listed) = await _rig.SendAsync(HttpMethod.Get, "/api/v1/devices");
        Assert.Equal(42, (int)shown["cardSystemId"]!);
        foreach (var text in new[] { shown.ToJsonString(), listed.ToJsonString() })
        {
            Assert.DoesNotContain(password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(configKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(_rig.Central.Seed.Kiosks[0].Token, text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(_rig.Agent.Logs.Entries, e => e.Message.Contains(password, StringComparison.Ordinal) || e.Message.Contains(configKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_create_is_a_conflict_and_bad_input_is_a_400_with_a_sentence()
    {
        Assert.Equal(HttpStatusCode.Created, (await _rig.CreateAsync("vt-101")).Status);
        var before = File.ReadAllText(_rig.PasswordFile);

        var (again, conflict) = await _rig.CreateAsync("vt-101");
        var (badId, idProblem) = await _rig.CreateAsync("VT_101");
        var (noToken, tokenProblem) = await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices", new { id = "vt-102" });
        var (badLanguage, _) = await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices", new { id = "vt-103", kioskToken = "k", language = "de" });
        using var notJson = await _rig.Api.PostAsync("/api/v1/devices", new StringContent("{\"id\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("exists already", (string)conflict["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badId);
        Assert.Contains("'VT_101' is not valid", (string)idProblem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noToken);
        Assert.Contains("kioskToken is required", (string)tokenProblem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badLanguage);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(before, File.ReadAllText(_rig.PasswordFile));
        var (_, list) = await _rig.SendAsync(HttpMethod.Get, "/api/v1/devices");
        Assert.Equal(["term-1", "vt-101"], list.AsArray().Select(d => (string)d!["id"]!));
    }

    [Fact]
    public async Task The_created_password_connects_and_retire_drops_the_terminal_and_refuses_its_next_connect()
    {
        var (_, created) = await _rig.CreateAsync("vt-200");
        var password = (string)created["credentials"]!["password"]!;
        var options = AccessClient.Options(_rig.Agent.Broker, "vt-200", "vt-200", password);
        using var client = new MqttClientFactory().CreateMqttClient();
        var dropped = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                dropped.TrySetResult(e);
            }
            return Task.CompletedTask;
        };
        using (var timeout = new CancellationTokenSource(Waits.Default))
        {
            Assert.Equal(MqttClientConnectResultCode.Success, (await client.ConnectAsync(options, timeout.Token)).ResultCode);
        }

        var (status, retired) = await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/vt-200/retire");
        var drop = await dropped.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("retired", (string)retired["state"]!);
        Assert.NotNull(retired["retiredAt"]);
        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, drop.Reason);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await AccessClient.TryConnectAsync(options));
        Assert.DoesNotContain("vt-200:", File.ReadAllText(_rig.PasswordFile), StringComparison.Ordinal);
        Assert.Null(_rig.Agent.Host.Services.GetRequiredService<IDeviceKeys>().ConfigKeyOf("vt-200"));
        Assert.Equal(HttpStatusCode.Conflict, (await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/vt-200/retire")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _rig.SendAsync(HttpMethod.Put, "/api/v1/devices/vt-200/site", new { region = "r" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _rig.CreateAsync("vt-200")).Status);
        var (_, listed) = await _rig.SendAsync(HttpMethod.Get, "/api/v1/devices?state=retired");
        Assert.Equal(["vt-200"], listed.AsArray().Select(d => (string)d!["id"]!));
    }

    [Fact]
    public async Task A_venue_name_in_a_second_municipality_is_refused_so_config_scopes_stay_unambiguous()
    {
        await _rig.CreateAsync("vt-310");
        await _rig.CreateAsync("vt-311");
        var (first, _) = await _rig.SendAsync(HttpMethod.Put, "/api/v1/devices/vt-310/site", new { region = "oost", municipality = "gent", venue = "sporthal" });
        var (sameVenue, _) = await _rig.SendAsync(HttpMethod.Put, "/api/v1/devices/vt-311/site", new { region = "oost", municipality = "gent", venue = "sporthal", counter = "2" });
        var (otherMunicipality, problem) = await _rig.SendAsync(HttpMethod.Put, "/api/v1/devices/vt-311/site", new { region = "oost", municipality = "aalst", venue = "sporthal" });
        var (otherRegion, _) = await _rig.SendAsync(HttpMethod.Put, "/api/v1/devices/vt-311/site", new { region = "west", municipality = "gent", venue = "bib" });
        var (moved, _) = await _rig.SendAsync(HttpMethod.Put, "/api/v1/devices/vt-310/site", new { region = "oost", municipality = "aalst", venue = "sporthal" });
        var (_, shown) = await _rig.SendAsync(HttpMethod.Get, "/api/v1/devices/vt-311");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, sameVenue);
        Assert.Equal(HttpStatusCode.Conflict, otherMunicipality);
        Assert.Contains("another municipality", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, otherRegion);
        Assert.Equal(HttpStatusCode.Conflict, moved); // vt-311 keeps "sporthal" in gent
        Assert.Equal(("gent", "sporthal", "2"), ((string)shown["municipality"]!, (string)shown["venue"]!, (string)shown["counter"]!));
    }

    [Fact]
    public async Task Site_changes_reload_the_registry_and_filter_the_list_and_an_unknown_device_is_a_404()
    {
        var registry = _rig.Agent.Host.Services.GetRequiredService<DeviceRegistry>();
        await _rig.CreateAsync("vt-300");
        var reloads = new Observed<string>();
        registry.Reloaded += (_, _) => reloads.Add("reloaded");

        var (status, detail) = await _rig.SendAsync(HttpMethod.Put, "/api/v1/devices/term-1/site",
            new { region = "west", municipality = "brugge", venue = "concertgebouw", counter = "kassa 2", organizer = "cultuurcentrum" });
        var (unknown, problem) = await _rig.SendAsync(HttpMethod.Put, "/api/v1/devices/nope/site", new { region = "west" });
        var (_, inBrugge) = await _rig.SendAsync(HttpMethod.Get, "/api/v1/devices?municipality=brugge");
        var (_, inWest) = await _rig.SendAsync(HttpMethod.Get, "/api/v1/devices?region=west&venue=concertgebouw&state=unknown");
        var (badState, _) = await _rig.SendAsync(HttpMethod.Get, "/api/v1/devices?state=sleeping");
        var (showUnknown, _) = await _rig.SendAsync(HttpMethod.Get, "/api/v1/devices/nope");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("concertgebouw", (string)detail["venue"]!);
        Assert.Equal("kassa 2", (string)detail["counter"]!);
        Assert.True(registry.TryGet("term-1", out var device));
        Assert.Equal(new DeviceSite("west", "brugge", "concertgebouw", "kassa 2", "cultuurcentrum"), device.Site);
        Assert.Single(reloads.All);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("There is no device nope.", (string)problem["detail"]!);
        Assert.Equal(["term-1"], inBrugge.AsArray().Select(d => (string)d!["id"]!));
        Assert.Equal(["term-1"], inWest.AsArray().Select(d => (string)d!["id"]!));
        Assert.Equal(HttpStatusCode.BadRequest, badState);
        Assert.Equal(HttpStatusCode.NotFound, showUnknown);
    }

    [Fact]
    public async Task Event_assignments_may_not_overlap_and_can_be_removed()
    {
        var start = new DateTimeOffset(Now.Year + 1, 3, 1, 19, 0, 0, TimeSpan.Zero);

        var (first, added) = await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-1/events",
            new { eventId = "ev-1", from = start, until = start.AddHours(3), title = "Concert", regularPrices = new[] { 12.5m } });
        var (overlap, problem) = await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-1/events", new { eventId = "ev-2", from = start.AddHours(2), until = start.AddHours(4) });
        var (adjacent, _) = await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-1/events", new { eventId = "ev-3", from = start.AddHours(3), until = start.AddHours(5) });
        var (backwards, _) = await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-1/events", new { eventId = "ev-4", from = start.AddDays(2), until = start.AddDays(1) });
        var (unknownDevice, _) = await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/nope/events", new { eventId = "ev-5", from = start, until = start.AddHours(1) });
        var (removed, after) = await _rig.SendAsync(HttpMethod.Delete, "/api/v1/devices/term-1/events/ev-1");
        var (removedAgain, _) = await _rig.SendAsync(HttpMethod.Delete, "/api/v1/devices/term-1/events/ev-1");

        Assert.Equal(HttpStatusCode.OK, first);
        var assigned = Assert.Single(added["events"]!.AsArray());
        Assert.Equal("Concert", (string)assigned!["title"]!);
        Assert.Equal(start, (DateTimeOffset)assigned["from"]!);
        Assert.Equal(HttpStatusCode.Conflict, overlap);
        Assert.Contains("overlaps", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, adjacent);
        Assert.Equal(HttpStatusCode.BadRequest, backwards);
        Assert.Equal(HttpStatusCode.NotFound, unknownDevice);
        Assert.Equal(HttpStatusCode.OK, removed);
        Assert.Equal(["ev-3"], after["events"]!.AsArray().Select(e => (string)e!["eventId"]!));
        Assert.Equal(HttpStatusCode.NotFound, removedAgain);
    }

    [Fact]
    public async Task A_device_is_lent_once_at_a_time_and_its_return_check_is_kept_as_history()
    {
        var from = Now.AddDays(-1);
        var (lent, detail) = await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-1/loans", new { association = "Jeugdhuis De Kelder", from, until = from.AddDays(7) });
        var (second, conflict) = await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-1/loans", new { association = "Schaakclub", from = from.AddDays(8), until = from.AddDays(9) });
        var (badCondition, _) = await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-1/loans/return", new { condition = "broken" });
        var (returned, after) = await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-1/loans/return", new { condition = "damaged", note = "scherm gebarsten" });
        var (again, nothingOpen) = await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-1/loans/return", new { condition = "ok" });
        var (next, _) = await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-1/loans", new { association = "Schaakclub", from = from.AddDays(8), until = from.AddDays(9) });

        Assert.Equal(HttpStatusCode.OK, lent);
        Assert.Equal("Jeugdhuis De Kelder", (string)detail["loan"]!["association"]!);
        Assert.Equal(HttpStatusCode.Conflict, second);
        Assert.Contains("lent and not returned", (string)conflict["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badCondition);
        Assert.Equal(HttpStatusCode.OK, returned);
        Assert.Null(after["loan"]);
        var history = Assert.Single(after["loans"]!.AsArray())!;
        Assert.Equal("damaged", (string)history["returnCondition"]!);
        Assert.Equal("scherm gebarsten", (string)history["note"]!);
        Assert.NotNull(history["returnedAt"]);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("not lent", (string)nothingOpen["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, next);
    }
}
