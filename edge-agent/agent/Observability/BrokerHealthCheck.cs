using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Uitpas.Edge.Agent.Broker;

namespace Uitpas.Edge.Agent.Observability;

/// <summary>The broker: the embedded one listening, or the connection to the external one up. Unhealthy otherwise: no tap can arrive.</summary>
internal sealed class BrokerHealthCheck : IHealthCheck
{
    private readonly EmbeddedBroker? _embedded;
    private readonly ExternalBrokerClient? _external;

    public BrokerHealthCheck(IServiceProvider services)
    {
        _embedded = services.GetService<EmbeddedBroker>();
        _external = services.GetService<ExternalBrokerClient>();
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_embedded is not null)
        {
            var data = new Dictionary<string, object> { ["mode"] = "embedded", ["endpoint"] = _embedded.EndPoint?.ToString() ?? "" };
            return Task.FromResult(_embedded.IsListening
                ? HealthCheckResult.Healthy("embedded broker listening", data)
                : HealthCheckResult.Unhealthy("embedded broker not listening", data: data));
        }
        if (_external is not null)
        {
            var data = new Dictionary<string, object> { ["mode"] = "external" };
            return Task.FromResult(_external.IsConnected
                ? HealthCheckResult.Healthy("connected to the external broker", data)
                : HealthCheckResult.Unhealthy(_external.LastConnectFailure is { } why ? "not connected to the external broker: " + why : "not connected to the external broker", data: data));
        }
        return Task.FromResult(HealthCheckResult.Unhealthy("no broker registered"));
    }
}
