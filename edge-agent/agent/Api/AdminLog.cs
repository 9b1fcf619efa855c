using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Api;

internal static partial class AdminLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Admin API and dashboard listening on http://{EndPoint} (token file {TokenFile})")]
    public static partial void Started(ILogger logger, string endPoint, string tokenFile);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Admin API token created in {TokenFile} (readable by this user only); the CLI reads it with --token-file")]
    public static partial void TokenCreated(ILogger logger, string tokenFile);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "Dashboard user 'admin' created in {UsersFile}; its initial password is in {PasswordFile} (readable by this user only)")]
    public static partial void UsersCreated(ILogger logger, string usersFile, string passwordFile);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "Admin API listens on {Address}, beyond this machine: use TLS in front of it (a reverse proxy) and keep the token secret")]
    public static partial void NotLoopback(ILogger logger, string address);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "Dashboard login of '{User}'")]
    public static partial void LoggedIn(ILogger logger, string user);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Warning, Message = "Dashboard login refused for '{User}' from {Remote}")]
    public static partial void LoginRefused(ILogger logger, string user, string remote);

    [LoggerMessage(EventId = 9007, Level = LogLevel.Warning, Message = "Admin API request refused: {Reason} ({Method} {Path} from {Remote})")]
    public static partial void Unauthorized(ILogger logger, string reason, string method, string path, string remote);

    [LoggerMessage(EventId = 9008, Level = LogLevel.Warning, Message = "Dashboard users file {UsersFile}: line {Line} skipped: {Problem}")]
    public static partial void UsersLineSkipped(ILogger logger, string usersFile, int line, string problem);

    [LoggerMessage(EventId = 9009, Level = LogLevel.Error, Message = "Admin API request {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, string method, string path, Exception exception);
}
