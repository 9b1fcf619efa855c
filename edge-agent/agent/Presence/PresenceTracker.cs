using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Presence;

namespace Uitpas.Edge.Agent.Presence;

/// <summary>
/// The fleet's presence: fed with every terminal's status messages (birth, changes, the last
/// will the broker publishes for a dead connection, the goodbye of a planned stop) by the
/// embedded broker or the external broker client, it keeps the last one per registered
/// device in memory and in terminal_presence. A last will older than the boot the terminal is
/// online with is ignored. At start the stored rows are loaded; a terminal stored as online is
/// <see cref="TerminalPresence.Unknown"/> until it is heard again.
/// </summary>
public sealed class PresenceTracker : IHostedService
{
    private readonly PresenceStore _store;
    private readonly DeviceRegistry _devices;
    private readonly TimeProvider _time;
    private readonly ILogger<PresenceTracker> _logger;
    private readonly Dictionary<string, TerminalPresence> _terminals = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates the tracker.</summary>
    public PresenceTracker(PresenceStore store, DeviceRegistry devices, TimeProvider time, ILogger<PresenceTracker> logger)
    {
        _store = store;
        _devices = devices;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised after a terminal's presence changed (on the thread that delivered the status).</summary>
    public event Action<TerminalPresence>? Changed;

    /// <summary>What an agent on an external broker subscribes to (not shared: every instance tracks every terminal).</summary>
    public const string AllStatuses = Topics.TerminalPrefix + "+/" + Topics.StatusSuffix;

    /// <summary>True for <c>uitpas/v1/t/{id}/status</c>.</summary>
    public static bool IsStatusTopic(string topic) =>
        Topics.TryParseTerminalTopic(topic, out _, out var suffix) && suffix == Topics.StatusSuffix;

    /// <summary>Terminals online now.</summary>
    public int OnlineCount
    {
        get
        {
            lock (_gate)
            {
                return _terminals.Values.Count(t => t.Online);
            }
        }
    }

    /// <summary>Every known terminal's presence, ordered by device id.</summary>
    public IReadOnlyList<TerminalPresence> Snapshot()
    {
        lock (_gate)
        {
            return _terminals.Values.OrderBy(t => t.DeviceId, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>One terminal's presence; false when it never published a status.</summary>
    public bool TryGet(string deviceId, out TerminalPresence presence)
    {
        lock (_gate)
        {
            return _terminals.TryGetValue(deviceId, out presence!);
        }
    }

    /// <summary>
    /// Takes one message of a status topic. False (and nothing changes) for another topic, an
    /// unregistered device, an empty (cleared) payload, a malformed status or a stale will;
    /// never throws for bad input. Completes after the new state was stored (or failed to be).
    /// </summary>
    public async Task<bool> ObserveAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        if (!Topics.TryParseTerminalTopic(topic, out var deviceId, out var suffix) || suffix != Topics.StatusSuffix
            || payload.IsEmpty || !_devices.TryGet(deviceId, out _))
        {
            return false;
        }
        if (!TerminalStatus.TryParse(payload.ToArray(), out var status, out var error))
        {
            PresenceLog.StatusInvalid(_logger, deviceId, error);
            return false;
        }
        TerminalPresence? previous;
        TerminalPresence current;
        Task saved;
        lock (_gate)
        {
            _terminals.TryGetValue(deviceId, out previous);
            if (!status.IsOnline && previous is { Online: true } && previous.BootEpoch > status.BootEpoch)
            {
                PresenceLog.StaleWill(_logger, deviceId, status.BootEpoch, previous.BootEpoch);
                return false;
            }
            current = TerminalPresence.From(deviceId, status, previous, _time.GetUtcNow());
            _terminals[deviceId] = current;
            // Queued under the lock, so the writer commits one device's states in arrival order.
            saved = _store.SaveAsync(current, cancellationToken);
        }
        Log(previous, current);
        try
        {
            await saved.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            PresenceLog.StoreFailed(_logger, deviceId, exception);
        }
        Changed?.Invoke(current);
        return true;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var rows = _store.LoadAll();
        int unconfirmed = 0;
        lock (_gate)
        {
            foreach (var row in rows)
            {
                var loaded = row.Online ? row with { State = TerminalPresence.Unknown } : row;
                unconfirmed += row.Online ? 1 : 0;
                _terminals[row.DeviceId] = loaded;
            }
        }
        PresenceLog.Loaded(_logger, rows.Count, unconfirmed);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Log(TerminalPresence? previous, TerminalPresence current)
    {
        if (current.State != previous?.State || current.BootEpoch != previous.BootEpoch)
        {
            switch (current.State)
            {
                case TerminalStatus.Online:
                    PresenceLog.Online(_logger, current.DeviceId, current.BootEpoch, current.Firmware, current.ConfigVersion, current.JournalDepth, current.ReaderHealth);
                    break;
                case TerminalStatus.OfflineWill:
                    PresenceLog.LostConnection(_logger, current.DeviceId, current.BootEpoch, current.JournalDepth);
                    break;
                default:
                    PresenceLog.StoppedCleanly(_logger, current.DeviceId, current.BootEpoch, current.JournalDepth);
                    break;
            }
        }
        if (current.ReaderHealth is TerminalStatus.ReaderDegraded or TerminalStatus.ReaderFailed && current.ReaderHealth != previous?.ReaderHealth)
        {
            PresenceLog.ReaderUnhealthy(_logger, current.DeviceId, current.ReaderHealth, current.ReaderFaults, current.ReaderResets);
        }
    }
}
