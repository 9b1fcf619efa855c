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

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Tap {DeviceId} {BootEpoch}/{Sequence} was in flight when the agent stopped (attempt {Attempt}); it is sent again, and central may count it twice")]
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
}
