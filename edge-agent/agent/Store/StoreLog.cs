using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Store;

internal static partial class StoreLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database {Database} opened")]
    public static partial void Opened(ILogger logger, string database);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Database {Database} closed")]
    public static partial void Closed(ILogger logger, string database);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Committed {Count} writes in {ElapsedMs:F1} ms")]
    public static partial void Committed(ILogger logger, int count, double elapsedMs);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "A queued write failed and was rolled back to its savepoint")]
    public static partial void OperationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Commit of {Count} writes failed; none of them is acknowledged")]
    public static partial void CommitFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "A queued write lost a conflict with another instance (try {Try}: {Reason}); run again")]
    public static partial void OperationRetried(ILogger logger, int @try, string reason);
}
