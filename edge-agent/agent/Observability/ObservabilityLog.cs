using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Observability;

internal static partial class ObservabilityLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Operations listener on http://{EndPoint}: /alive, /health, /metrics")]
    public static partial void OperationsStarted(ILogger logger, string endPoint);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Debug, Message = "Health is {Status}: {Checks}")]
    public static partial void NotHealthy(ILogger logger, HealthStatus status, string checks);
}
