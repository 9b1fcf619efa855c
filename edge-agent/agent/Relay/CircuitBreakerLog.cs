using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Relay;

internal static partial class CircuitBreakerLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Circuit to central opened after {Failures} calls without a usable answer (last: {Failure}); no calls for {OpenFor}")]
    public static partial void Opened(ILogger logger, int failures, string failure, TimeSpan openFor);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Circuit to central half-open: one probe call is let through")]
    public static partial void Probing(ILogger logger);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Probe call to central failed ({Failure}); circuit open again for {OpenFor}")]
    public static partial void Reopened(ILogger logger, string failure, TimeSpan openFor);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Central answers again; circuit closed")]
    public static partial void Closed(ILogger logger);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} waits {Delay}: the circuit to central is open (no call made)")]
    public static partial void Paused(ILogger logger, string deviceId, uint bootEpoch, uint sequence, TimeSpan delay);
}
