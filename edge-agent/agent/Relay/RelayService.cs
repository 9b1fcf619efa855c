using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Broker;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Central;

namespace Uitpas.Edge.Agent.Relay;

/// <summary>
/// Relays committed taps to central, one lane per device so each device's taps go in their own
/// order (boot epoch, then sequence) while devices proceed side by side. A lane is started when
/// a tap of its device is committed, at start-up for every device with unrelayed taps, and by a
/// poll every Agent:Store:RelayPollInterval for devices with unrelayed taps that no live instance
/// relays (taps another instance stored), so taps acknowledged before a restart, or by another
/// instance, are relayed. A lane first takes the device's relay lease
/// (<see cref="RelayStore.AcquireLeaseAsync"/>): only one instance relays a device at a time; the
/// lane renews it while it runs, gives it up when nothing is left, and stops when another
/// instance took it over. Each tap is relayed until central
/// gives a definitive answer (checked in, or a problem), which is stored and published to the
/// terminal; while central is unavailable, or refuses the agent's own credentials or the
/// device's kiosk token (a configuration fault, not an answer about the card), the tap waits
/// and is retried with exponential backoff and jitter, and the terminal is told once that it is
/// queued. One tap's steps are <see cref="TapRelayer"/>'s.
/// </summary>
/// <remarks>
/// Central has no idempotency key. Exactly once comes from the tap's persisted relay state and
/// central's check-in history: a call whose answer is lost, or that was in flight when the
/// agent (or the instance that held the lease) stopped (<see cref="RelayStore.ReleaseInterruptedAsync"/>,
/// <see cref="RelayStore.AcquireLeaseAsync"/>), is never simply sent again;
/// <see cref="TapRelayer"/> first looks for its check-in in GET /checkins and claims it for the
/// tap (each central check-in for one tap at most). See docs/protocol.md, "Relay to central".
/// </remarks>
public sealed class RelayService : BackgroundService
{
    private readonly RelayStore _store;
    private readonly RelaySignal _signal;
    private readonly RelayOptions _options;
    private readonly StoreOptions _storeOptions;
    private readonly TapRelayer _relayer;
    private readonly TimeProvider _time;
    private readonly ILogger<RelayService> _logger;
    private readonly SemaphoreSlim _calls;
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    /// <summary>Creates the relay.</summary>
    public RelayService(RelayStore store, DeviceRegistry devices, IUitpasCentral central, IResultPublisher publisher, RelaySignal signal,
        AgentEvents events, IOptions<RelayOptions> options, IOptions<StoreOptions> storeOptions, TimeProvider time, ILogger<RelayService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storeOptions);
        _store = store;
        _signal = signal;
        _options = options.Value;
        _storeOptions = storeOptions.Value;
        _time = time;
        _logger = logger;
        _relayer = new TapRelayer(store, devices, central, publisher, events, _options, time, logger);
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
        if (_options.OrganizerIds.Count == 0)
        {
            RelayLog.NoOrganizers(_logger);
        }
        var pending = _store.DevicesToRelay();
        RelayLog.Started(_logger, pending.Count);
        foreach (var deviceId in pending)
        {
            Wake(deviceId, stoppingToken);
        }
        var poll = PollAsync(stoppingToken);
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
        await poll.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Wakes lanes for devices whose taps no live instance relays (stored by another instance, or left by a dead one).</summary>
    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var interval = _storeOptions.RelayPollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, stoppingToken).ConfigureAwait(false);
                foreach (var deviceId in _store.DevicesToRelay())
                {
                    Wake(deviceId, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                RelayLeaseLog.PollFailed(_logger, interval, exception);
            }
        }
    }

    private void Wake(string deviceId, CancellationToken stoppingToken)
    {
        lock (_lanes)
        {
            var previous = Task.CompletedTask;
            if (_lanes.TryGetValue(deviceId, out var running))
            {
                if (!running.Ending)
                {
                    running.Rescan = true;
                    return;
                }
                // The running lane is giving the lease up: the new one starts after it.
                previous = running.Task;
            }
            var lane = new Lane();
            _lanes[deviceId] = lane;
            lane.Task = Task.Run(() => RunLaneAsync(deviceId, lane, previous, stoppingToken), CancellationToken.None);
        }
    }

    private async Task RunLaneAsync(string deviceId, Lane lane, Task previous, CancellationToken stoppingToken)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var release = false;
        Task renewal = Task.CompletedTask;
        try
        {
            if (!await AcquireAsync(deviceId, stoppingToken).ConfigureAwait(false))
            {
                return;
            }
            renewal = RenewWhileRunningAsync(deviceId, leaseLost);
            release = await RunTapsAsync(deviceId, lane, leaseLost.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await leaseLost.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (release || stoppingToken.IsCancellationRequested)
            {
                await ReleaseAsync(deviceId).ConfigureAwait(false);
            }
            lock (_lanes)
            {
                if (_lanes.TryGetValue(deviceId, out var current) && current == lane)
                {
                    _lanes.Remove(deviceId);
                }
            }
        }
    }

    /// <summary>Relays the device's taps until none is left (true: give the lease up), the lease is lost or the agent stops (false).</summary>
    private async Task<bool> RunTapsAsync(string deviceId, Lane lane, CancellationToken laneToken)
    {
        while (!laneToken.IsCancellationRequested)
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
                            lane.Ending = true;
                            return true;
                        }
                    }
                    continue;
                }
                var wait = DateTimeOffset.FromUnixTimeMilliseconds(tap.NextAttemptAtUnixMs) - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, laneToken).ConfigureAwait(false);
                }
                await RelayAsync(tap, laneToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (laneToken.IsCancellationRequested)
            {
                return false;
            }
            catch (LeaseLostException)
            {
                RelayLeaseLog.Lost(_logger, _store.InstanceId, deviceId);
                return false;
            }
            catch (Exception exception)
            {
                RelayLog.LaneFailed(_logger, deviceId, _options.InitialBackoff, exception);
                try
                {
                    await Task.Delay(_options.InitialBackoff, _time, laneToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
        }
        return false;
    }

    /// <summary>Takes the device's lease; false when another live instance holds it (it relays the device).</summary>
    private async Task<bool> AcquireAsync(string deviceId, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var acquisition = await _store.AcquireLeaseAsync(deviceId, stoppingToken).ConfigureAwait(false);
                if (!acquisition.Acquired)
                {
                    RelayLeaseLog.HeldElsewhere(_logger, deviceId, acquisition.PreviousOwner);
                    return false;
                }
                if (acquisition.Released.Count > 0)
                {
                    RelayLeaseLog.TookOver(_logger, _store.InstanceId, deviceId, acquisition.PreviousOwner ?? "(none)", acquisition.Released.Count);
                    foreach (var tap in acquisition.Released)
                    {
                        RelayLog.Interrupted(_logger, tap.DeviceId, tap.BootEpoch, tap.Sequence, tap.Attempts);
                    }
                }
                return true;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                RelayLeaseLog.LeaseFailed(_logger, deviceId, "acquire", exception);
                await Task.Delay(_options.InitialBackoff, _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Renews the lease every third of its term while the lane runs; cancels the lane when another instance took it over.</summary>
    private async Task RenewWhileRunningAsync(string deviceId, CancellationTokenSource lane)
    {
        var period = _store.LeaseDuration / 3;
        while (!lane.IsCancellationRequested)
        {
            await Task.Delay(period, _time, lane.Token).ConfigureAwait(false);
            try
            {
                if (!await _store.RenewLeaseAsync(deviceId, lane.Token).ConfigureAwait(false))
                {
                    RelayLeaseLog.Lost(_logger, _store.InstanceId, deviceId);
                    await lane.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                RelayLeaseLog.LeaseFailed(_logger, deviceId, "renew", exception);
            }
        }
    }

    /// <summary>Gives the lease up (kept when a tap is still in flight: it expires then).</summary>
    private async Task ReleaseAsync(string deviceId)
    {
        try
        {
            await _store.ReleaseLeaseAsync(deviceId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The writer is stopped or the database is away: the lease simply expires.
            RelayLeaseLog.LeaseFailed(_logger, deviceId, "release", exception);
        }
    }

    private async Task RelayAsync(StoredTap tap, CancellationToken laneToken)
    {
        await _calls.WaitAsync(laneToken).ConfigureAwait(false);
        try
        {
            await _relayer.RelayAsync(tap, laneToken).ConfigureAwait(false);
        }
        finally
        {
            _calls.Release();
        }
    }

    private sealed class Lane
    {
        public Task Task { get; set; } = Task.CompletedTask;

        public bool Rescan { get; set; }

        /// <summary>Nothing was left: the lane is giving the lease up; a new lane for the device waits for it.</summary>
        public bool Ending { get; set; }
    }
}
