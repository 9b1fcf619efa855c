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
/// a tap of its device is committed and, at start-up, for every device with unrelayed taps, so
/// taps acknowledged before a restart are relayed after it. Each tap is relayed until central
/// gives a definitive answer (checked in, or a problem), which is stored and published to the
/// terminal; while central is unavailable, or refuses the agent's own credentials or the
/// device's kiosk token (a configuration fault, not an answer about the card), the tap waits
/// and is retried with exponential backoff and jitter, and the terminal is told once that it is
/// queued. One tap's steps are <see cref="TapRelayer"/>'s.
/// </summary>
/// <remarks>
/// Central has no idempotency key. Exactly once comes from the tap's persisted relay state and
/// central's check-in history: a call whose answer is lost, or that was in flight when the
/// agent stopped (<see cref="RelayStore.ReleaseInterruptedAsync"/>), is never simply sent again;
/// <see cref="TapRelayer"/> first looks for its check-in in GET /checkins and claims it for the
/// tap (each central check-in for one tap at most). See docs/protocol.md, "Relay to central".
/// </remarks>
public sealed class RelayService : BackgroundService
{
    private readonly RelayStore _store;
    private readonly RelaySignal _signal;
    private readonly RelayOptions _options;
    private readonly TapRelayer _relayer;
    private readonly TimeProvider _time;
    private readonly ILogger<RelayService> _logger;
    private readonly SemaphoreSlim _calls;
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    /// <summary>Creates the relay.</summary>
    public RelayService(RelayStore store, DeviceRegistry devices, IUitpasCentral central, IResultPublisher publisher, RelaySignal signal,
        AgentEvents events, IOptions<RelayOptions> options, TimeProvider time, ILogger<RelayService> logger)
    {
        _store = store;
        _signal = signal;
        _options = options.Value;
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
        await _calls.WaitAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            await _relayer.RelayAsync(tap, stoppingToken).ConfigureAwait(false);
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
    }
}
