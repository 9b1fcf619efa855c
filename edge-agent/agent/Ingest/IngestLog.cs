using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Events;

namespace Uitpas.Edge.Agent.Ingest;

internal static partial class IngestLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} committed (card {CardTail}, replay {IsReplay})")]
    public static partial void Committed(ILogger logger, string deviceId, uint bootEpoch, uint sequence, string cardTail, bool isReplay);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} is a duplicate: acknowledged, not stored again (known result: {KnownResult})")]
    public static partial void Duplicate(ILogger logger, string deviceId, uint bootEpoch, uint sequence, string knownResult);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} was sent again with another card ({StoredCard} stored, {NewCard} now); the stored one stands")]
    public static partial void ConflictingDuplicate(ILogger logger, string deviceId, uint bootEpoch, uint sequence, string storedCard, string newCard);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Refused publish from client {ClientId} on {Topic}: {Kind}, {Reason}")]
    public static partial void Refused(ILogger logger, string clientId, string topic, RefusalKind kind, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} could not be stored; it is not acknowledged")]
    public static partial void StoreFailed(ILogger logger, string deviceId, uint bootEpoch, uint sequence, Exception exception);
}
