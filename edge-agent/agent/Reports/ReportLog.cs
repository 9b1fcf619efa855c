using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Reports;

internal static partial class ReportLog
{
    [LoggerMessage(EventId = 9501, Level = LogLevel.Warning, Message = "Pseudonym key created in {KeyFile} (readable by this user only): back it up with the database; instances sharing the database need the same file")]
    public static partial void KeyCreated(ILogger logger, string keyFile);

    [LoggerMessage(EventId = 9502, Level = LogLevel.Debug, Message = "Facts recorded for {Count} final taps")]
    public static partial void FactsRecorded(ILogger logger, int count);

    [LoggerMessage(EventId = 9503, Level = LogLevel.Error, Message = "Recording facts of final taps failed; trying again in {Delay}")]
    public static partial void FactsFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 9504, Level = LogLevel.Information, Message = "Retention: {Rekeyed} facts re-keyed to their UiTPAS number, raw data of {Taps} taps older than {Days} days blanked, {Sales} sales' UiTPAS numbers blanked")]
    public static partial void RetentionDone(ILogger logger, int rekeyed, int taps, double days, int sales);

    [LoggerMessage(EventId = 9505, Level = LogLevel.Error, Message = "Retention run failed; trying again in {Delay}")]
    public static partial void RetentionFailed(ILogger logger, TimeSpan delay, Exception exception);
}
