using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Fleet;

internal static partial class FleetLog
{
    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Device {DeviceId} created (card system {CardSystemId}); its password hash is in {PasswordFile}")]
    public static partial void Created(ILogger logger, string deviceId, int cardSystemId, string passwordFile);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Device {DeviceId} retired: credentials revoked, config key deleted, history kept")]
    public static partial void Retired(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Error, Message = "The password file {PasswordFile} could not be written for device {DeviceId}")]
    public static partial void PasswordFileFailed(ILogger logger, string deviceId, string passwordFile, Exception exception);
}
