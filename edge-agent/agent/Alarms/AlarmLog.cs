using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Alarms;

internal static partial class AlarmLog
{
    [LoggerMessage(EventId = 8501, Level = LogLevel.Error, Message = "Alarm raised: {Kind}: {Detail}")]
    public static partial void Raised(ILogger logger, AlarmKind kind, string detail);

    [LoggerMessage(EventId = 8502, Level = LogLevel.Information, Message = "Alarm cleared: {Kind} (active for {Duration}): {Detail}")]
    public static partial void Cleared(ILogger logger, AlarmKind kind, TimeSpan duration, string detail);
}
