using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Access;

internal static partial class AccessLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Password file {Path} read: {Users} users, {Skipped} unusable lines")]
    public static partial void PasswordFileLoaded(ILogger logger, string path, int users, int skipped);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Password file {Path}, line {Line}: {Problem}; line skipped")]
    public static partial void PasswordFileLineSkipped(ILogger logger, string path, int line, string problem);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "Password file {Path} is missing; keeping the users of the last read")]
    public static partial void PasswordFileMissing(ILogger logger, string path);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Error, Message = "Password file {Path} could not be read; keeping the users of the last read")]
    public static partial void PasswordFileUnreadable(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "Password file {Path}: {Count} users revoked or given new credentials; their connections are closed")]
    public static partial void UsersWithdrawn(ILogger logger, string path, int count);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "Password file {Path} cannot be watched for changes ({Reason}); it is checked every {Interval} instead")]
    public static partial void PasswordFileNotWatched(ILogger logger, string path, string reason, TimeSpan interval);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Error, Message = "Checking password file {Path} for changes failed")]
    public static partial void PasswordFileCheckFailed(ILogger logger, string path, Exception exception);
}
