using Microsoft.Extensions.Logging;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Relay;

internal static partial class RelayLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} checked in: +{Points}, total {Total}")]
    public static partial void CheckedIn(ILogger logger, string deviceId, uint bootEpoch, uint sequence, int points, int total);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} refused by central: {Reason} (HTTP {Status})")]
    public static partial void Refused(ILogger logger, string deviceId, uint bootEpoch, uint sequence, string reason, int? status);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} attempt {Attempt}: central unavailable ({Failure}); next attempt in {Delay}")]
    public static partial void Unavailable(ILogger logger, string deviceId, uint bootEpoch, uint sequence, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} was in flight when the agent stopped (attempt {Attempt}); central's check-in history is consulted before it is sent again")]
    public static partial void Interrupted(ILogger logger, string deviceId, uint bootEpoch, uint sequence, int attempt);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Tap {DeviceId} {BootEpoch}/{Sequence}: its device is no longer registered; rejected without calling central")]
    public static partial void Unregistered(ILogger logger, string deviceId, uint bootEpoch, uint sequence);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Result {Outcome} for tap {DeviceId} {BootEpoch}/{Sequence} published (delivered to the broker: {Delivered})")]
    public static partial void ResultPublished(ILogger logger, TapOutcome outcome, string deviceId, uint bootEpoch, uint sequence, bool delivered);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "Relay of device {DeviceId} failed unexpectedly; retrying in {Delay}")]
    public static partial void LaneFailed(ILogger logger, string deviceId, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error, Message = "The central client threw for tap {DeviceId} {BootEpoch}/{Sequence}; treated as unavailable")]
    public static partial void ClientThrew(ILogger logger, string deviceId, uint bootEpoch, uint sequence, Exception exception);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Error, Message = "Tap {DeviceId} {BootEpoch}/{Sequence}: central refused the agent's credentials or the device's kiosk token ({Problem}); the tap waits until the configuration is fixed")]
    public static partial void AgentRefused(ILogger logger, string deviceId, uint bootEpoch, uint sequence, string problem);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information, Message = "Relay started: {Devices} devices have unrelayed taps")]
    public static partial void Started(ILogger logger, int devices);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} attempt {Attempt}: central's answer was lost ({Failure}); its check-in history is consulted in {Delay} before the tap is sent again")]
    public static partial void OutcomeUnknown(ILogger logger, string deviceId, uint bootEpoch, uint sequence, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} is late: checked in at event {EventId}, the one its device had when it was tapped")]
    public static partial void LateRoute(ILogger logger, string deviceId, uint bootEpoch, uint sequence, string eventId);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} is late, but no event assignment of its device covers its time: checked in at the kiosk's current event")]
    public static partial void LateWithoutAssignment(ILogger logger, string deviceId, uint bootEpoch, uint sequence);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Information, Message = "Tap {DeviceId} {BootEpoch}/{Sequence}: central's history shows it was counted; credited without calling again (+{Points}, total {Total})")]
    public static partial void CountedFromHistory(ILogger logger, string deviceId, uint bootEpoch, uint sequence, int points, int total);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Information, Message = "Tap {DeviceId} {BootEpoch}/{Sequence}: central's history shows it was not counted; it may be sent again")]
    public static partial void NotCounted(ILogger logger, string deviceId, uint bootEpoch, uint sequence);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Warning, Message = "Tap {DeviceId} {BootEpoch}/{Sequence}: cannot consult central's history now ({Failure}); asking again in {Delay}")]
    public static partial void Undecided(ILogger logger, string deviceId, uint bootEpoch, uint sequence, string failure, TimeSpan delay);

    [LoggerMessage(EventId = 4017, Level = LogLevel.Warning, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} not credited: the check-in window of event {EventId} had passed when it was relayed; kept for the report")]
    public static partial void WindowClosed(ILogger logger, string deviceId, uint bootEpoch, uint sequence, string? eventId);

    [LoggerMessage(EventId = 4018, Level = LogLevel.Error, Message = "Tap {DeviceId} {BootEpoch}/{Sequence}: central's check-in {CheckinId} was already attributed to another tap; stored without attribution")]
    public static partial void ClaimConflict(ILogger logger, string deviceId, uint bootEpoch, uint sequence, string checkinId);

    [LoggerMessage(EventId = 4019, Level = LogLevel.Warning, Message = "Tap {DeviceId} {BootEpoch}/{Sequence}: checkin-not-allowed cannot be told apart (limit or window) without Agent:Relay:OrganizerIds; stored as refused")]
    public static partial void Unclassified(ILogger logger, string deviceId, uint bootEpoch, uint sequence);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "Agent:Relay:OrganizerIds is empty: a tap whose call to central got no answer cannot be checked against central's history and will wait")]
    public static partial void NoOrganizers(ILogger logger);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Warning, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} attempt {Attempt}: central was called but its answer could not be stored; central's check-in history is consulted before it is sent again")]
    public static partial void AnswerNotStored(ILogger logger, string deviceId, uint bootEpoch, uint sequence, int attempt);
}
