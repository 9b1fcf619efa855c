using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Events;

/// <summary>
/// In-process notifications of what the agent did, for the demo, the dashboard and tests (which
/// wait on these rather than on time). Handlers run synchronously on the agent's threads: keep
/// them short. A throwing handler is logged and does not disturb the agent.
/// </summary>
public sealed class AgentEvents
{
    private readonly ILogger<AgentEvents> _logger;

    /// <summary>Creates the event surface.</summary>
    public AgentEvents(ILogger<AgentEvents> logger)
    {
        _logger = logger;
    }

    /// <summary>A new tap was committed.</summary>
    public event Action<TapCommitted>? TapCommitted;

    /// <summary>A tap already stored arrived again.</summary>
    public event Action<TapDuplicate>? TapDuplicate;

    /// <summary>A publish was refused.</summary>
    public event Action<TapRefused>? TapRefused;

    /// <summary>A result was published to a terminal.</summary>
    public event Action<ResultPublished>? ResultPublished;

    /// <summary>A call to central ended.</summary>
    public event Action<RelayAttempted>? RelayAttempted;

    /// <summary>An alarm became active.</summary>
    public event Action<AlarmRaised>? AlarmRaised;

    /// <summary>An alarm ended.</summary>
    public event Action<AlarmCleared>? AlarmCleared;

    /// <summary>A tap got its final answer from central.</summary>
    public event Action<TapSettled>? TapSettled;

    internal void Raise(TapCommitted e) => Raise(TapCommitted, e);

    internal void Raise(TapDuplicate e) => Raise(TapDuplicate, e);

    internal void Raise(TapRefused e) => Raise(TapRefused, e);

    internal void Raise(ResultPublished e) => Raise(ResultPublished, e);

    internal void Raise(RelayAttempted e) => Raise(RelayAttempted, e);

    internal void Raise(AlarmRaised e) => Raise(AlarmRaised, e);

    internal void Raise(AlarmCleared e) => Raise(AlarmCleared, e);

    internal void Raise(TapSettled e) => Raise(TapSettled, e);

    private void Raise<T>(Action<T>? handlers, T e)
    {
        if (handlers is null)
        {
            return;
        }
        foreach (var handler in handlers.GetInvocationList().Cast<Action<T>>())
        {
            try
            {
                handler(e);
            }
            catch (Exception exception)
            {
                EventLog.HandlerFailed(_logger, typeof(T).Name, exception);
            }
        }
    }
}
