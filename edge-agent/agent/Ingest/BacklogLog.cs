using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Ingest;

internal static partial class BacklogLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Relay backlog: {Count} unrelayed taps in the store (cap {Cap})")]
    public static partial void Seeded(ILogger logger, long count, int cap);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Relay backlog recounted: {Counted} unrelayed taps in the store (counted {Kept} in memory)")]
    public static partial void Corrected(ILogger logger, long kept, long counted);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Relay backlog could not be recounted; the in-memory count stands")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} refused: the store is at its cap; the terminal keeps it")]
    public static partial void Refused(ILogger logger, string deviceId, uint bootEpoch, uint sequence);
}
