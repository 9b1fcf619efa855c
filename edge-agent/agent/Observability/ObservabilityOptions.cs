using System.ComponentModel.DataAnnotations;

namespace Uitpas.Edge.Agent.Observability;

/// <summary>The operations HTTP listener (/alive, /health, /metrics). Bound from "Agent:Operations".</summary>
public sealed class OperationsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent:Operations";

    /// <summary>Whether the listener runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>IP address to listen on: 127.0.0.1 (default, this machine only), 0.0.0.0, ::1 or ::.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port (default 9464, the usual Prometheus exporter port); 0 picks a free one (see AgentHost.GetOperationsEndPoint).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 9464;

    /// <summary>Longest wait for the store's health probe (a no-op through the store writer).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StoreProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the last failed call to central keeps the central check Degraded when no call succeeded since.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CentralFailureWindow { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>OpenTelemetry export. Bound from "Agent:Telemetry".</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent:Telemetry";

    /// <summary>OTLP collector (e.g. http://collector:4317); empty: no OTLP export (Prometheus scraping still works).</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>OTLP transport: Grpc (default, port 4317) or HttpProtobuf (port 4318).</summary>
    public OtlpTransport OtlpProtocol { get; set; } = OtlpTransport.Grpc;

    /// <summary>How often metrics are pushed to the OTLP endpoint (Prometheus scrapes whenever it likes).</summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Record trace spans even without an OTLP endpoint (for an exporter added in code). Traces
    /// are on whenever <see cref="OtlpEndpoint"/> is set; when neither, no span is created at all.
    /// </summary>
    public bool Traces { get; set; }

    /// <summary>Share of traces recorded (0 to 1; default 1: every tap). Lower it for a large fleet exporting over OTLP.</summary>
    public double TraceSampleRatio { get; set; } = 1.0;

    /// <summary>True when spans are recorded.</summary>
    public bool TracesEnabled => Traces || OtlpEndpoint.Length > 0;
}

/// <summary>The OTLP transport.</summary>
public enum OtlpTransport
{
    /// <summary>gRPC.</summary>
    Grpc,

    /// <summary>HTTP with protobuf bodies.</summary>
    HttpProtobuf,
}
