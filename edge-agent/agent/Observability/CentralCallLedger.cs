namespace Uitpas.Edge.Agent.Observability;

/// <summary>The last answered call to central and the last failed one, for the central health check (no live call per probe).</summary>
public sealed class CentralCallLedger
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private CentralCall? _lastAnswered;
    private CentralCall? _lastFailed;

    /// <summary>Creates an empty ledger.</summary>
    public CentralCallLedger(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>The last call central answered (any status but 408, 5xx and no answer).</summary>
    public CentralCall? LastAnswered
    {
        get
        {
            lock (_gate)
            {
                return _lastAnswered;
            }
        }
    }

    /// <summary>The last call that got no usable answer (network error, timeout, 408, 5xx).</summary>
    public CentralCall? LastFailed
    {
        get
        {
            lock (_gate)
            {
                return _lastFailed;
            }
        }
    }

    internal void Record(string operation, string outcome, string detail)
    {
        var call = new CentralCall(operation, outcome, detail, _time.GetUtcNow());
        lock (_gate)
        {
            if (outcome == "unavailable")
            {
                _lastFailed = call;
            }
            else
            {
                _lastAnswered = call;
            }
        }
    }
}

/// <summary>One call to central: its operation, outcome (ok, refused, throttled, unavailable), a short detail (status or error kind) and when it ended.</summary>
public sealed record CentralCall(string Operation, string Outcome, string Detail, DateTimeOffset At);
