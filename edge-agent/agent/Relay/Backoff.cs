namespace Uitpas.Edge.Agent.Relay;

/// <summary>Exponential backoff with jitter, honouring central's Retry-After.</summary>
public static class Backoff
{
    /// <summary>The longest Retry-After honoured (a date far ahead is taken as this).</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(1);

    /// <summary>
    /// The wait after failed attempt number <paramref name="attempt"/> (1-based): initial × 2^(attempt−1),
    /// capped at <paramref name="max"/>, of which a random half is taken off ("equal jitter") so
    /// terminals that failed together do not retry together; never less than
    /// <paramref name="retryAfter"/>, which central's 429 or 503 asked for (itself capped at
    /// <see cref="MaxRetryAfter"/>, not at <paramref name="max"/>: central's pacing wins).
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max, TimeSpan? retryAfter, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentNullException.ThrowIfNull(random);
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        var jittered = ceiling / 2 + random.NextDouble() * ceiling / 2;
        var floor = retryAfter is { } wait ? Math.Min(wait.TotalMilliseconds, MaxRetryAfter.TotalMilliseconds) : 0;
        return TimeSpan.FromMilliseconds(Math.Max(jittered, floor));
    }
}
