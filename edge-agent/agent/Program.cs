using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Hosting;

// The edge agent. Configuration: appsettings.json beside the program, environment variables
// (e.g. Central__ClientSecret), command line. What runs, in start order:
//   Store/          SQLite (or PostgreSQL for several instances) and its group-committing writer
//   Devices/        the device registry, seeded from Agent:Devices
//   Access/         who may connect (password file) and publish or subscribe where
//   Observability/  /alive, /health, /metrics (Prometheus), OpenTelemetry metrics and traces
//   Relay/          taps to central (leases, circuit breaker), results back to the terminals
//   Alarms/         store full, central unreachable
//   Presence/       the terminals' retained status (birth, last will)
//   Broker/         the embedded MQTT 5 broker (or a connection to an external one) feeding Ingest/
//   Snapshots/      allowlist and events snapshots for offline decisions
//   Configuration/  config push: layers, signed per-device documents, the terminals' reports
//   Fleet/, Api/    the IT workgroup's fleet view and the admin API (127.0.0.1:8090), Dashboard/ its pages
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Services.AddUitpasEdgeAgent(builder.Configuration);
using var host = builder.Build();
try
{
    await host.RunAsync();
    return 0;
}
catch (OptionsValidationException invalid)
{
    await Console.Error.WriteLineAsync("The configuration is not valid:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", invalid.Failures));
    return 2;
}
