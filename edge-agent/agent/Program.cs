using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Hosting;

// The edge agent. Configuration: appsettings.json beside the program, environment variables
// (e.g. Central__ClientSecret), command line. What runs, in start order:
//   Store/    the SQLite file and its single group-committing writer
//   Devices/  the device registry, seeded from Agent:Devices
//   Relay/    taps to central, results back to the terminals
//   Broker/   the embedded MQTT 5 broker (or a connection to an external one) feeding Ingest/
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
