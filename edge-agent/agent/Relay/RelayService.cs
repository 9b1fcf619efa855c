using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Broker;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Relay;

/// <summary>
/// Relays committed taps to central, one lane per device so each device's taps go in their own
/// order (boot epoch, then sequence) while devices proceed side by side. A lane is started when
/// a tap of its device is committed and, at start-up, for every device with unrelayed taps, so
/// taps acknowledged before a restart are relayed after it. Each tap is relayed until central
/// gives a definitive answer (checked in, or a problem), which is stored and published to the
/// terminal; while central is unavailable, or refuses the agent's own credentials or the
/// device's kiosk token (a configuration fault, not an answer about the card), the tap stays
/// pending and is retried with exponential backoff and jitter, and the terminal is told once
/// that it is queued.
/// </summary>
/// <remarks>
/// Known gap: central's kiosk check-in has no idempotency key. The tap is marked in flight
/// (durably, with an open attempt row) before central is called; if the agent stops between
/// central's commit and ours, the tap is found in flight at the next start and sent again, and
/// central may count it twice (it then usually answers maximum-reached for the second one).
/// The seam for closing that gap is <see cref="RelayStore.ReleaseInterruptedAsync"/>: an
/// interrupted tap can be reconciled against GET /checkins before it is released.
/// </remarks>
public sealed class RelayService : BackgroundService
{
    private readonly RelayStore _store;
    private readonly DeviceRegistry _devices;
    private readonly IUitpasCentral _central;
    private readonly IResultPublisher _publisher;
    private readonly RelaySignal _signal;
    private readonly AgentEvents _events;
    private readonly RelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RelayService> _logger;
    private readonly SemaphoreSlim _calls;
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    /// <summary>Creates the relay.</summary>
    public RelayService(RelayStore store, DeviceRegistry devices, IUitpasCentral central, IResultPublisher publisher, RelaySignal signal,
        AgentEvents events, IOptions<RelayOptions> options, TimeProvider time, ILogger<RelayService> logger)
    {
        _store = store;
        _devices = devices;
        _central = central;
        _publisher = publisher;
        _signal = signal;
        _events = events;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _calls = new SemaphoreSlim(_options.MaxConcurrentCalls, _options.MaxConcurrentCalls);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        Task[] lanes;
        lock (_lanes)
        {
            lanes = [.. _lanes.Values.Select(lane => lane.Task)];
        }
        await Task.WhenAll(lanes).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _calls.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var tap in await _store.ReleaseInterruptedAsync(stoppingToken).ConfigureAwait(false))
        {
            RelayLog.Interrupted(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, tap.Attempts);
        }
        var pending = _store.DevicesWithUnrelayedTaps();
        RelayLog.Started(_logger, pending.Count);
        foreach (var deviceId in pending)
        {
            Wake(deviceId, stoppingToken);
        }
        try
        {
            await foreach (var deviceId in _signal.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                Wake(deviceId, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Wake(string deviceId, CancellationToken stoppingToken)
    {
        lock (_lanes)
        {
            if (_lanes.TryGetValue(deviceId, out var running))
            {
                running.Rescan = true;
                return;
            }
            var lane = new Lane();
            _lanes[deviceId] = lane;
            lane.Task = Task.Run(() => RunLaneAsync(deviceId, lane, stoppingToken), CancellationToken.None);
        }
    }

    private async Task RunLaneAsync(string deviceId, Lane lane, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                lock (_lanes)
                {
                    lane.Rescan = false;
                }
                var tap = _store.NextUnrelayed(deviceId);
                if (tap is null)
                {
                    lock (_lanes)
                    {
                        if (!lane.Rescan)
                        {
                            _lanes.Remove(deviceId);
                            return;
                        }
                    }
                    continue;
                }
                var wait = DateTimeOffset.FromUnixTimeMilliseconds(tap.NextAttemptAtUnixMs) - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
                }
                await RelayAsync(tap, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                RelayLog.LaneFailed(_logger, deviceId, _options.InitialBackoff, exception);
                try
                {
                    await Task.Delay(_options.InitialBackoff, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RelayAsync(StoredTap tap, CancellationToken stoppingToken)
    {
        var attempt = tap.Attempts + 1;
        if (!_devices.TryGet(tap.DeviceId, out var device))
        {
            RelayLog.Unregistered(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence);
            await _store.MarkInFlightAsync(tap.Id, attempt, CancellationToken.None).ConfigureAwait(false);
            await FinishAsync(tap, attempt, ResultMapper.Unregistered(tap.BootEpoch, tap.Sequence),
                new AttemptRecord("rejected", null, "device not registered"), stoppingToken).ConfigureAwait(false);
            return;
        }

        await _calls.WaitAsync(stoppingToken).ConfigureAwait(false);
        CentralResponse<KioskCheckin> response;
        try
        {
            // In flight, durably, before the call: see the remarks on the type for what a crash here means.
            await _store.MarkInFlightAsync(tap.Id, attempt, CancellationToken.None).ConfigureAwait(false);
            response = await CallCentralAsync(device, tap, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _calls.Release();
        }

        switch (response.Outcome)
        {
            case CentralOutcome.Ok:
                var checkin = response.Value!;
                RelayLog.CheckedIn(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, checkin.NewPoints, checkin.TotalPoints);
                _events.Raise(new RelayAttempted(tap.DeviceId, tap.BootEpoch, tap.Sequence, attempt, response.Outcome, null));
                await FinishAsync(tap, attempt, ResultMapper.CheckedIn(tap.BootEpoch, tap.Sequence, checkin),
                    new AttemptRecord("ok", response.HttpStatus, null), stoppingToken).ConfigureAwait(false);
                break;
            case CentralOutcome.Problem when ResultMapper.IsAboutTheAgent(response.Problem!):
                // Central refused the agent's credentials or the device's kiosk token, not the card:
                // the tap waits (the terminal hears "queued") until the configuration is fixed.
                RelayLog.AgentRefused(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, response.Problem!.ShortType);
                await DeferAsync(tap, attempt, response, stoppingToken).ConfigureAwait(false);
                break;
            case CentralOutcome.Problem:
                var problem = response.Problem!;
                RelayLog.Refused(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, problem.ShortType, response.HttpStatus);
                _events.Raise(new RelayAttempted(tap.DeviceId, tap.BootEpoch, tap.Sequence, attempt, response.Outcome, null));
                await FinishAsync(tap, attempt, ResultMapper.Refused(tap.BootEpoch, tap.Sequence, problem, device),
                    new AttemptRecord("problem", response.HttpStatus, problem.ShortType), stoppingToken).ConfigureAwait(false);
                break;
            default:
                await DeferAsync(tap, attempt, response, stoppingToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task<CentralResponse<KioskCheckin>> CallCentralAsync(Device device, StoredTap tap, CancellationToken stoppingToken)
    {
        try
        {
            return await _central.KioskCheckinAsync(device.KioskToken, ChipUid.ToHex(tap.ChipUid), stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            RelayLog.ClientThrew(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, exception);
            return CentralResponse<KioskCheckin>.Unavailable("central client threw " + exception.GetType().Name);
        }
    }

    private async Task FinishAsync(StoredTap tap, int attempt, TapResult result, AttemptRecord record, CancellationToken stoppingToken)
    {
        // The answer is stored even while stopping: it is central's, and it will not come again.
        await _store.CompleteAsync(tap.Id, attempt, result, record, CancellationToken.None).ConfigureAwait(false);
        await PublishAsync(tap.DeviceId, result, stoppingToken).ConfigureAwait(false);
    }

    private async Task DeferAsync(StoredTap tap, int attempt, CentralResponse<KioskCheckin> response, CancellationToken stoppingToken)
    {
        var delay = Backoff.Delay(attempt, _options.InitialBackoff, _options.MaxBackoff, response.RetryAfter, Random.Shared);
        var failure = response.FailureReason ?? response.Problem?.ShortType ?? "no answer";
        RelayLog.Unavailable(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, attempt, failure, delay);
        await _store.DeferAsync(tap.Id, attempt, _time.GetUtcNow() + delay, queuedNotified: true,
            new AttemptRecord("unavailable", response.HttpStatus, failure), CancellationToken.None).ConfigureAwait(false);
        _events.Raise(new RelayAttempted(tap.DeviceId, tap.BootEpoch, tap.Sequence, attempt, response.Outcome, delay));
        if (!tap.QueuedNotified)
        {
            await PublishAsync(tap.DeviceId, TapResults.Queued(tap.BootEpoch, tap.Sequence), stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task PublishAsync(string deviceId, TapResult result, CancellationToken stoppingToken)
    {
        var delivered = await _publisher.PublishAsync(deviceId, result, stoppingToken).ConfigureAwait(false);
        RelayLog.ResultPublished(_logger, result.Outcome, deviceId, result.BootEpoch, result.Sequence, delivered);
        _events.Raise(new ResultPublished(deviceId, result.BootEpoch, result.Sequence, result.Outcome, result.Reason, delivered));
    }

    private sealed class Lane
    {
        public Task Task { get; set; } = Task.CompletedTask;

        public bool Rescan { get; set; }
    }
}
