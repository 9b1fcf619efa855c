namespace Uitpas.Edge.Agent.Alarms;

/// <summary>What an alarm is about. At most one alarm of each kind is active at a time.</summary>
public enum AlarmKind
{
    /// <summary>
    /// The store holds as many unrelayed taps as <c>Agent:Store:MaxBacklog</c> allows: new taps
    /// are refused (PUBACK QuotaExceeded; with an external broker they are left unacknowledged)
    /// and stay in the terminals' journals until the backlog drains below the low-water mark.
    /// </summary>
    StoreFull,

    /// <summary>
    /// The relay's circuit breaker is open: central gave no usable answer to several calls in a
    /// row (network, timeouts, 5xx), so the relay stops calling it for a cool-down and probes.
    /// </summary>
    CentralUnreachable,
}
