using System.Net;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Presence;

namespace Uitpas.Edge.Agent.Tests.Api;

/// <summary>The fleet view's alerts and health over HTTP: offline during a running event, an overdue loan, recent taps without card data.</summary>
public sealed class FleetAlertApiTests : IAsyncLifetime
{
    private AdminRig _rig = null!;

    public async Task InitializeAsync() => _rig = await AdminRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task A_terminal_assigned_to_a_running_event_alerts_while_offline_and_stops_once_online()
    {
        var (_, created) = await _rig.CreateAsync("vt-400");
        var password = (string)created["credentials"]!["password"]!;
        var now = DateTimeOffset.UtcNow;
        await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/vt-400/events", new { eventId = "ev-now", from = now.AddHours(-1), until = now.AddHours(2), title = "Quiz" });

        var offline = await AlertsOfAsync("vt-400");
        var (_, alerting) = await _rig.SendAsync(HttpMethod.Get, "/api/v1/devices?alerting=true");

        var alert = Assert.Single(offline)!;
        Assert.Equal("offline-during-event", (string)alert["code"]!);
        Assert.Equal("critical", (string)alert["severity"]!);
        Assert.Contains("niet verbonden tijdens 'Quiz'", (string)alert["message"]!, StringComparison.Ordinal);
        var row = Assert.Single(alerting.AsArray())!;
        Assert.Equal("vt-400", (string)row["id"]!);
        Assert.Equal("ev-now", (string)row["currentEvent"]!["eventId"]!);
        Assert.Equal(["offline-during-event"], row["alerts"]!.AsArray().Select(a => (string)a!));

        using var terminal = await ConnectOnlineAsync("vt-400", password);
        var (_, shown) = await WaitForAsync("/api/v1/devices/vt-400", d => (string)d["state"]! == "online");

        Assert.Empty(await AlertsOfAsync("vt-400"));
        Assert.Equal("2.1.0+fleet", (string)shown["firmware"]!);
        Assert.Equal(3, (int)shown["journal"]!);
        Assert.Equal("ok", (string)shown["reader"]!);
        Assert.Empty(shown["alerts"]!.AsArray());
    }

    [Fact]
    public async Task A_loan_past_its_end_and_not_returned_is_an_overdue_warning_until_it_comes_back()
    {
        var now = DateTimeOffset.UtcNow;
        await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-1/loans", new { association = "Turnkring", from = now.AddDays(-3), until = now.AddDays(-1) });

        var overdue = Assert.Single(await AlertsOfAsync("term-1"))!;
        await _rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-1/loans/return", new { condition = "ok" });

        Assert.Equal("loan-overdue", (string)overdue["code"]!);
        Assert.Equal("warning", (string)overdue["severity"]!);
        Assert.Contains("Turnkring", (string)overdue["message"]!, StringComparison.Ordinal);
        Assert.Empty(await AlertsOfAsync("term-1"));
    }

    [Fact]
    public async Task Recent_taps_show_time_and_outcome_but_no_card_number()
    {
        var (_, created) = await _rig.CreateAsync("vt-500");
        var password = (string)created["credentials"]!["password"]!;
        var chip = _rig.Central.Seed.GoodCards[0].ChipNumber;
        await using var terminal = await AccessClient.ConnectAsync(AccessClient.Options(_rig.Agent.Broker, "vt-500", "vt-500", password));
        await terminal.SubscribeAsync(Topics.Result("vt-500"));

        await terminal.PublishAsync(Topics.Tap("vt-500"), TestTerminal.Tap(1, 1, chip));
        await terminal.Received.WaitAsync(m => m.Topic == Topics.Result("vt-500"), "the tap's result");
        var (_, detail) = await WaitForAsync("/api/v1/devices/vt-500", d => d["recentTaps"]!.AsArray().Count == 1);

        var tap = detail["recentTaps"]![0]!;
        Assert.Contains((string)tap["outcome"]!, new[] { "checked-in", "refused", "queued", "rejected", "pending" });
        Assert.True(DateTimeOffset.UtcNow - (DateTimeOffset)tap["at"]! < TimeSpan.FromMinutes(5));
        Assert.Equal(2, tap.AsObject().Count);
        Assert.DoesNotContain(chip, detail.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<JsonArray> AlertsOfAsync(string deviceId)
    {
        var (status, alerts) = await _rig.SendAsync(HttpMethod.Get, "/api/v1/alerts");
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. alerts.AsArray().Where(a => (string)a!["deviceId"]! == deviceId).Select(a => a!.DeepClone())];
    }

    /// <summary>Polls <paramref name="path"/> until <paramref name="condition"/> holds (the presence arrives over MQTT).</summary>
    private async Task<(HttpStatusCode, JsonNode)> WaitForAsync(string path, Func<JsonNode, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Waits.Default);
        while (true)
        {
            var answer = await _rig.SendAsync(HttpMethod.Get, path);
            if (condition(answer.Body))
            {
                return answer;
            }
            await Task.Delay(50, timeout.Token);
        }
    }

    private async Task<IMqttClient> ConnectOnlineAsync(string deviceId, string password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(_rig.Agent.Broker.Address.ToString(), _rig.Agent.Broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(deviceId)
            .WithCredentials(deviceId, password)
            .WithCleanStart()
            .Build();
        using var timeout = new CancellationTokenSource(Waits.Default);
        await client.ConnectAsync(options, timeout.Token);
        var status = new TerminalStatus
        {
            State = TerminalStatus.Online,
            BootEpoch = 1,
            UptimeMs = 1000,
            SentAtUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            Reader = TerminalStatus.ReaderOk,
            JournalDepth = 3,
            Firmware = "2.1.0+fleet",
        };
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.Status(deviceId)).WithPayload(status.Encode())
            .WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
        return client;
    }
}
