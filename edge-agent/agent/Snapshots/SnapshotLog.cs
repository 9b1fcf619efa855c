using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>The snapshot component's log messages: never a full chip number or UiTPAS number, never a key.</summary>
internal static partial class SnapshotLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Allowlist of card system {CardSystemId} built: version {Version}, {Blocked} blocked and {SocialTariff} social-tariff cards, {Length} bytes, {Deltas} delta")]
    public static partial void AllowlistBuilt(ILogger logger, int cardSystemId, uint version, int blocked, int socialTariff, long length, int deltas);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Events snapshot of {DeviceId} built: version {Version}, {Events} events, {Length} bytes")]
    public static partial void EventsBuilt(ILogger logger, string deviceId, uint version, int events, long length);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Social-tariff export of card system {CardSystemId} failed: {Outcome}; the last one stored is used")]
    public static partial void ExportFailed(ILogger logger, int cardSystemId, string outcome);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "No delta for allowlist {CardSystemId} version {Version}: {Reason}; terminals download the full file")]
    public static partial void DeltaSkipped(ILogger logger, int cardSystemId, uint version, string? reason);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Events snapshot of {DeviceId} not rebuilt: central unavailable ({Outcome})")]
    public static partial void EventsCentralUnavailable(ILogger logger, string deviceId, string outcome);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Event {EventId} left out of the events snapshot of {DeviceId}: {Reason}")]
    public static partial void EventLeftOut(ILogger logger, string deviceId, string eventId, string reason);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Manifest published on {Topic}: version {Version}, {Deltas} deltas")]
    public static partial void ManifestPublished(ILogger logger, string topic, uint version, int deltas);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Manifest on {Topic} could not be published now; retried later")]
    public static partial void ManifestNotPublished(ILogger logger, string topic);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Information, Message = "Snapshot downloads served over HTTP on {EndPoint}; manifests point to {BaseUrl}")]
    public static partial void HttpStarted(ILogger logger, string endPoint, string baseUrl);

    [LoggerMessage(EventId = 7020, Level = LogLevel.Warning, Message = "Chunk request of {DeviceId} for {File} refused with status {Status}: {Reason}")]
    public static partial void ChunkRefused(ILogger logger, string deviceId, string file, int status, string reason);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Warning, Message = "Applied report of {DeviceId} ignored: {Reason}")]
    public static partial void ReportInvalid(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 7022, Level = LogLevel.Warning, Message = "Terminal {DeviceId} refused {Kind} version {RefusedVersion} and keeps version {Version}: {Reason}")]
    public static partial void TerminalRefused(ILogger logger, string deviceId, string kind, uint refusedVersion, uint version, string? reason);

    [LoggerMessage(EventId = 7023, Level = LogLevel.Information, Message = "Terminal {DeviceId} applied {Kind} version {Version}")]
    public static partial void TerminalApplied(ILogger logger, string deviceId, string kind, uint version);

    [LoggerMessage(EventId = 7024, Level = LogLevel.Error, Message = "Snapshot message of {DeviceId} on {Suffix} could not be handled")]
    public static partial void InboxFailed(ILogger logger, string deviceId, string suffix, Exception exception);

    [LoggerMessage(EventId = 7030, Level = LogLevel.Information, Message = "Card {Card} is blocked: central refused it at check-in")]
    public static partial void CardBlockedAtCheckin(ILogger logger, string card);

    [LoggerMessage(EventId = 7031, Level = LogLevel.Information, Message = "Card {Card} is blocked: pass lookup says card status {CardStatus}")]
    public static partial void CardBlockedAtLookup(ILogger logger, string card, string? cardStatus);

    [LoggerMessage(EventId = 7032, Level = LogLevel.Information, Message = "Card {Card} is not known at central ({ProblemType})")]
    public static partial void CardNotFound(ILogger logger, string card, string problemType);

    [LoggerMessage(EventId = 7033, Level = LogLevel.Warning, Message = "Card lookups paused: central unavailable ({Reason})")]
    public static partial void LookupUnavailable(ILogger logger, string? reason);

    [LoggerMessage(EventId = 7034, Level = LogLevel.Error, Message = "A round of card lookups failed")]
    public static partial void LookupRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7040, Level = LogLevel.Error, Message = "A round of snapshot building failed; the next round tries again")]
    public static partial void RoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7041, Level = LogLevel.Information, Message = "Supplier CSV {Path} imported: {Cards} cards, {Changed} added or changed")]
    public static partial void SupplierCsvImported(ILogger logger, string path, int cards, int changed);

    [LoggerMessage(EventId = 7042, Level = LogLevel.Error, Message = "Supplier CSV {Path} refused whole: {Count} problems, first: {Problems}")]
    public static partial void SupplierCsvRefused(ILogger logger, string path, int count, string problems);

    [LoggerMessage(EventId = 7043, Level = LogLevel.Error, Message = "Supplier CSV {Path} could not be read: {Reason}")]
    public static partial void SupplierCsvUnreadable(ILogger logger, string path, string reason);
}
