using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Broker;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Observability;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Relay;

/// <summary>
/// One step of one tap's relay, driven by its persisted state (taps.relay_state):
/// <list type="bullet">
/// <item>Unknown (a call's answer was lost, or the agent stopped mid-call): central's check-in
/// history decides: counted → done, credited from history; not counted → Pending; cannot tell
/// now → stays Unknown, asked again after a backoff. Never sent again on a guess.</item>
/// <item>Pending: the route is fixed once (<see cref="RelayPlan"/>: a live tap goes to the kiosk
/// endpoint, a late one to POST /checkins at the event in force when it was tapped), the tap is
/// marked InFlight durably, then central is called. An answer is final (done, with its credit);
/// no answer → Pending again when the call surely did not count (429, 503, refused credentials),
/// else Unknown. A limit or window refusal after an unknown outcome, and every checkin-not-allowed
/// of POST /checkins, are settled against the history first (counted after all / limit / window closed).</item>
/// </list>
/// Every transition is one transaction, fenced by the device's relay lease (only its holder
/// writes, so the lane's view of the tap stays true), so a kill at any point resumes from the last
/// state. A tap found InFlight by its own lane (a call whose answer could not be stored) is Unknown.
/// </summary>
internal sealed partial class TapRelayer
{
    private readonly RelayStore _store;
    private readonly DeviceRegistry _devices;
    private readonly IUitpasCentral _central;
    private readonly IResultPublisher _publisher;
    private readonly AgentEvents _events;
    private readonly RelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Reconciler _reconciler;

    public TapRelayer(RelayStore store, DeviceRegistry devices, IUitpasCentral central, IResultPublisher publisher, AgentEvents events,
        RelayOptions options, TimeProvider time, ILogger logger)
    {
        _store = store;
        _devices = devices;
        _central = central;
        _publisher = publisher;
        _events = events;
        _options = options;
        _time = time;
        _logger = logger;
        _reconciler = new Reconciler(central, store, options, time);
    }

