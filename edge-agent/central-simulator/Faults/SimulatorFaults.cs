namespace Uitpas.Edge.Simulator;

/// <summary>What an injected fault does to a request.</summary>
public enum FaultKind
{
    /// <summary>503 Service Unavailable (plain-text body), with Retry-After when given.</summary>
    ServiceUnavailable,

    /// <summary>429 Too Many Requests (problem uitpas/rate-limited), with Retry-After when given.</summary>
    TooManyRequests,

    /// <summary>No answer at all until the client gives up (or the simulator stops).</summary>
    Hang,

    /// <summary>The request is processed (a check-in is committed) and then the connection is dropped before any byte of the answer.</summary>
    DropResponseAfterCommit,

    /// <summary>The request is processed, then the answer's body is cut in the middle (invalid JSON).</summary>
    MalformedBody,

    /// <summary>401 problem auth/unauthorized, whatever the bearer token (as after a key rotation).</summary>
    RejectBearerTokens,
}

/// <summary>
/// One fault: what, on which endpoints, with which Retry-After (seconds, or an HTTP date), for
/// how many requests (null = until cleared).
/// </summary>
public sealed record FaultRule(
    FaultKind Kind,
    SimEndpoint Endpoints = SimEndpoint.Api,
    TimeSpan? RetryAfter = null,
    DateTimeOffset? RetryAfterDate = null,
    int? Times = null);

/// <summary>Faults switchable at run time; thread-safe. The first matching rule applies.</summary>
public sealed class SimulatorFaults
{
    private readonly Lock gate = new();
    private readonly List<ActiveRule> rules = [];

    /// <summary>The rules in force, in order.</summary>
    public IReadOnlyList<FaultRule> Current
    {
        get
        {
            lock (gate)
            {
                return rules.Select(r => r.Rule).ToArray();
            }
        }
    }

    /// <summary>Adds a rule.</summary>
    public void Inject(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Times is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), "Times must be positive when given.");
        }
        lock (gate)
        {
            rules.Add(new ActiveRule(rule, rule.Times));
        }
    }

    /// <summary>Removes every rule: the simulator answers normally again.</summary>
    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    /// <summary>503 on <paramref name="endpoints"/>.</summary>
    public void ServiceUnavailable(SimEndpoint endpoints = SimEndpoint.Api, TimeSpan? retryAfter = null, int? times = null) =>
        Inject(new FaultRule(FaultKind.ServiceUnavailable, endpoints, retryAfter, null, times));

    /// <summary>429 with Retry-After on <paramref name="endpoints"/>.</summary>
    public void TooManyRequests(TimeSpan retryAfter, SimEndpoint endpoints = SimEndpoint.Api, int? times = null) =>
        Inject(new FaultRule(FaultKind.TooManyRequests, endpoints, retryAfter, null, times));

    /// <summary>No answer on <paramref name="endpoints"/> until the client times out.</summary>
    public void Hang(SimEndpoint endpoints = SimEndpoint.Api, int? times = null) =>
        Inject(new FaultRule(FaultKind.Hang, endpoints, null, null, times));

    /// <summary>Commit, then drop the connection (the lost response).</summary>
    public void DropResponseAfterCommit(SimEndpoint endpoints = SimEndpoint.KioskCheckin | SimEndpoint.Checkin, int? times = null) =>
        Inject(new FaultRule(FaultKind.DropResponseAfterCommit, endpoints, null, null, times));

    /// <summary>Answer with a body cut in the middle.</summary>
    public void MalformedBody(SimEndpoint endpoints = SimEndpoint.Api, int? times = null) =>
        Inject(new FaultRule(FaultKind.MalformedBody, endpoints, null, null, times));

    /// <summary>Answer 401 to every bearer token.</summary>
    public void RejectBearerTokens(SimEndpoint endpoints = SimEndpoint.Api, int? times = null) =>
        Inject(new FaultRule(FaultKind.RejectBearerTokens, endpoints, null, null, times));

    /// <summary>Takes the first rule matching <paramref name="endpoint"/>, counting it down.</summary>
    internal FaultRule? Take(SimEndpoint endpoint)
    {
        lock (gate)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var active = rules[i];
                if ((active.Rule.Endpoints & endpoint) == 0)
                {
                    continue;
                }
                if (active.Remaining is { } remaining)
                {
                    if (remaining <= 1)
                    {
                        rules.RemoveAt(i);
                    }
                    else
                    {
                        rules[i] = active with { Remaining = remaining - 1 };
                    }
                }
                return active.Rule;
            }
            return null;
        }
    }

    private sealed record ActiveRule(FaultRule Rule, int? Remaining);
}
