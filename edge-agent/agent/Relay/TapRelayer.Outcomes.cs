using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Relay;

/// <summary>The state changes a relay step ends with: final, deferred, or outcome unknown.</summary>
internal sealed partial class TapRelayer
{
    /// <summary>
    /// True when a call that got no usable answer surely did not count: central said so before
    /// doing anything (429, 503), or the circuit breaker refused it (no request was sent).
    /// </summary>
    public static bool SurelyNotProcessed<T>(CentralResponse<T> response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Outcome == CentralOutcome.Problem || response.HttpStatus is 429 or 503 || CircuitBreakingCentral.IsRefusal(response);
    }

    private async Task CompleteAsync(StoredTap tap, int attempt, TapResult result, AttemptRecord record, TapCredit credit, CentralClaim? claim,
        CancellationToken stoppingToken)
    {
        // The answer is stored even while stopping: it is central's, and it will not come again.
        var claimed = await _store.CompleteAsync(tap.Id, attempt, result, record, credit, claim, CancellationToken.None).ConfigureAwait(false);
        if (!claimed)
        {
            RelayLog.ClaimConflict(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, claim!.CheckinId);
        }
        _events.Raise(new TapSettled(tap.DeviceId, tap.BootEpoch, tap.Sequence, tap.Id, credit));
        await PublishAsync(tap.DeviceId, result, stoppingToken).ConfigureAwait(false);
    }

    private Task RefuseAsync(StoredTap tap, Device device, int attempt, int? status, CentralProblem problem, TapCredit credit, CancellationToken stoppingToken)
    {
        RelayLog.Refused(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, problem.ShortType, status);
        return CompleteAsync(tap, attempt, ResultMapper.Refused(tap.BootEpoch, tap.Sequence, problem, device),
            new AttemptRecord("problem", status, problem.ShortType), credit, null, stoppingToken);
    }

    /// <summary>The store already holds the tap as done (claimed from history); the terminal is told.</summary>
    private Task PublishCountedAsync(StoredTap tap, TapResult result, CancellationToken stoppingToken)
    {
        RelayLog.CountedFromHistory(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, result.PointsAdded, result.TotalPoints);
        _events.Raise(new TapSettled(tap.DeviceId, tap.BootEpoch, tap.Sequence, tap.Id, TapCredit.CreditedFromHistory));
        return PublishAsync(tap.DeviceId, result, stoppingToken);
    }

    /// <summary>
    /// The circuit breaker is open: the tap stays Pending, without an attempt (no call was made),
    /// until the breaker lets calls through again (plus a jitter of up to a fifth of the wait,
    /// so the devices' lanes do not all come back at once); the terminal hears it is queued.
    /// </summary>
    private async Task DeferPausedAsync(StoredTap tap, TimeSpan paused, CancellationToken stoppingToken)
    {
        var delay = paused + TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * paused.Ticks / 5));
        CircuitBreakerLog.Paused(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, delay);
        await _store.DeferAsync(tap.Id, 0, _time.GetUtcNow() + delay, queuedNotified: true,
            new AttemptRecord("paused", null, "circuit breaker open"), CancellationToken.None).ConfigureAwait(false);
        await NotifyQueuedAsync(tap, stoppingToken).ConfigureAwait(false);
    }

    /// <summary>No definitive answer: a refusal without its reason, refused credentials or surely not processed → Pending; otherwise the outcome is unknown.</summary>
    private Task DeferFailureAsync<T>(StoredTap tap, int attempt, CentralResponse<T> response, CancellationToken stoppingToken, bool couldHaveCounted = true)
    {
        if (response.Outcome == CentralOutcome.Problem && ResultMapper.IsAboutTheAgent(response.Problem!))
        {
            // Central refused the agent's credentials or the device's kiosk token, not the card:
            // the tap waits (the terminal hears "queued") until the configuration is fixed.
            RelayLog.AgentRefused(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, response.Problem!.ShortType);
        }
        return DeferAsync(tap, attempt, response, outcomeUnknown: couldHaveCounted && !SurelyNotProcessed(response), stoppingToken);
    }

    private async Task DeferAsync<T>(StoredTap tap, int attempt, CentralResponse<T> response, bool outcomeUnknown, CancellationToken stoppingToken)
    {
        var delay = Backoff.Delay(attempt, _options.InitialBackoff, _options.MaxBackoff, response.RetryAfter, Random.Shared);
        var failure = response.FailureReason ?? response.Problem?.ShortType ?? "no answer";
        if (outcomeUnknown)
        {
            RelayLog.OutcomeUnknown(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, attempt, failure, delay);
        }
        else
        {
            RelayLog.Unavailable(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, attempt, failure, delay);
        }
        var record = new AttemptRecord(outcomeUnknown ? "unknown" : "unavailable", response.HttpStatus, failure);
        await _store.DeferAsync(tap.Id, attempt, _time.GetUtcNow() + delay, queuedNotified: true, record, CancellationToken.None, outcomeUnknown)
            .ConfigureAwait(false);
        Attempted(tap, attempt, response.Outcome, delay);
        await NotifyQueuedAsync(tap, stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Central's history could not be consulted: the tap stays (or becomes) Unknown and is asked about again later.</summary>
    private async Task DeferUndecidedAsync(StoredTap tap, int attempt, AttemptRecord? record, ReconcileOutcome outcome, CancellationToken stoppingToken)
    {
        var delay = Backoff.Delay(Math.Max(1, Math.Max(attempt, tap.Attempts)), _options.InitialBackoff, _options.MaxBackoff, outcome.RetryAfter, Random.Shared);
        RelayLog.Undecided(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, outcome.Failure ?? "unknown", delay);
        await _store.DeferAsync(tap.Id, record is null ? 0 : attempt, _time.GetUtcNow() + delay, queuedNotified: true,
            record ?? new AttemptRecord("undecided", null, outcome.Failure), CancellationToken.None, outcomeUnknown: true).ConfigureAwait(false);
        await NotifyQueuedAsync(tap, stoppingToken).ConfigureAwait(false);
    }

    private async Task NotifyQueuedAsync(StoredTap tap, CancellationToken stoppingToken)
    {
        if (!tap.QueuedNotified)
        {
            await PublishAsync(tap.DeviceId, TapResults.Queued(tap.BootEpoch, tap.Sequence), stoppingToken).ConfigureAwait(false);
        }
    }

    private void Attempted(StoredTap tap, int attempt, CentralOutcome outcome, TimeSpan? retryIn) =>
        _events.Raise(new RelayAttempted(tap.DeviceId, tap.BootEpoch, tap.Sequence, attempt, outcome, retryIn));

    private async Task PublishAsync(string deviceId, TapResult result, CancellationToken stoppingToken)
    {
        var delivered = await _publisher.PublishAsync(deviceId, result, stoppingToken).ConfigureAwait(false);
        RelayLog.ResultPublished(_logger, result.Outcome, deviceId, result.BootEpoch, result.Sequence, delivered);
        _events.Raise(new ResultPublished(deviceId, result.BootEpoch, result.Sequence, result.Outcome, result.Reason, delivered));
    }
}
