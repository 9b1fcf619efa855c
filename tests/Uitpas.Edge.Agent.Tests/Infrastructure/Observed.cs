namespace Uitpas.Edge.Agent.Tests.Infrastructure;

/// <summary>
/// Everything seen so far of some stream of items, and waits for an item that matches: a wait
/// looks at the history first, so an item that came before the wait started is not missed.
/// </summary>
public sealed class Observed<T> where T : notnull
{
    private readonly Lock _gate = new();
    private readonly List<T> _history = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Done)> _waiters = [];

    public IReadOnlyList<T> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    public void Add(T item)
    {
        lock (_gate)
        {
            _history.Add(item);
            foreach (var waiter in _waiters.Where(w => w.Match(item)).ToArray())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(item);
            }
        }
    }

    public async Task<T> WaitAsync(Func<T, bool> match, string what, TimeSpan? timeout = null)
    {
        TaskCompletionSource<T> done;
        lock (_gate)
        {
            foreach (var item in _history)
            {
                if (match(item))
                {
                    return item;
                }
            }
            done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
        }
        var limit = timeout ?? Waits.Default;
        try
        {
            return await done.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No {what} within {limit}; seen: {string.Join("; ", All)}");
        }
    }
}

/// <summary>Time limits of the waits: generous, since a wait normally ends in milliseconds.</summary>
public static class Waits
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);
}
