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
}
