using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Presence;

/// <summary>The presence component's log messages.</summary>
internal static partial class PresenceLog
{
    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Terminal {DeviceId} online (boot epoch {BootEpoch}, firmware {Firmware}, config {ConfigVersion}, journal {JournalDepth}, reader {Reader})")]
    public static partial void Online(ILogger logger, string deviceId, uint bootEpoch, string firmware, uint configVersion, uint journalDepth, string reader);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Warning, Message = "Terminal {DeviceId} went offline without saying goodbye (last will; boot epoch {BootEpoch}, journal {JournalDepth})")]
    public static partial void LostConnection(ILogger logger, string deviceId, uint bootEpoch, uint journalDepth);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Information, Message = "Terminal {DeviceId} stopped cleanly (boot epoch {BootEpoch}, journal {JournalDepth})")]
    public static partial void StoppedCleanly(ILogger logger, string deviceId, uint bootEpoch, uint journalDepth);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Warning, Message = "Status of {DeviceId} ignored: {Reason}")]
    public static partial void StatusInvalid(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 8105, Level = LogLevel.Debug, Message = "Stale last will of {DeviceId} ignored (boot epoch {WillEpoch}, the terminal is online with boot epoch {CurrentEpoch})")]
    public static partial void StaleWill(ILogger logger, string deviceId, uint willEpoch, uint currentEpoch);

    [LoggerMessage(EventId = 8106, Level = LogLevel.Warning, Message = "Reader of terminal {DeviceId} is {Reader} ({Faults} chip faults, {Resets} re-initialisations since boot)")]
    public static partial void ReaderUnhealthy(ILogger logger, string deviceId, string reader, uint faults, uint resets);

    [LoggerMessage(EventId = 8107, Level = LogLevel.Warning, Message = "Status of {DeviceId} could not be stored; kept in memory")]
    public static partial void StoreFailed(ILogger logger, string deviceId, Exception exception);

    [LoggerMessage(EventId = 8108, Level = LogLevel.Information, Message = "Presence loaded: {Count} terminals known, {Unconfirmed} last seen online before this start")]
    public static partial void Loaded(ILogger logger, int count, int unconfirmed);
}
