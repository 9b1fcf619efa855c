namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>Waiting on a condition with a timeout (polled), never a fixed sleep.</summary>
public static class Eventually
{
    /// <summary>Completes when <paramref name="condition"/> holds; throws a TimeoutException with <paramref name="describe"/>'s text otherwise.</summary>
    public static async Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe, TimeSpan? poll = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {timeout}: {describe()}");
            }
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>As <see cref="HoldsAsync(Func{bool}, TimeSpan, Func{string}, TimeSpan?)"/> with an asynchronous condition (e.g. a database query).</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> describe, TimeSpan? poll = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {timeout}: {await describe()}");
            }
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(200));
        }
    }
}
