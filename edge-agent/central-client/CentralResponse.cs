using System.Diagnostics.CodeAnalysis;

namespace Uitpas.Edge.Central;

/// <summary>How a call to central ended.</summary>
public enum CentralOutcome
{
    /// <summary>Central answered with the expected result; <see cref="CentralResponse{T}.Value"/> is set.</summary>
    Ok,

    /// <summary>Central answered with a definitive refusal (an RFC 7807 problem); retrying the same call will not help.</summary>
    Problem,

    /// <summary>No usable answer (network error, timeout, 5xx, 429, unreadable body); the call may be retried later.</summary>
    Unavailable,
}

/// <summary>The outcome of one client operation, as a value: never an exception for central's answers.</summary>
public sealed class CentralResponse<T>
{
    private CentralResponse(CentralOutcome outcome)
    {
        Outcome = outcome;
    }

    /// <summary>How the call ended.</summary>
    public CentralOutcome Outcome { get; }

    /// <summary>The result when <see cref="Outcome"/> is <see cref="CentralOutcome.Ok"/>.</summary>
    public T? Value { get; private init; }

    /// <summary>Central's problem document: always set for <see cref="CentralOutcome.Problem"/>, sometimes for <see cref="CentralOutcome.Unavailable"/>.</summary>
    public CentralProblem? Problem { get; private init; }

    /// <summary>How long central asked to wait (Retry-After header), when it said so.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>Why the call did not produce a usable answer, for logs (never contains secrets or card numbers).</summary>
    public string? FailureReason { get; private init; }

    /// <summary>The HTTP status of the final response, when there was one.</summary>
    public int? HttpStatus { get; private init; }

    /// <summary>True when <see cref="Outcome"/> is <see cref="CentralOutcome.Ok"/>.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Outcome == CentralOutcome.Ok;

    /// <summary>A successful answer.</summary>
    public static CentralResponse<T> Ok(T value, int httpStatus) =>
        new(CentralOutcome.Ok) { Value = value, HttpStatus = httpStatus };

    /// <summary>A definitive refusal by central.</summary>
    public static CentralResponse<T> Refused(CentralProblem problem, int? httpStatus, string? failureReason = null) =>
        new(CentralOutcome.Problem) { Problem = problem, HttpStatus = httpStatus, FailureReason = failureReason };

    /// <summary>No usable answer.</summary>
    public static CentralResponse<T> Unavailable(string failureReason, int? httpStatus = null, TimeSpan? retryAfter = null, CentralProblem? problem = null) =>
        new(CentralOutcome.Unavailable) { FailureReason = failureReason, HttpStatus = httpStatus, RetryAfter = retryAfter, Problem = problem };

    /// <summary>The same failure for another result type (e.g. a failed token fetch for any call).</summary>
    public CentralResponse<TOther> As<TOther>()
    {
        if (IsOk)
        {
            throw new InvalidOperationException("A successful response carries a value and cannot be converted.");
        }
        return new CentralResponse<TOther>(Outcome)
        {
            Problem = Problem,
            RetryAfter = RetryAfter,
            FailureReason = FailureReason,
            HttpStatus = HttpStatus,
        };
    }

    /// <inheritdoc />
    public override string ToString() => Outcome switch
    {
        CentralOutcome.Ok => $"Ok ({HttpStatus})",
        CentralOutcome.Problem => $"Problem {Problem?.ShortType} ({HttpStatus})",
        _ => $"Unavailable ({HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no response"}): {FailureReason}",
    };
}
