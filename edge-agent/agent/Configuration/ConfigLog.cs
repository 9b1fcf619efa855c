using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Configuration;

/// <summary>The config push component's log messages (never a key, never a document's bytes).</summary>
internal static partial class ConfigLog
{
    [LoggerMessage(EventId = 8601, Level = LogLevel.Information, Message = "Config twins loaded: {Count} devices with a stored document or report")]
    public static partial void Loaded(ILogger logger, int count);

    [LoggerMessage(EventId = 8602, Level = LogLevel.Information, Message = "Config layer {Scope} {ScopeId} changed ({Changes} settings): {Devices} devices get a new document")]
    public static partial void LayerChanged(ILogger logger, string scope, string scopeId, int changes, int devices);

    [LoggerMessage(EventId = 8603, Level = LogLevel.Information, Message = "Config version {Version} made for {DeviceId} ({Settings} settings)")]
    public static partial void DocumentMade(ILogger logger, string deviceId, uint version, int settings);

    [LoggerMessage(EventId = 8604, Level = LogLevel.Warning, Message = "Config of {DeviceId} not published now (broker unavailable); retried")]
    public static partial void NotPublished(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 8605, Level = LogLevel.Information, Message = "Terminal {DeviceId} applied config version {Applied} (desired {Desired})")]
    public static partial void Applied(ILogger logger, string deviceId, uint applied, uint desired);

    [LoggerMessage(EventId = 8606, Level = LogLevel.Warning, Message = "Terminal {DeviceId} refused config version {Version}: {Reason} ({Detail}); it keeps version {Applied}")]
    public static partial void Refused(ILogger logger, string deviceId, uint version, string reason, string detail, uint applied);

    [LoggerMessage(EventId = 8607, Level = LogLevel.Warning, Message = "Config report of {DeviceId} ignored: {Reason}")]
    public static partial void ReportInvalid(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 8608, Level = LogLevel.Warning, Message = "Config report of {DeviceId} could not be stored; kept in memory")]
    public static partial void StoreFailed(ILogger logger, string deviceId, Exception exception);

    [LoggerMessage(EventId = 8609, Level = LogLevel.Error, Message = "Config document for {DeviceId} could not be made: {Reason}")]
    public static partial void SignFailed(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 8610, Level = LogLevel.Warning, Message = "Config round failed; tried again later")]
    public static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8611, Level = LogLevel.Information, Message = "Terminal {DeviceId} is at config version {Applied}, ahead of the agent's {Desired}: version {Next} follows")]
    public static partial void TerminalAhead(ILogger logger, string deviceId, uint applied, uint desired, uint next);

    [LoggerMessage(EventId = 8612, Level = LogLevel.Information, Message = "Terminal {DeviceId} has not reported config version {Version} {Waited} after it was published: published again")]
    public static partial void Resent(ILogger logger, string deviceId, uint version, TimeSpan waited);
}
