using Microsoft.Extensions.Diagnostics.HealthChecks;
using Uitpas.Edge.Agent.Alarms;

namespace Uitpas.Edge.Agent.Observability;

/// <summary>The agent's alarms (<see cref="AlarmBoard"/>): Degraded while any is active, with each alarm's kind, start and detail.</summary>
internal sealed class AlarmsHealthCheck : IHealthCheck
{
    private readonly AlarmBoard _alarms;

    public AlarmsHealthCheck(AlarmBoard alarms)
    {
        _alarms = alarms;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var active = _alarms.Active;
        if (active.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("no active alarm"));
        }
        var data = active.ToDictionary(alarm => alarm.Kind.ToString(), alarm => (object)$"since {alarm.Since:O}: {alarm.Detail}");
        return Task.FromResult(HealthCheckResult.Degraded("active alarms: " + string.Join(", ", active.Select(alarm => alarm.Kind)), data: data));
    }
}
