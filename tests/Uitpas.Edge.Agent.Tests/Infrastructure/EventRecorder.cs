using Uitpas.Edge.Agent.Events;

namespace Uitpas.Edge.Agent.Tests.Infrastructure;

/// <summary>Records every agent event from the moment it is attached; tests wait on these, never on time.</summary>
public sealed class EventRecorder
{
    private readonly Observed<object> _events = new();

    public EventRecorder(AgentEvents events)
    {
        events.TapCommitted += _events.Add;
        events.TapDuplicate += _events.Add;
        events.TapRefused += _events.Add;
        events.ResultPublished += _events.Add;
        events.RelayAttempted += _events.Add;
        events.AlarmRaised += _events.Add;
        events.AlarmCleared += _events.Add;
        events.TapSettled += _events.Add;
    }

    public IReadOnlyList<T> All<T>() => [.. _events.All.OfType<T>()];

    public async Task<T> WaitAsync<T>(Func<T, bool> match, TimeSpan? timeout = null) =>
        (T)await _events.WaitAsync(e => e is T t && match(t), typeof(T).Name, timeout);
}
