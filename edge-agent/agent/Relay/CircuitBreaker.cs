using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Alarms;

namespace Uitpas.Edge.Agent.Relay;

/// <summary>The state of the <see cref="CircuitBreaker"/>.</summary>
public enum CircuitState
{
    /// <summary>Calls go to central; consecutive failures are counted.</summary>
    Closed,

    /// <summary>Calls are refused at once until the cool-down ends.</summary>
    Open,

    /// <summary>The cool-down ended: one probe call is let through, the others are refused until it answers.</summary>
    HalfOpen,
}

/// <summary>
/// Whether a call may go to central now. <see cref="IsProbe"/> marks the single call of the
/// half-open state; <see cref="RetryAfter"/> says how long a refused caller should wait.
/// </summary>
public readonly record struct CircuitPermit(bool IsAllowed, bool IsProbe, TimeSpan RetryAfter);

/// <summary>
/// The circuit breaker between the relay and central. Closed: calls go through, and
/// <see cref="CircuitBreakerOptions.FailureThreshold"/> consecutive failures (no usable answer:
/// network error, timeout, 5xx, 408) within <see cref="CircuitBreakerOptions.FailureWindow"/>
/// open it. Open: calls are refused at once for the cool-down (no HTTP call), with the time left
/// as their Retry-After. Half-open, after the cool-down: one probe call goes through; its answer
/// closes the breaker, its failure opens it again for twice the previous cool-down (at most
/// <see cref="CircuitBreakerOptions.MaxOpenFor"/>). Any answer from central (OK, a problem, 429)
/// counts as reachable. While open, the <see cref="AlarmKind.CentralUnreachable"/> alarm is
/// active. Thread-safe; time comes from the <see cref="TimeProvider"/> (tests drive it).
/// </summary>
public sealed class CircuitBreaker
{
    private readonly Lock _gate = new();
    private readonly CircuitBreakerOptions _options;
    private readonly AlarmBoard _alarms;
    private readonly TimeProvider _time;
    private readonly ILogger<CircuitBreaker> _logger;
    private int _failures;
    private DateTimeOffset _firstFailureAt;
    private DateTimeOffset _openUntil;
    private TimeSpan _openFor;
    private bool _probing;

    /// <summary>Creates a closed breaker.</summary>
    public CircuitBreaker(IOptions<CircuitBreakerOptions> options, AlarmBoard alarms, TimeProvider time, ILogger<CircuitBreaker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _alarms = alarms;
        _time = time;
        _logger = logger;
        _openFor = _options.OpenFor;
    }

    /// <summary>The state now (an open breaker whose cool-down ended reads as half-open).</summary>
    public CircuitState State
    {
        get
        {
            lock (_gate)
            {
                return StateAt(_time.GetUtcNow());
            }
        }
    }

    /// <summary>
    /// How long a call would be refused from now: null when one would go through (closed, or
    /// half-open with no probe running). Does not take the probe's place.
    /// </summary>
    public TimeSpan? RefusesFor()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return StateAt(now) switch
            {
                CircuitState.Open => _openUntil - now,
                CircuitState.HalfOpen when _probing => ProbeWait(),
                _ => null,
            };
        }
    }

    /// <summary>Asks to make one call; an allowed permit must be ended with <see cref="Answered"/>, <see cref="Failed"/> or <see cref="Abandoned"/>.</summary>
    public CircuitPermit Enter()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            switch (StateAt(now))
            {
                case CircuitState.Closed:
                    return new CircuitPermit(true, false, TimeSpan.Zero);
                case CircuitState.Open:
                    return new CircuitPermit(false, false, _openUntil - now);
                default:
                    if (_probing)
                    {
                        return new CircuitPermit(false, false, ProbeWait());
                    }
                    _probing = true;
                    CircuitBreakerLog.Probing(_logger);
                    return new CircuitPermit(true, true, TimeSpan.Zero);
            }
        }
    }

    /// <summary>Central answered the call (OK, a problem, or 429): the breaker closes, the failure streak ends.</summary>
    public void Answered(CircuitPermit permit)
    {
        lock (_gate)
        {
            if (permit.IsProbe)
            {
                _probing = false;
            }
            _failures = 0;
            if (_openUntil == default)
            {
                return;
            }
            _openUntil = default;
            _openFor = _options.OpenFor;
            _probing = false;
            CircuitBreakerLog.Closed(_logger);
            _alarms.Clear(AlarmKind.CentralUnreachable, "central answers again");
        }
    }

    /// <summary>The call got no usable answer (<paramref name="failure"/> says why, for logs: no secrets, no card numbers).</summary>
    public void Failed(CircuitPermit permit, string failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (permit.IsProbe)
            {
                if (!_probing)
                {
                    return; // another call closed the breaker meanwhile
                }
                _probing = false;
                _openFor = TimeSpan.FromTicks(Math.Min(_openFor.Ticks * 2, _options.MaxOpenFor.Ticks));
                _openUntil = now + _openFor;
                CircuitBreakerLog.Reopened(_logger, failure, _openFor);
                return;
            }
            if (_openUntil != default)
            {
                return; // a call started before the breaker opened: nothing more to learn
            }
            if (_failures == 0 || now - _firstFailureAt > _options.FailureWindow)
            {
                _failures = 0;
                _firstFailureAt = now;
            }
            _failures++;
            if (_failures < _options.FailureThreshold)
            {
                return;
            }
            _openFor = _options.OpenFor;
            _openUntil = now + _openFor;
            CircuitBreakerLog.Opened(_logger, _failures, failure, _openFor);
            _alarms.Raise(AlarmKind.CentralUnreachable,
                $"{_failures} calls to central in a row got no usable answer (last: {failure}); the relay pauses and probes");
            _failures = 0;
        }
    }

    /// <summary>The caller gave up before an answer (it is stopping): nothing is learnt; a probe's place is freed.</summary>
    public void Abandoned(CircuitPermit permit)
    {
        if (!permit.IsProbe)
        {
            return;
        }
        lock (_gate)
        {
            _probing = false;
        }
    }

    private CircuitState StateAt(DateTimeOffset now) =>
        _openUntil == default ? CircuitState.Closed : now < _openUntil ? CircuitState.Open : CircuitState.HalfOpen;

    /// <summary>A caller refused while the probe runs tries again soon: a tenth of the cool-down, 50 ms to 5 s.</summary>
    private TimeSpan ProbeWait() =>
        TimeSpan.FromTicks(Math.Clamp(_openFor.Ticks / 10, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(5).Ticks));
}
