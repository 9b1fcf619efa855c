using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Alarms;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Store;

namespace Uitpas.Edge.Agent.Ingest;

/// <summary>
/// The count of unrelayed taps against <see cref="BacklogOptions.MaxBacklog"/>, kept in memory so
/// that checking it costs no query: seeded from the store at first use, raised by each commit
/// (a place is reserved before the commit, so concurrent taps cannot overshoot the cap), lowered
/// by each final answer (<see cref="TapSettled"/>), and re-read from the store by
/// <see cref="Refresh"/> (<see cref="BacklogMonitor"/>), which also catches taps that another
/// agent instance settled. Raises <see cref="AlarmKind.StoreFull"/> when the cap is reached and
/// clears it at <see cref="BacklogOptions.ResumeAt"/>. Thread-safe.
/// </summary>
public sealed class TapBacklog
{
    private readonly Lock _gate = new();
    private readonly BacklogOptions _options;
    private readonly RelayStore _store;
    private readonly AlarmBoard _alarms;
    private readonly ILogger<TapBacklog> _logger;
    private bool _seeded;
    private long _stored;
    private long _reserved;
    private TaskCompletionSource _room = NewRoomSignal();
    private bool _waiting;

    /// <summary>Creates the counter; it reads the store at first use.</summary>
    public TapBacklog(IOptions<BacklogOptions> options, RelayStore store, AlarmBoard alarms, AgentEvents events, ILogger<TapBacklog> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(events);
        _options = options.Value;
        _store = store;
        _alarms = alarms;
        _logger = logger;
        events.TapSettled += _ => Settled();
    }

    /// <summary>The cap (Agent:Store:MaxBacklog).</summary>
    public long Cap => _options.MaxBacklog;

    /// <summary>Unrelayed taps stored, plus taps being committed now.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _stored + _reserved;
            }
        }
    }

    /// <summary>Takes a place for one tap about to be committed; false at the cap. End it with <see cref="Committed"/> or <see cref="Release"/>.</summary>
    public bool TryReserve()
    {
        EnsureSeeded();
        lock (_gate)
        {
            if (_stored + _reserved >= _options.MaxBacklog)
            {
                RaiseFull();
                return false;
            }
            _reserved++;
            return true;
        }
    }

    /// <summary>The reserved tap was stored: it is now part of the backlog.</summary>
    public void Committed()
    {
        lock (_gate)
        {
            _reserved--;
            _stored++;
            if (_stored + _reserved >= _options.MaxBacklog)
            {
                RaiseFull();
            }
        }
    }

    /// <summary>The reserved place is not needed (a duplicate, or the commit failed).</summary>
    public void Release()
    {
        lock (_gate)
        {
            _reserved--;
            SignalIfRoom();
        }
    }

    /// <summary>Completes when there is room for a tap (or throws when <paramref name="cancellationToken"/> is canceled).</summary>
    public Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        EnsureSeeded();
        lock (_gate)
        {
            if (_stored + _reserved < _options.MaxBacklog)
            {
                return Task.CompletedTask;
            }
            _waiting = true;
            return _room.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Reads the backlog from the store again (corrects for other instances and missed events).</summary>
    public void Refresh()
    {
        var count = _store.CountUnrelayed();
        lock (_gate)
        {
            if (_seeded && count != _stored)
            {
                BacklogLog.Corrected(_logger, _stored, count);
            }
            _seeded = true;
            _stored = count;
            AfterDecrease();
            if (_stored + _reserved >= _options.MaxBacklog)
            {
                RaiseFull();
            }
        }
    }

    private void Settled()
    {
        lock (_gate)
        {
            if (_stored > 0)
            {
                _stored--;
            }
            AfterDecrease();
        }
    }

    private void EnsureSeeded()
    {
        if (Volatile.Read(ref _seeded))
        {
            return;
        }
        var count = _store.CountUnrelayed();
        lock (_gate)
        {
            if (_seeded)
            {
                return;
            }
            _seeded = true;
            _stored = count;
            BacklogLog.Seeded(_logger, count, _options.MaxBacklog);
            if (_stored >= _options.MaxBacklog)
            {
                RaiseFull();
            }
        }
    }

    private void AfterDecrease()
    {
        SignalIfRoom();
        if (_stored + _reserved <= _options.ResumeAt)
        {
            _alarms.Clear(AlarmKind.StoreFull, $"backlog down to {_stored + _reserved} unrelayed taps; taps are taken again");
        }
    }

    private void SignalIfRoom()
    {
        if (_waiting && _stored + _reserved < _options.MaxBacklog)
        {
            _waiting = false;
            var room = _room;
            _room = NewRoomSignal();
            room.TrySetResult();
        }
    }

    private void RaiseFull() =>
        _alarms.Raise(AlarmKind.StoreFull,
            $"the store holds {_stored + _reserved} unrelayed taps (Agent:Store:MaxBacklog {_options.MaxBacklog}): new taps are refused and stay in the terminals' journals");

    private static TaskCompletionSource NewRoomSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
