using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;
using Uitpas.Edge.Agent.Configuration;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.Agent.Tests.Configuration;

/// <summary>
/// Config push over the real embedded broker: layers per scope, inheritance downward, signed
/// documents retained per device, versions, reports on config-state, the API's answers and the
/// broker's topic rules for config and config-state.
/// </summary>
public sealed class ConfigPushTests : ConfigTestBase
{
    [Fact]
    public async Task A_push_to_a_venue_reaches_exactly_the_venues_devices_signed_with_each_devices_key()
    {
        await AssignAsync("oost-vlaanderen", "gent", "vooruit", "term-1", "term-2");
        await AssignAsync("oost-vlaanderen", "gent", "ntgent", "term-3");
        var t1 = await TerminalAsync("term-1");
        var t2 = await TerminalAsync("term-2");
        var t3 = await TerminalAsync("term-3");

        var response = await PutAsync("venue", "vooruit", """{"settings": {"resultShownMs": 6000, "language": "fr"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("venue", body.GetProperty("scope").GetString());
        Assert.Equal("vooruit", body.GetProperty("scopeId").GetString());
        Assert.Equal("6000", body.GetProperty("settings").GetProperty("resultShownMs").GetString());
        var devices = body.GetProperty("devices").EnumerateArray().Select(d => (d.GetProperty("id").GetString(), d.GetProperty("desiredVersion").GetUInt32())).ToArray();
        Assert.Equal([("term-1", 1u), ("term-2", 1u)], devices);
        foreach (var terminal in new[] { t1, t2 })
        {
            var received = await terminal.Documents.WaitAsync(d => d.Document.Version == 1, $"version 1 at {terminal.DeviceId}");
            Assert.True(received.SignatureValid);
            Assert.Equal(terminal.DeviceId, received.Document.DeviceId);
            Assert.Equal("6000", received.Setting(ConfigSettings.ResultShownMs));
            Assert.Equal("fr", received.Setting(ConfigSettings.Language));
            Assert.Equal(2, received.Document.Settings.Count);
        }
        // Each document is signed with its own device's key: term-1's does not verify under term-2's.
        Assert.False(t1.Documents.All[0].Document.Verify(Snapshots.NetHmacSha256.Instance, KeyOf("term-2")));

        // term-3 (another venue of the same municipality) gets its first document only from the municipality's push.
        await PutAsync("municipality", "gent", """{"settings": {"retapWindowMs": "5000"}}""");
        var first = await t3.Documents.WaitAsync(_ => true, "a document at term-3");
        Assert.Equal(1u, first.Document.Version);
        Assert.Equal("5000", first.Setting(ConfigSettings.RetapWindowMs));
        Assert.Null(first.Setting(ConfigSettings.ResultShownMs));
        var second = await t1.Documents.WaitAsync(d => d.Document.Version == 2, "version 2 at term-1");
        Assert.Equal("5000", second.Setting(ConfigSettings.RetapWindowMs));
        Assert.Equal("6000", second.Setting(ConfigSettings.ResultShownMs));
        Assert.Null(Status.StatusOf("term-4")!.EffectiveSettings.GetValueOrDefault(ConfigSettings.RetapWindowMs));
        Assert.Equal("none", Status.StatusOf("term-4")!.State);
    }

    [Fact]
    public async Task The_device_layer_overrides_the_region_and_removing_it_falls_back()
    {
        await AssignAsync("limburg", "hasselt", "grenslandhallen", "term-1", "term-2");
        var t1 = await TerminalAsync("term-1");
        var t2 = await TerminalAsync("term-2");

        await PutAsync("region", "limburg", """{"settings": {"language": "fr", "statusIntervalMs": 60000}}""");
        var put = await PutAsync("device", "term-1", """{"settings": {"language": "en"}}""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var t1Doc = await t1.Documents.WaitAsync(d => d.Setting(ConfigSettings.Language) == "en", "language en at term-1");
        Assert.Equal("60000", t1Doc.Setting(ConfigSettings.StatusIntervalMs));
        var t2Doc = await t2.Documents.WaitAsync(d => d.Document.Version == 1, "version 1 at term-2");
        Assert.Equal("fr", t2Doc.Setting(ConfigSettings.Language));
        Assert.Equal("en", Status.StatusOf("term-1")!.EffectiveSettings[ConfigSettings.Language]);

        await PutAsync("device", "term-1", """{"settings": {"language": null}}""");
        var back = await t1.Documents.WaitAsync(d => d.Document.Version == t1Doc.Document.Version + 1, "the region's language back at term-1");
        Assert.Equal("fr", back.Setting(ConfigSettings.Language));
        var layer = await Http.GetFromJsonAsync<JsonElement>("/api/v1/config/device/term-1");
        Assert.Empty(layer.GetProperty("settings").EnumerateObject());
        // term-2 only ever got its version 1 (maybe twice: a document not reported is published again).
        Assert.All(t2.Documents.All, d => Assert.Equal(1u, d.Document.Version));
    }

    [Fact]
    public async Task A_document_its_terminal_does_not_report_is_published_again_until_the_terminal_applies_it()
    {
        await AssignAsync("antwerpen", "mechelen", "nekker", "term-1");
        var t1 = await TerminalAsync("term-1");

        await PutAsync("device", "term-1", """{"settings": {"language": "en"}}""");
        // The terminal gets the document but does not report it, as one that missed it would not.
        var first = await t1.Documents.WaitAsync(d => d.Document.Version == 1, "version 1 at term-1");
        var again = await t1.Documents.WaitAsync(d => d.Document.Version == 1 && !ReferenceEquals(d, first), "version 1 again at term-1",
            LaggingResends.First * 3);

        Assert.True(again.SignatureValid);
        Assert.Equal("en", again.Setting(ConfigSettings.Language));
        Assert.Equal("pending", Status.StatusOf("term-1")!.State);
        await t1.ReportAppliedAsync(1);
        await WaitForAsync(() => Status.StatusOf("term-1")!.State == "applied", "version 1 applied at term-1");
    }

    [Fact]
    public async Task Versions_are_monotonic_and_heal_when_a_terminal_reports_a_higher_applied_version()
    {
        await AssignAsync("antwerpen", "mechelen", "nekkerhal", "term-1");
        var t1 = await TerminalAsync("term-1");
        var changed = new Observed<string>();
        Status.Changed += changed.Add;

        await PutAsync("venue", "nekkerhal", """{"settings": {"resultTimeoutMs": 2500}}""");
        var v1 = await t1.Documents.WaitAsync(d => d.Document.Version == 1, "version 1");
        await t1.ReportAppliedAsync(1);
        await WaitForAsync(() => Status.StatusOf("term-1") is { State: "applied", AppliedVersion: 1 }, "term-1 applied 1");

        // The terminal is at 9 (e.g. the agent's database was restored from an old backup): the agent follows with 10, same settings.
        await t1.ReportAppliedAsync(9);
        var healed = await t1.Documents.WaitAsync(d => d.Document.Version == 10, "version 10 after the terminal reported 9");
        Assert.True(healed.SignatureValid);
        Assert.Equal("2500", healed.Setting(ConfigSettings.ResultTimeoutMs));
        Assert.Equal(10u, Status.StatusOf("term-1")!.DesiredVersion);
        Assert.Equal("pending", Status.StatusOf("term-1")!.State);
        await t1.ReportAppliedAsync(10);
        await WaitForAsync(() => Status.StatusOf("term-1") is { State: "applied", AppliedVersion: 10 }, "term-1 applied 10");

        var next = await PutAsync("venue", "nekkerhal", """{"settings": {"resultTimeoutMs": 3000}}""");
        Assert.Contains("\"desiredVersion\":11", await next.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await t1.Documents.WaitAsync(d => d.Document.Version == 11, "version 11");
        Assert.Equal(new uint[] { 1, 10, 11 }, t1.Documents.All.Select(d => d.Document.Version).Distinct().ToArray());
        Assert.NotEqual(v1.Document.Payload, healed.Document.Payload);
        await changed.WaitAsync(id => id == "term-1", "a Changed event for term-1");

        // Pushing the same value again changes no document.
        var same = await PutAsync("venue", "nekkerhal", """{"settings": {"resultTimeoutMs": 3000}}""");
        Assert.Empty((await same.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("devices").EnumerateArray());
    }

    [Fact]
    public async Task A_refused_report_shows_in_the_status_with_its_reason_until_a_newer_version_is_applied()
    {
        await AssignAsync("vlaams-brabant", "leuven", "het-depot", "term-2");
        var t2 = await TerminalAsync("term-2");
        var changed = new Observed<string>();
        Status.Changed += changed.Add;
        await PutAsync("device", "term-2", """{"settings": {"replayIntervalMs": 20000}}""");
        await t2.Documents.WaitAsync(d => d.Document.Version == 1, "version 1");

        await t2.ReportAsync(ConfigReport.ForRefused(1, 0, ConfigRefusal.Signature, "HMAC mismatch: tampered or another key", 1_764_000_000_000));
        await changed.WaitAsync(id => id == "term-2", "a Changed event for term-2");
        await WaitForAsync(() => Status.StatusOf("term-2")?.State == "refused", "term-2 refused");
        var refused = Status.StatusOf("term-2")!;
        Assert.Equal(1u, refused.DesiredVersion);
        Assert.Equal(0u, refused.AppliedVersion);
        Assert.Equal(new ConfigRefusalInfo(1, "signature", "HMAC mismatch: tampered or another key", DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000)),
            refused.LastRefusal);
        Assert.Contains(Agent.Logs.Entries, e => e.Message.Contains("Terminal term-2 refused config version 1: signature", StringComparison.Ordinal));

        await PutAsync("device", "term-2", """{"settings": {"replayIntervalMs": 25000}}""");
        await t2.Documents.WaitAsync(d => d.Document.Version == 2, "version 2");
        Assert.Equal("pending", Status.StatusOf("term-2")!.State);
        Assert.NotNull(Status.StatusOf("term-2")!.LastRefusal);
        await t2.ReportAppliedAsync(2);
        await WaitForAsync(() => Status.StatusOf("term-2") is { State: "applied", LastRefusal: null }, "term-2 applied 2, refusal cleared");
    }

    [Fact]
    public async Task A_bad_key_or_value_is_answered_400_with_the_ConfigSettings_sentence_and_nothing_is_stored()
    {
        await AssignAsync("west-vlaanderen", "brugge", "concertgebouw", "term-1");

        var tooShort = await PutAsync("venue", "concertgebouw", """{"settings": {"language": "de", "resultTimeoutMs": 50}}""");
        var unknown = await PutAsync("region", "west-vlaanderen", """{"settings": {"volume": "11"}}""");
        var notJson = await PutAsync("region", "west-vlaanderen", "{settings");
        var noDevice = await PutAsync("device", "term-99", """{"settings": {"language": "nl"}}""");
        var noScope = await PutAsync("country", "be", """{"settings": {"language": "nl"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal("application/problem+json", tooShort.Content.Headers.ContentType?.MediaType);
        var problem = await tooShort.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ConfigSettings.Validate("language", "de"), problem.GetProperty("detail").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(ConfigSettings.Validate("volume", null), (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noDevice.StatusCode);
        Assert.Contains("term-99", (await noDevice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noScope.StatusCode);

        var layer = await Http.GetFromJsonAsync<JsonElement>("/api/v1/config/venue/concertgebouw");
        Assert.Empty(layer.GetProperty("settings").EnumerateObject());
        Assert.Empty(Status.StatusOf("term-1")!.EffectiveSettings);
        Assert.Equal(0u, Status.StatusOf("term-1")!.DesiredVersion);
    }

    [Fact]
    public async Task A_terminal_cannot_publish_any_config_nor_another_terminals_config_state()
    {
        await AssignAsync("limburg", "genk", "c-mine", "term-1", "term-2");
        var t1 = await TerminalAsync("term-1");
        var t2 = await TerminalAsync("term-2");
        var forged = new ConfigDocument("term-2", 50, 1, new System.Collections.Hashtable { ["language"] = "en" }).Sign(Snapshots.NetHmacSha256.Instance, KeyOf("term-1"));

        var ownConfig = await t1.PublishAsync(Topics.Config("term-1"), forged);
        var otherConfig = await t1.PublishAsync(Topics.Config("term-2"), forged);
        var otherReport = await t1.PublishAsync(Topics.ConfigState("term-2"), ConfigReport.ForApplied(50, 1).Encode());
        var ownReport = await t1.PublishAsync(Topics.ConfigState("term-1"), ConfigReport.ForApplied(0, 1).Encode());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, ownConfig.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, otherConfig.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, otherReport.ReasonCode);
        Assert.Contains("term-2", otherReport.ReasonString, StringComparison.Ordinal);
        Assert.True(ownReport.IsSuccess, ownReport.ReasonString);
        Assert.Equal(0u, Status.StatusOf("term-2")!.AppliedVersion);

        // What term-2 then receives is the agent's own document only.
        await PutAsync("venue", "c-mine", """{"settings": {"language": "nl"}}""");
        var received = await t2.Documents.WaitAsync(d => d.Document.Version == 1, "the agent's version 1 at term-2");
        Assert.True(received.SignatureValid);
        Assert.All(t2.Documents.All, d => Assert.True(d.SignatureValid));
    }

    [Fact]
    public async Task After_an_agent_restart_the_same_document_bytes_are_retained_again()
    {
        await AssignAsync("antwerpen", "antwerpen", "de-roma", "term-4");
        await PutAsync("venue", "de-roma", """{"settings": {"resultShownMs": 4500}}""");
        var before = await (await TerminalAsync("term-4")).Documents.WaitAsync(d => d.Document.Version == 1, "version 1 before the restart");

        await RestartAgentAsync();

        var after = await (await TerminalAsync("term-4")).Documents.WaitAsync(_ => true, "a document after the restart");
        Assert.True(after.Retained);
        Assert.Equal(before.Document.Payload, after.Document.Payload);
        Assert.Equal(1u, Status.StatusOf("term-4")!.DesiredVersion);
        Assert.Equal("4500", (await Http.GetFromJsonAsync<JsonElement>("/api/v1/config/venue/de-roma")).GetProperty("settings").GetProperty("resultShownMs").GetString());
    }
}
