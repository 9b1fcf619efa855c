using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Uitpas.Edge.Agent.Hosting;

namespace Uitpas.Edge.Agent.Observability;

/// <summary>
/// The operations listener (Kestrel on its own port, 127.0.0.1:9464 by default):
/// <c>GET /alive</c> 200 while the process runs; <c>GET /health</c> the health checks (broker,
/// store, central, alarms) as JSON, 200 when Healthy or Degraded, 503 when Unhealthy;
/// <c>GET /metrics</c> the agent's metrics in the Prometheus text format. Anything else is 404.
/// </summary>
public sealed class OperationsServer : IHostedService, IAsyncDisposable
{
    /// <summary>The liveness path.</summary>
    public const string AlivePath = "/alive";

    /// <summary>The health path.</summary>
    public const string HealthPath = "/health";

    /// <summary>The Prometheus scrape path.</summary>
    public const string MetricsPath = "/metrics";

    private readonly OperationsOptions _options;
    private readonly HealthCheckService _health;
    private readonly MeterProvider _meterProvider;
    private readonly ILogger<OperationsServer> _logger;
    private WebApplication? _app;

    /// <summary>Creates the listener; <see cref="StartAsync"/> listens.</summary>
    public OperationsServer(IOptions<OperationsOptions> options, HealthCheckService health, MeterProvider meterProvider, ILogger<OperationsServer> logger)
    {
        _options = options.Value;
        _health = health;
        _meterProvider = meterProvider;
        _logger = logger;
    }

    /// <summary>Where the listener is bound (the real port), once started; null when disabled or stopped.</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }
        var address = IPAddress.Parse(_options.BindAddress);
        var app = SideListener.CreateBuilder(typeof(OperationsServer), address, _options.Port).Build();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(_meterProvider, predicate: null, path: MetricsPath, configureBranchedPipeline: null, optionsName: null);
        app.UseRouting();
        app.MapGet(AlivePath, () => Results.Text("alive\n", "text/plain"));
        app.MapGet(HealthPath, HealthAsync);
        app.MapFallback(() => Results.NotFound());
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        EndPoint = SideListener.BoundEndPoint(app, address);
        ObservabilityLog.OperationsStarted(_logger, EndPoint.ToString());
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            _app = null;
            EndPoint = null;
            await SideListener.StopAsync(app, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private async Task HealthAsync(HttpContext context)
    {
        var report = await _health.CheckHealthAsync(context.RequestAborted).ConfigureAwait(false);
        if (report.Status != HealthStatus.Healthy)
        {
            ObservabilityLog.NotHealthy(_logger, report.Status, string.Join(", ", report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key)));
        }
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(HealthReportWriter.Write(report), context.RequestAborted).ConfigureAwait(false);
    }
}
