using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>With Agent:Telemetry:OtlpEndpoint set, spans and metrics reach an OTLP/HTTP collector (a stand-in that records what it is sent).</summary>
[Collection(nameof(TelemetryCollection))]
public sealed class OtlpExportTests : AgentTestBase
{
    private readonly Observed<string> _received = new();
    private WebApplication _collector = null!;
    private string _collectorUrl = "";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Agent:Telemetry:OtlpEndpoint"] = _collectorUrl,
        ["Agent:Telemetry:OtlpProtocol"] = "HttpProtobuf",
    };

    protected override async Task BeforeAgentStartsAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        _collector = builder.Build();
        _collector.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _received.Add($"{context.Request.Method} {context.Request.Path} {context.Request.ContentType} {body.Length}");
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await _collector.StartAsync();
        _collectorUrl = _collector.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task A_tap_s_spans_and_the_metrics_are_exported_over_otlp_http()
    {
        var terminal = await TerminalAsync("term-1");
        await terminal.TapAsync(1, 1, GoodCard(2));
        await terminal.ResultAsync(1, 1, TapOutcome.CheckedIn);

        // Disposing the host flushes both exporters (spans are batched for 5 s, metrics pushed every minute by default).
        await Agent.DisposeAsync();

        var traces = await _received.WaitAsync(r => r.StartsWith("POST /v1/traces application/x-protobuf", StringComparison.Ordinal), "spans at /v1/traces");
        var metrics = await _received.WaitAsync(r => r.StartsWith("POST /v1/metrics application/x-protobuf", StringComparison.Ordinal), "metrics at /v1/metrics");
        Assert.True(long.Parse(traces.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(long.Parse(metrics.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }
}
