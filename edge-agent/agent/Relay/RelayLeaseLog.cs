using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Relay;

/// <summary>Logs of the relay's leases (several instances on one database).</summary>
internal static partial class RelayLeaseLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Device {DeviceId} is relayed by instance {Owner}; this instance leaves it")]
    public static partial void HeldElsewhere(ILogger logger, string deviceId, string? owner);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Instance {InstanceId} took over the relay of device {DeviceId} from {PreviousOwner}; {Count} taps it left in flight are reconciled before anything is sent again")]
    public static partial void TookOver(ILogger logger, string instanceId, string deviceId, string previousOwner, int count);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Instance {InstanceId} lost the relay lease of device {DeviceId} to another instance; its lane stops")]
    public static partial void Lost(ILogger logger, string instanceId, string deviceId);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "Relay lease of device {DeviceId}: {Operation} failed; retrying")]
    public static partial void LeaseFailed(ILogger logger, string deviceId, string operation, Exception exception);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Warning, Message = "Looking for devices to relay failed; retrying in {Delay}")]
    public static partial void PollFailed(ILogger logger, TimeSpan delay, Exception exception);
}
