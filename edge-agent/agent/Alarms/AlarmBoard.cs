using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Events;

namespace Uitpas.Edge.Agent.Alarms;

/// <summary>
/// The agent's active alarms, one per <see cref="AlarmKind"/> at most (a singleton). Components
/// raise an alarm when a condition starts and clear it when it ends; both are idempotent, so a
/// component may call them on every observation. A change is logged (Error when raised,
/// Information when cleared) and announced as <see cref="AlarmRaised"/> / <see cref="AlarmCleared"/>
/// on <see cref="AgentEvents"/> (handlers run under the board's lock: keep them short); raising an active alarm again changes nothing, not even its
/// detail. Read <see cref="Active"/> for health checks and metrics. Thread-safe.
/// </summary>
public sealed class AlarmBoard
{
    private readonly Lock _gate = new();
    private readonly Dictionary<AlarmKind, Alarm> _active = [];
    private readonly AgentEvents _events;
    private readonly TimeProvider _time;
    private readonly ILogger<AlarmBoard> _logger;

    /// <summary>Creates an empty board.</summary>
    public AlarmBoard(AgentEvents events, TimeProvider time, ILogger<AlarmBoard> logger)
    {
        _events = events;
        _time = time;
        _logger = logger;
    }

    /// <summary>The alarms active now (a snapshot, ordered by kind).</summary>
    public IReadOnlyCollection<Alarm> Active
    {
        get
        {
            lock (_gate)
            {
                return [.. _active.Values.OrderBy(alarm => alarm.Kind)];
            }
        }
    }

    /// <summary>True while an alarm of <paramref name="kind"/> is active.</summary>
    public bool IsActive(AlarmKind kind)
    {
        lock (_gate)
        {
            return _active.ContainsKey(kind);
        }
    }

    /// <summary>Raises an alarm of <paramref name="kind"/>; true when it was not active before.</summary>
    public bool Raise(AlarmKind kind, string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        lock (_gate)
        {
            if (_active.ContainsKey(kind))
            {
                return false;
            }
            var alarm = new Alarm(kind, _time.GetUtcNow(), detail);
            _active[kind] = alarm;
            // Announced under the lock, so handlers see raise and clear in the order they happened.
            AlarmLog.Raised(_logger, kind, detail);
            _events.Raise(new AlarmRaised(alarm.Kind, alarm.Since, alarm.Detail));
            return true;
        }
    }

    /// <summary>Clears the alarm of <paramref name="kind"/>; true when it was active.</summary>
    public bool Clear(AlarmKind kind, string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        lock (_gate)
        {
            if (!_active.Remove(kind, out var alarm))
            {
                return false;
            }
            var now = _time.GetUtcNow();
            AlarmLog.Cleared(_logger, kind, now - alarm.Since, detail);
            _events.Raise(new AlarmCleared(kind, alarm.Since, now, detail));
            return true;
        }
    }
}
