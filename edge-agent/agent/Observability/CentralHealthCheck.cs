using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Relay;

namespace Uitpas.Edge.Agent.Observability;

/// <summary>
/// Central, from what the agent already saw (no call per probe): Degraded while the relay's
/// circuit breaker is not closed, or when the last call got no usable answer (network error,
/// timeout, 408, 5xx) within <see cref="OperationsOptions.CentralFailureWindow"/> and nothing
/// answered since. Never Unhealthy: without central the agent still takes every tap durably and
/// relays it later.
/// </summary>
internal sealed class CentralHealthCheck : IHealthCheck
{
    private readonly CentralCallLedger _ledger;
    private readonly CircuitBreaker? _breaker;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;

    public CentralHealthCheck(CentralCallLedger ledger, IServiceProvider services, TimeProvider time, IOptions<OperationsOptions> options)
    {
        _ledger = ledger;
        _breaker = services.GetService<CircuitBreaker>();
        _time = time;
        _window = options.Value.CentralFailureWindow;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var answered = _ledger.LastAnswered;
        var failed = _ledger.LastFailed;
        var data = new Dictionary<string, object>();
        if (answered is not null)
        {
            data["lastAnswer"] = Describe(answered);
        }
        if (failed is not null)
        {
            data["lastFailure"] = Describe(failed);
        }
        if (_breaker is not null)
        {
            var state = _breaker.State;
            data["circuitBreaker"] = state.ToString();
            if (state != CircuitState.Closed)
            {
                return Task.FromResult(HealthCheckResult.Degraded("central unreachable: the relay's circuit breaker is " + state, data: data));
            }
        }
        var now = _time.GetUtcNow();
        if (failed is not null && now - failed.At <= _window && (answered is null || answered.At < failed.At))
        {
            return Task.FromResult(HealthCheckResult.Degraded($"central gave no usable answer to the last call ({failed.Operation}: {failed.Detail})", data: data));
        }
        return Task.FromResult(HealthCheckResult.Healthy(answered is null ? "no call to central yet" : "central answers", data));
    }

    private static string Describe(CentralCall call) =>
        string.Create(CultureInfo.InvariantCulture, $"{call.At:O} {call.Operation}: {call.Outcome} ({call.Detail})");
}
