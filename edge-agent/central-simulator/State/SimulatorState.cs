namespace Uitpas.Edge.Simulator;

/// <summary>
/// The simulator's mutable state behind one lock: check-ins, points, kiosk events, request
/// counts. Public members are read-only views for tests; the simulator changes it internally.
/// </summary>
public sealed partial class SimulatorState
{
    private readonly Lock gate = new();
    private readonly List<RecordedCheckin> checkins = [];
    private readonly Dictionary<string, int> points;
    private readonly Dictionary<string, string?> kioskEvents;
    private readonly Dictionary<string, CheckinLimitRule> checkinLimits = new(StringComparer.Ordinal);
    private readonly Dictionary<SimEndpoint, int> requests = [];
    private readonly List<(SimEndpoint Endpoints, int Count, TaskCompletionSource Done)> waiters = [];
    private int tokensIssued;

    internal SimulatorState(SeedCatalogue seed)
    {
        points = seed.Passholders.ToDictionary(p => p.Id, p => p.InitialPoints, StringComparer.Ordinal);
        kioskEvents = seed.Kiosks.ToDictionary(k => k.Token, k => k.CurrentEventId, StringComparer.Ordinal);
    }

    /// <summary>All committed check-ins, oldest first (a snapshot).</summary>
    public IReadOnlyList<RecordedCheckin> Checkins
    {
        get
        {
            lock (gate)
            {
                return checkins.ToArray();
            }
        }
    }

    /// <summary>Social tariffs switched on or off at run time (see <see cref="CentralSimulator.SetSocialTariff"/>).</summary>
    public SocialTariffOverrides SocialTariffs { get; } = new();

    /// <summary>Access tokens issued so far.</summary>
    public int TokensIssued => Volatile.Read(ref tokensIssued);

    /// <summary>Committed check-ins with this chip number.</summary>
    public int CheckinCountForChip(string chipNumber) => Count(c => string.Equals(c.ChipNumber, chipNumber, StringComparison.OrdinalIgnoreCase));

    /// <summary>Committed check-ins with this UiTPAS number.</summary>
    public int CheckinCountForPass(string uitpasNumber) => Count(c => c.UitpasNumber == uitpasNumber);

    /// <summary>Committed check-ins at this event.</summary>
    public int CheckinCountForEvent(string eventId) => Count(c => c.EventId == eventId);

    /// <summary>The passholder's current total points.</summary>
    public int PointsOf(string passholderId)
    {
        lock (gate)
        {
            return points.TryGetValue(passholderId, out var total) ? total : throw new ArgumentException("Unknown passholder.", nameof(passholderId));
        }
    }

    /// <summary>The kiosk's configured event id, or null.</summary>
    public string? CurrentEventOf(string kioskToken)
    {
        lock (gate)
        {
            return kioskEvents.GetValueOrDefault(kioskToken);
        }
    }

    /// <summary>Requests received (faulted ones included) on any of <paramref name="endpoints"/>.</summary>
    public int RequestCount(SimEndpoint endpoints)
    {
        lock (gate)
        {
            return CountRequests(endpoints);
        }
    }

    /// <summary>Completes once <paramref name="count"/> requests have arrived on <paramref name="endpoints"/> (counted from the start).</summary>
    public Task WaitForRequestsAsync(SimEndpoint endpoints, int count, CancellationToken ct)
    {
        lock (gate)
        {
            if (CountRequests(endpoints) >= count)
            {
                return Task.CompletedTask;
            }
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((endpoints, count, done));
            return done.Task.WaitAsync(ct);
        }
    }

    internal void CountRequest(SimEndpoint endpoint)
    {
        lock (gate)
        {
            requests[endpoint] = requests.GetValueOrDefault(endpoint) + 1;
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                if (CountRequests(waiters[i].Endpoints) >= waiters[i].Count)
                {
                    waiters[i].Done.TrySetResult();
                    waiters.RemoveAt(i);
                }
            }
        }
    }

    internal void CountTokenIssued() => Interlocked.Increment(ref tokensIssued);

    internal void SetKioskEvent(string kioskToken, string? eventId)
    {
        lock (gate)
        {
            kioskEvents[kioskToken] = eventId;
        }
    }

    /// <summary>The event's check-in limit: the one set with <see cref="CentralSimulator.SetCheckinLimit"/>, else one per day.</summary>
    public CheckinLimitRule CheckinLimitOf(string eventId)
    {
        lock (gate)
        {
            return checkinLimits.GetValueOrDefault(eventId) ?? CheckinLimitRule.OncePerDay;
        }
    }

    internal void SetCheckinLimit(string eventId, CheckinLimitRule? limit)
    {
        lock (gate)
        {
            if (limit is null)
            {
                checkinLimits.Remove(eventId);
            }
            else
            {
                checkinLimits[eventId] = limit;
            }
        }
    }

    /// <summary>
    /// Commits a check-in unless the passholder already has the event's limit of check-ins in the
    /// period (Brussels calendar) of this one; returns the new total, or null when the limit is reached.
    /// </summary>
    internal int? TryCommit(RecordedCheckin checkin)
    {
        lock (gate)
        {
            var limit = checkinLimits.GetValueOrDefault(checkin.EventId) ?? CheckinLimitRule.OncePerDay;
            var inPeriod = checkins.Count(c => c.PassholderId == checkin.PassholderId && c.EventId == checkin.EventId
                && limit.SamePeriod(c.BrusselsDay, checkin.BrusselsDay));
            if (inPeriod >= limit.Volume)
            {
                return null;
            }
            checkins.Add(checkin);
            return points[checkin.PassholderId] += checkin.Points;
        }
    }

    internal IReadOnlyList<RecordedCheckin> CheckinsWhere(Func<RecordedCheckin, bool> predicate)
    {
        lock (gate)
        {
            return checkins.Where(predicate).ToArray();
        }
    }

    private int Count(Func<RecordedCheckin, bool> predicate)
    {
        lock (gate)
        {
            return checkins.Count(predicate);
        }
    }

    private int CountRequests(SimEndpoint endpoints) =>
        requests.Where(r => endpoints == SimEndpoint.None ? r.Key == SimEndpoint.None : (r.Key & endpoints) != 0).Sum(r => r.Value);
}
