using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Uitpas.Edge.Central;

namespace Uitpas.Edge.Agent.Observability;

/// <summary>Registration of metrics, traces, health checks and the operations listener.</summary>
public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AgentMetrics"/> and <see cref="AgentGauges"/> (meter
    /// <see cref="AgentTelemetry.Name"/>, plus the runtime's own "System.Runtime" meter) with a
    /// Prometheus exporter, the health checks (broker, store, central, alarms), the central
    /// client's call observer and the <see cref="OperationsServer"/>. Traces (source
    /// <see cref="AgentTelemetry.Name"/> and the central client's HttpClient spans) are recorded
    /// when Agent:Telemetry:OtlpEndpoint is set (exported over OTLP, with the metrics) or
    /// Agent:Telemetry:Traces is true. Call it before the other components' hosted services are
    /// registered: its hosted services then start first (metrics see the first tap) and stop last.
    /// </summary>
    public static IServiceCollection AddUitpasEdgeObservability(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OperationsOptions>().Bind(configuration.GetSection(OperationsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OperationsOptions>, OperationsOptionsValidator>();
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<AgentMetrics>();
        services.AddSingleton<AgentGauges>();
        services.AddSingleton<CentralCallLedger>();
        services.AddHttpClient(CentralServiceCollectionExtensions.HttpClientName)
            .AddHttpMessageHandler(provider => ActivatorUtilities.CreateInstance<CentralCallObserver>(provider));

        services.AddHealthChecks()
            .AddCheck<BrokerHealthCheck>("broker")
            .AddCheck<StoreHealthCheck>("store")
            .AddCheck<CentralHealthCheck>("central")
            .AddCheck<AlarmsHealthCheck>("alarms");

        var telemetry = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("uitpas-edge-agent", serviceInstanceId: configuration["Agent:InstanceId"]))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(AgentTelemetry.Name, "System.Runtime");
                metrics.AddPrometheusExporter();
                if (telemetry.OtlpEndpoint.Length > 0)
                {
                    metrics.AddOtlpExporter((otlp, reader) =>
                    {
                        Otlp(otlp, telemetry, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)telemetry.MetricExportInterval.TotalMilliseconds;
                    });
                }
            });
        if (telemetry.TracesEnabled)
        {
            otel.WithTracing(tracing =>
            {
                tracing.AddSource(AgentTelemetry.Name);
                tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(telemetry.TraceSampleRatio)));
                tracing.AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = IsCentralCall);
                if (telemetry.OtlpEndpoint.Length > 0)
                {
                    tracing.AddOtlpExporter(otlp => Otlp(otlp, telemetry, "v1/traces"));
                }
            });
        }

        services.AddHostedService(provider =>
        {
            // Built at start so the gauges exist before the first scrape.
            provider.GetRequiredService<AgentGauges>();
            return provider.GetRequiredService<AgentMetrics>();
        });
        services.AddSingleton<OperationsServer>();
        services.AddHostedService(provider => provider.GetRequiredService<OperationsServer>());
        return services;
    }

    /// <summary>Only the agent's own calls to central are traced, and only inside one of its spans (not the simulator's or a test's).</summary>
    private static bool IsCentralCall(HttpRequestMessage request) =>
        System.Diagnostics.Activity.Current is { } parent && ReferenceEquals(parent.Source, AgentTelemetry.Source);

    /// <summary>gRPC takes the collector's address; OTLP/HTTP one URL per signal (an endpoint set in code is used as is).</summary>
    private static void Otlp(OtlpExporterOptions otlp, TelemetryOptions telemetry, string signalPath)
    {
        var endpoint = new Uri(telemetry.OtlpEndpoint);
        if (telemetry.OtlpProtocol == OtlpTransport.HttpProtobuf)
        {
            otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
            otlp.Endpoint = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
        }
        else
        {
            otlp.Protocol = OtlpExportProtocol.Grpc;
            otlp.Endpoint = endpoint;
        }
    }
}
