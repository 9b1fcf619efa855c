using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MQTTnet;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Presence;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Presence;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>
/// Metrics and spans are process-wide listeners: these tests run alone, so no other test's agent
/// adds to the counters they read.
/// </summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

[Collection(nameof(TelemetryCollection))]
public sealed class OperationsEndpointTests : AgentTestBase
{
    private readonly HttpClient _http = new() { Timeout = Waits.Default };

    public override async Task DisposeAsync()
    {
        _http.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Alive_answers_200_while_the_agent_runs()
    {
        using var response = await _http.GetAsync(Url("/alive"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alive", (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task Health_is_healthy_with_broker_store_and_central_up()
    {
        var terminal = await TerminalAsync("term-1");
        await terminal.TapAsync(1, 1, GoodCard(0));
        await terminal.ResultAsync(1, 1, TapOutcome.CheckedIn);

        var (status, health) = await HealthAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        foreach (var check in new[] { "broker", "store", "central", "alarms" })
        {
            Assert.Equal("Healthy", health.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
        }
        Assert.Contains("kiosk check-in: ok", health.GetProperty("checks").GetProperty("central").GetProperty("data").GetProperty("lastAnswer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_is_degraded_naming_central_when_central_answers_503()
    {
        var terminal = await TerminalAsync("term-1");
        Central.Faults.ServiceUnavailable();
        await terminal.TapAsync(1, 1, GoodCard(1));
        await Agent.Events.WaitAsync<RelayAttempted>(a => a.Outcome == CentralOutcome.Unavailable);

        var (status, health) = await HealthAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        var central = health.GetProperty("checks").GetProperty("central");
        Assert.Equal("Degraded", central.GetProperty("status").GetString());
        Assert.Contains("HTTP 503", central.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("broker").GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());

        Central.Faults.Clear();
        await terminal.ResultAsync(1, 1, TapOutcome.CheckedIn);
        var (_, recovered) = await HealthAsync();
        Assert.Equal("Healthy", recovered.GetProperty("checks").GetProperty("central").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_is_unhealthy_naming_the_store_when_the_store_is_closed()
    {
        using var stop = new CancellationTokenSource(Waits.Default);
        await Agent.Host.Services.GetRequiredService<StoreWriter>().StopAsync(stop.Token);

        var (status, health) = await HealthAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", health.GetProperty("status").GetString());
        var store = health.GetProperty("checks").GetProperty("store");
        Assert.Equal("Unhealthy", store.GetProperty("status").GetString());
        Assert.Contains("store", store.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("broker").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_count_committed_duplicate_and_refused_taps_and_their_relay()
    {
        const int taps = 7;
        var terminal = await TerminalAsync("term-1");
        for (uint sequence = 1; sequence <= taps; sequence++)
        {
            await terminal.TapAsync(4, sequence, GoodCard((int)sequence));
        }
        for (uint sequence = 1; sequence <= taps; sequence++)
        {
            await terminal.ResultAsync(4, sequence, TapOutcome.CheckedIn);
        }
        var again = await terminal.TapAsync(4, 3, GoodCard(3));
        var malformed = await terminal.PublishAsync(Topics.Tap("term-1"), [1, 2, 3]);
        var stranger = await terminal.PublishAsync(Topics.Tap("ghost-9"), TestTerminal.Tap(1, 1, GoodCard(1)));
        Assert.Equal(MqttClientPublishReasonCode.Success, again.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, malformed.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, stranger.ReasonCode);
        var presence = new Observed<TerminalPresence>();
        Agent.Host.Services.GetRequiredService<PresenceTracker>().Changed += presence.Add;
        var neighbour = await TerminalAsync("term-2", subscribe: false);
        var status = new TerminalStatus { State = TerminalStatus.Online, BootEpoch = 2, JournalDepth = 5, Reader = TerminalStatus.ReaderDegraded, Firmware = "test" };
        await neighbour.PublishAsync(Topics.Status("term-2"), status.Encode());
        await presence.WaitAsync(p => p.DeviceId == "term-2" && p.Online, "term-2 online");
        // The duplicate is answered with its stored result once more.
        var answers = 0;
        await Agent.Events.WaitAsync<ResultPublished>(r => r.BootEpoch == 4 && r.Sequence == 3 && ++answers == 2);

        var metrics = await MetricsAsync();

        metrics.AssertValue(taps, "uitpas_edge_taps_committed_total", "replay=false");
        metrics.AssertValue(1, "uitpas_edge_taps_duplicates_total");
        metrics.AssertValue(1, "uitpas_edge_taps_refused_total", "kind=PayloadInvalid");
        metrics.AssertValue(1, "uitpas_edge_taps_refused_total", "kind=UnknownDevice");
        metrics.AssertValue(taps, "uitpas_edge_taps_commit_duration_seconds_count");
        Assert.True(metrics.Value("uitpas_edge_taps_commit_duration_seconds_sum") > 0);
        metrics.AssertValue(taps, "uitpas_edge_relay_attempts_total", "outcome=Ok");
        metrics.AssertValue(taps, "uitpas_edge_relay_settled_total", "credit=Credited");
        metrics.AssertValue(taps + 1, "uitpas_edge_results_published_total", "outcome=CheckedIn", "delivered=true");
        metrics.AssertValue(taps, "uitpas_edge_central_call_duration_seconds_count", "operation=kiosk check-in", "outcome=ok");
        metrics.AssertValue(0, "uitpas_edge_relay_backlog");
        metrics.AssertValue(0, "uitpas_edge_alarms_active", "kind=StoreFull");
        metrics.AssertValue(2, "uitpas_edge_broker_connections");
        metrics.AssertValue(1, "uitpas_edge_terminals", "state=online");
        metrics.AssertValue(5, "uitpas_edge_terminals_journal_depth");
        metrics.AssertValue(5, "uitpas_edge_terminals_journal_depth_max");
        metrics.AssertValue(1, "uitpas_edge_terminals_reader", "health=degraded");
    }

    [Theory]
    [InlineData("Agent:Operations:BindAddress", "ops.local", "Agent:Operations:BindAddress must be an IP address")]
    [InlineData("Agent:Operations:Port", "70000", "Agent:Operations: ")]
    [InlineData("Agent:Telemetry:OtlpEndpoint", "collector:4317", "Agent:Telemetry:OtlpEndpoint must be an absolute http(s) URL")]
    public async Task Operations_or_telemetry_settings_that_are_not_valid_stop_the_agent_at_start(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>(Central.ClientSettings())
        {
            ["Agent:DataDirectory"] = Path.Combine(DataDirectory, "invalid"),
            ["Agent:Broker:Embedded:Port"] = "0",
            [key] = value,
        };
        using var host = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(failure.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    private string Url(string path) => "http://" + (Agent.Host.GetOperationsEndPoint() ?? throw new InvalidOperationException("no operations listener")) + path;

    private async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync()
    {
        using var response = await _http.GetAsync(Url("/health"));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    private async Task<PrometheusText> MetricsAsync()
    {
        using var response = await _http.GetAsync(Url("/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "uitpas-h5-last-metrics.txt"), text);
        return PrometheusText.Parse(text);
    }
}