    public async Task RelayAsync(StoredTap tap, CancellationToken stoppingToken)
    {
        using var span = AgentTelemetry.StartRelay(tap.DeviceId, tap.BootEpoch, tap.Sequence, tap.Id, tap.Attempts + 1);
        if (tap.State == RelayState.InFlight)
        {
            // The lane's earlier step called central but could not store the answer (its write
            // failed): that call's outcome is unknown; it is reconciled, never simply made again.
            RelayLog.AnswerNotStored(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, tap.Attempts);
            if (!await _store.InterruptAsync(tap.Id, CancellationToken.None).ConfigureAwait(false))
            {
                return;
            }
            tap = tap with { State = RelayState.Unknown };
        }
        // Settled first: a call made while the device was registered may have counted.
        if (tap.State == RelayState.Unknown && !await SettleUnknownAsync(tap, stoppingToken).ConfigureAwait(false))
        {
            return;
        }
        if (!_devices.TryGet(tap.DeviceId, out var device))
        {
            RelayLog.Unregistered(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence);
            var rejected = tap.Attempts + 1;
            if (!await _store.MarkInFlightAsync(tap.Id, rejected, CancellationToken.None).ConfigureAwait(false))
            {
                return;
            }
            await CompleteAsync(tap, rejected, ResultMapper.Unregistered(tap.BootEpoch, tap.Sequence),
                new AttemptRecord("rejected", null, "device not registered"), TapCredit.Rejected, null, stoppingToken).ConfigureAwait(false);
            return;
        }
        if (_central is CircuitBreakingCentral gate && gate.Breaker.RefusesFor() is { } paused)
        {
            // Central is out of reach: no attempt is opened, so nothing can have counted.
            await DeferPausedAsync(tap, paused, stoppingToken).ConfigureAwait(false);
            return;
        }
        var plan = _store.PlanOf(tap.Id) ?? await _store.EnsurePlanAsync(tap.Id, Plan(tap, device), CancellationToken.None).ConfigureAwait(false);
        var attempt = tap.Attempts + 1;
        // In flight, durably, before any call: a stop from here on leaves the tap Unknown at the next start.
        // Only from Pending: a tap that changed meanwhile is read again by the lane, never sent on an old view.
        if (!await _store.MarkInFlightAsync(tap.Id, attempt, CancellationToken.None).ConfigureAwait(false))
        {
            return;
        }
        if (plan.Route == TapRoute.Checkins)
        {
            await CheckInLateAsync(tap, device, plan, attempt, stoppingToken).ConfigureAwait(false);
        }
        else
        {
            await CheckInLiveAsync(tap, device, plan, attempt, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reconciles an Unknown tap; true when it was not counted and may be sent now.</summary>
    private async Task<bool> SettleUnknownAsync(StoredTap tap, CancellationToken stoppingToken)
    {
        var outcome = await ReconcileAsync(tap, _store.PlanOf(tap.Id), classifyRefusal: false, openAttempt: 0, stoppingToken).ConfigureAwait(false);
        switch (outcome.Verdict)
        {
            case ReconcileVerdict.Counted:
                await PublishCountedAsync(tap, outcome.Result!, stoppingToken).ConfigureAwait(false);
                return false;
            case ReconcileVerdict.NotCounted:
                RelayLog.NotCounted(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence);
                return await _store.ResolveNotCountedAsync(tap.Id, CancellationToken.None).ConfigureAwait(false);
            default:
                await DeferUndecidedAsync(tap, 0, null, outcome, stoppingToken).ConfigureAwait(false);
                return false;
        }
    }

    private async Task CheckInLiveAsync(StoredTap tap, Device device, RelayPlan plan, int attempt, CancellationToken stoppingToken)
    {
        var chip = ChipUid.ToHex(tap.ChipUid);
        var response = await CallAsync(tap, ct => _central.KioskCheckinAsync(device.KioskToken, chip, ct), stoppingToken).ConfigureAwait(false);
        if (response.IsOk)
        {
            var checkin = response.Value;
            RelayLog.CheckedIn(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, checkin.NewPoints, checkin.TotalPoints);
            Attempted(tap, attempt, response.Outcome, null);
            await CompleteAsync(tap, attempt, ResultMapper.CheckedIn(tap.BootEpoch, tap.Sequence, checkin),
                new AttemptRecord("ok", response.HttpStatus, null), TapCredit.Credited, null, stoppingToken).ConfigureAwait(false);
            return;
        }
        if (!ResultMapper.IsAnswerAboutTheCard(response))
        {
            await DeferFailureAsync(tap, attempt, response, stoppingToken).ConfigureAwait(false);
            return;
        }
        var problem = response.Problem!;
        Attempted(tap, attempt, response.Outcome, null);
        var credit = problem.Type switch
        {
            ProblemTypes.MaximumReached => TapCredit.RefusedLimit,
            ProblemTypes.CheckinNotAllowed when IsLate(tap) => TapCredit.RefusedWindowClosed,
            _ => TapCredit.Refused,
        };
        if (problem.Type is ProblemTypes.MaximumReached or ProblemTypes.CheckinNotAllowed && _store.UncertainSince(tap.Id) is not null)
        {
            // An earlier call of this tap may have counted, its answer lost: it is the check-in that
            // reached the limit, or it was made before the event's window closed.
            await SettleRefusalAsync(tap, device, plan, attempt, response.HttpStatus, problem, classify: false, stoppingToken, credit).ConfigureAwait(false);
            return;
        }
        await RefuseAsync(tap, device, attempt, response.HttpStatus, problem, credit, stoppingToken).ConfigureAwait(false);
    }

    private async Task CheckInLateAsync(StoredTap tap, Device device, RelayPlan plan, int attempt, CancellationToken stoppingToken)
    {
        var pass = await CallAsync(tap, ct => _central.GetPassAsync(ChipUid.ToHex(tap.ChipUid), ct), stoppingToken).ConfigureAwait(false);
        if (!pass.IsOk)
        {
            if (ResultMapper.IsAnswerAboutTheCard(pass))
            {
                Attempted(tap, attempt, pass.Outcome, null);
                await RefuseAsync(tap, device, attempt, pass.HttpStatus, pass.Problem!, TapCredit.Refused, stoppingToken).ConfigureAwait(false);
            }
            else
            {
                // Only a lookup failed: nothing can have been counted.
                await DeferFailureAsync(tap, attempt, pass, stoppingToken, couldHaveCounted: false).ConfigureAwait(false);
            }
            return;
        }
        var eventId = plan.EventId!;
        var response = await CallAsync(tap, ct => _central.CheckinAsync(pass.Value.UitpasNumber, eventId, ct), stoppingToken).ConfigureAwait(false);
        if (response.IsOk)
        {
            var created = response.Value;
            var total = pass.Value.Points + created.Points;
            RelayLog.CheckedIn(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, created.Points, total);
            Attempted(tap, attempt, response.Outcome, null);
            await CompleteAsync(tap, attempt, ResultMapper.CheckedIn(tap.BootEpoch, tap.Sequence, new KioskCheckin(created.Points, total)),
                new AttemptRecord("ok", response.HttpStatus, created.Id), TapCredit.Credited,
                new CentralClaim(created.Id, created.EventId, created.CreationDate, ClaimSource.Response), stoppingToken).ConfigureAwait(false);
            return;
        }
        if (!ResultMapper.IsAnswerAboutTheCard(response))
        {
            await DeferFailureAsync(tap, attempt, response, stoppingToken).ConfigureAwait(false);
            return;
        }
        Attempted(tap, attempt, response.Outcome, null);
        var problem = response.Problem!;
        if (problem.Type is ProblemTypes.CheckinNotAllowed or ProblemTypes.MaximumReached)
        {
            // checkin-not-allowed is the limit or the window: the history tells which.
            var classify = problem.Type == ProblemTypes.CheckinNotAllowed;
            await SettleRefusalAsync(tap, device, plan, attempt, response.HttpStatus, problem, classify, stoppingToken).ConfigureAwait(false);
            return;
        }
        await RefuseAsync(tap, device, attempt, response.HttpStatus, problem, TapCredit.Refused, stoppingToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A limit or window refusal, settled against central's history: counted after all, limit, or
    /// window closed; not counted (without <paramref name="classify"/>): <paramref name="notCounted"/>.
    /// </summary>
    private async Task SettleRefusalAsync(StoredTap tap, Device device, RelayPlan plan, int attempt, int? status, CentralProblem problem,
        bool classify, CancellationToken stoppingToken, TapCredit notCounted = TapCredit.RefusedLimit)
    {
        if (_options.OrganizerIds.Count == 0 && _store.UncertainSince(tap.Id) is null)
        {
            RelayLog.Unclassified(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence);
            await RefuseAsync(tap, device, attempt, status, problem, TapCredit.Refused, stoppingToken).ConfigureAwait(false);
            return;
        }
        var outcome = await ReconcileAsync(tap, plan, classify, attempt, stoppingToken).ConfigureAwait(false);
        switch (outcome.Verdict)
        {
            case ReconcileVerdict.Counted:
                await PublishCountedAsync(tap, outcome.Result!, stoppingToken).ConfigureAwait(false);
                break;
            case ReconcileVerdict.NotCounted:
                await RefuseAsync(tap, device, attempt, status, problem, notCounted, stoppingToken).ConfigureAwait(false);
                break;
            case ReconcileVerdict.LimitReached:
                await RefuseAsync(tap, device, attempt, status, problem, TapCredit.RefusedLimit, stoppingToken).ConfigureAwait(false);
                break;
            case ReconcileVerdict.WindowClosed:
                RelayLog.WindowClosed(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, plan.EventId);
                await RefuseAsync(tap, device, attempt, status, problem, TapCredit.RefusedWindowClosed, stoppingToken).ConfigureAwait(false);
                break;
            default:
                await DeferUndecidedAsync(tap, attempt, new AttemptRecord("problem", status, problem.ShortType + "; undecided: " + outcome.Failure),
                    outcome, stoppingToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task<ReconcileOutcome> ReconcileAsync(StoredTap tap, RelayPlan? plan, bool classifyRefusal, int openAttempt, CancellationToken stoppingToken)
    {
        try
        {
            return await _reconciler.ReconcileAsync(tap, plan, classifyRefusal, openAttempt, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not LeaseLostException && (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested))
        {
            RelayLog.ClientThrew(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, exception);
            return new ReconcileOutcome(ReconcileVerdict.Undecided, Failure: "reconciliation threw " + exception.GetType().Name);
        }
    }

    private async Task<CentralResponse<T>> CallAsync<T>(StoredTap tap, Func<CancellationToken, Task<CentralResponse<T>>> call, CancellationToken stoppingToken)
    {
        try
        {
            return await call(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            RelayLog.ClientThrew(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, exception);
            return CentralResponse<T>.Unavailable("central client threw " + exception.GetType().Name);
        }
    }

    /// <summary>Kiosk for a live tap; POST /checkins at the device's event at tap time for a late one (kiosk when none covers it).</summary>
    private RelayPlan Plan(StoredTap tap, Device device)
    {
        if (!IsLate(tap) || tap.TappedAtUnixMs == 0)
        {
            return new RelayPlan(TapRoute.Kiosk, null);
        }
        var eventId = device.EventAt(DateTimeOffset.FromUnixTimeMilliseconds(tap.TappedAtUnixMs))?.EventId;
        if (eventId is null)
        {
            RelayLog.LateWithoutAssignment(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence);
            return new RelayPlan(TapRoute.Kiosk, null);
        }
        RelayLog.LateRoute(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, eventId);
        return new RelayPlan(TapRoute.Checkins, eventId);
    }

    /// <summary>Flagged replay, or tapped longer than <see cref="RelayOptions.LateAfter"/> ago (a tap with an unset clock is never late by age).</summary>
    private bool IsLate(StoredTap tap) =>
        (tap.Flags & TapFlags.Replay) != 0
        || (tap.TappedAtUnixMs != 0 && _time.GetUtcNow().ToUnixTimeMilliseconds() - tap.TappedAtUnixMs > (long)_options.LateAfter.TotalMilliseconds);
}
