using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Central;

/// <summary>
/// The client's log messages. By design none carries a token, a secret, a chip number or a
/// UiTPAS number: only operations, statuses, problem types and reasons.
/// </summary>
internal static partial class CentralLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Central access token fetched; valid for {LifetimeSeconds} s")]
    public static partial void TokenFetched(ILogger logger, int lifetimeSeconds);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Central access token fetch failed: {Outcome}, HTTP {Status}, {Reason}")]
    public static partial void TokenFetchFailed(ILogger logger, CentralOutcome outcome, int? status, string? reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Central rejected the access token on {Operation}; renewing it and retrying once")]
    public static partial void TokenRejected(ILogger logger, string operation);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Central {Operation}: HTTP {Status}")]
    public static partial void CallSucceeded(ILogger logger, string operation, int? status);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Central {Operation} refused: HTTP {Status}, {ProblemType}")]
    public static partial void CallRefused(ILogger logger, string operation, int? status, string? problemType);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Central {Operation} unavailable: HTTP {Status}, {Reason}, retry after {RetryAfter}")]
    public static partial void CallUnavailable(ILogger logger, string operation, int? status, string? reason, TimeSpan? retryAfter);
}
