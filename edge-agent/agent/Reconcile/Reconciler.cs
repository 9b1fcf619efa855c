using Uitpas.Edge.Agent.Relay;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Reconcile;

/// <summary>What central's check-in history says about a tap.</summary>
public enum ReconcileVerdict
{
    /// <summary>Central counted the tap: a check-in of its was found and claimed; the tap is done.</summary>
    Counted,

    /// <summary>Central did not count it: it may be sent (again).</summary>
    NotCounted,

    /// <summary>Not counted, and central's checkin-not-allowed was the check-in limit (a check-in at the event in the current period).</summary>
    LimitReached,

    /// <summary>Not counted, and central's checkin-not-allowed was the event's window (no check-in at the event in the current period).</summary>
    WindowClosed,

    /// <summary>Could not tell now (central unavailable, another tap of the card in flight, no organizers configured): ask again later.</summary>
    Undecided,
}

/// <summary>A verdict; <see cref="Result"/> is set for <see cref="ReconcileVerdict.Counted"/>, <see cref="Failure"/> for Undecided.</summary>
public sealed record ReconcileOutcome(ReconcileVerdict Verdict, TapResult? Result = null, string? Failure = null, TimeSpan? RetryAfter = null);

/// <summary>
/// Settles a tap against central's check-in history (GET /checkins), since central has no
/// idempotency key. A check-in can be the tap's own only if one of its calls has an unknown
/// outcome; then a check-in of the passholder at the tap's event (any event of the organizers
/// for a kiosk call), created between the start of that call and now (± the clock skew), that no
/// other tap has claimed, is claimed for it (see <see cref="RelayStore.ClaimFromHistoryAsync"/>).
/// For a checkin-not-allowed from POST /checkins it also tells the limit from the window: the
/// passholder's check-ins at the event in the current period of its limit (<see cref="EventLimits"/>).
/// </summary>
internal sealed class Reconciler
{
    private readonly IUitpasCentral _central;
    private readonly RelayStore _store;
    private readonly RelayOptions _options;
    private readonly TimeProvider _time;
    private readonly CheckinHistory _history;
    private readonly EventLimits _limits;

    public Reconciler(IUitpasCentral central, RelayStore store, RelayOptions options, TimeProvider time)
    {
        _central = central;
        _store = store;
        _options = options;
        _time = time;
        _history = new CheckinHistory(central);
        _limits = new EventLimits(central, options, time);
    }

    /// <summary>
    /// Reconciles <paramref name="tap"/>. With <paramref name="classifyRefusal"/> (a checkin-not-allowed
    /// from POST /checkins at <paramref name="plan"/>'s event) a tap not counted is LimitReached or
    /// WindowClosed rather than NotCounted. <paramref name="openAttempt"/> (0 = none) is closed when claimed.
    /// </summary>
    public async Task<ReconcileOutcome> ReconcileAsync(StoredTap tap, RelayPlan? plan, bool classifyRefusal, int openAttempt, CancellationToken cancellationToken)
    {
        var uncertainSince = _store.UncertainSince(tap.Id);
        if (uncertainSince is null && !classifyRefusal)
        {
            return new ReconcileOutcome(ReconcileVerdict.NotCounted);
        }
        if (_options.OrganizerIds.Count == 0)
        {
            return new ReconcileOutcome(ReconcileVerdict.Undecided, Failure: "no organizer ids configured (Agent:Relay:OrganizerIds)");
        }
        var pass = await _central.GetPassAsync(ChipUid.ToHex(tap.ChipUid), cancellationToken).ConfigureAwait(false);
        if (!pass.IsOk)
        {
            // No pass (or a blocked one): central cannot have checked it in; a refusal to classify cannot be told apart now.
            return ResultMapper.IsAnswerAboutTheCard(pass) && !classifyRefusal
                ? new ReconcileOutcome(ReconcileVerdict.NotCounted)
                : Undecided("pass lookup: " + pass, pass.RetryAfter);
        }

        var now = _time.GetUtcNow();
        var limit = classifyRefusal ? await _limits.OfAsync(plan?.EventId, cancellationToken).ConfigureAwait(false) : _limits.Default;
        var periodStart = LimitPeriods.Start(limit.Period, now);
        var from = uncertainSince - _options.ClockSkew;
        var since = from is { } f && (!classifyRefusal || f < periodStart) ? f : periodStart;
        var history = await _history.SinceAsync(pass.Value.PassholderId, _options.OrganizerIds, since, cancellationToken).ConfigureAwait(false);
        if (!history.IsOk)
        {
            return Undecided("check-in history: " + history, history.RetryAfter);
        }

        if (from is { } lower)
        {
            var upper = now + _options.ClockSkew;
            var candidates = history.Value
                .Where(r => (plan?.EventId is null || r.EventId == plan.EventId) && r.CreationDate >= lower && r.CreationDate <= upper)
                .OrderBy(r => r.CreationDate)
                .ToArray();
            if (candidates.Length > 0)
            {
                var total = pass.Value.Points;
                var claim = await _store.ClaimFromHistoryAsync(tap, candidates, _options.ClockSkew,
                    r => ResultMapper.CheckedIn(tap.BootEpoch, tap.Sequence, new KioskCheckin(r.Points, total)), openAttempt, CancellationToken.None).ConfigureAwait(false);
                if (claim.Kind == HistoryClaimKind.Claimed)
                {
                    return new ReconcileOutcome(ReconcileVerdict.Counted, claim.Result);
                }
                if (claim.Kind == HistoryClaimKind.Busy)
                {
                    return Undecided("another tap of this card is in flight", null);
                }
            }
        }
        if (!classifyRefusal)
        {
            return new ReconcileOutcome(ReconcileVerdict.NotCounted);
        }
        var atEventThisPeriod = history.Value.Count(r => r.EventId == plan?.EventId && r.CreationDate >= periodStart);
        return new ReconcileOutcome(atEventThisPeriod >= limit.Volume ? ReconcileVerdict.LimitReached : ReconcileVerdict.WindowClosed);
    }

    private static ReconcileOutcome Undecided(string failure, TimeSpan? retryAfter) =>
        new(ReconcileVerdict.Undecided, Failure: failure, RetryAfter: retryAfter);
}
