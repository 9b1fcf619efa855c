using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Uitpas.Edge.Agent.Relay;

/// <summary>The relay's circuit breaker in front of central. Bound from "Agent:Relay:CircuitBreaker".</summary>
public sealed class CircuitBreakerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent:Relay:CircuitBreaker";

    /// <summary>
    /// Consecutive calls without a usable answer from central (network error, timeout, 5xx, 408)
    /// that open the breaker. Problems about a card and 429 (pacing) are answers: they do not count.
    /// </summary>
    [Range(1, 10_000)]
    public int FailureThreshold { get; set; } = 5;

    /// <summary>The failures must fall within this time of the first of them; an older streak starts again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the breaker stays open the first time before one probe call is let through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan OpenFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A failed probe opens the breaker again for twice as long as before, at most this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxOpenFor { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Checks what data annotations cannot: <see cref="CircuitBreakerOptions.MaxOpenFor"/> is not below <see cref="CircuitBreakerOptions.OpenFor"/>.</summary>
internal sealed class CircuitBreakerOptionsValidator : IValidateOptions<CircuitBreakerOptions>
{
    public ValidateOptionsResult Validate(string? name, CircuitBreakerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxOpenFor < options.OpenFor
            ? ValidateOptionsResult.Fail($"{CircuitBreakerOptions.SectionName}:MaxOpenFor ({options.MaxOpenFor}) must not be less than OpenFor ({options.OpenFor}).")
            : ValidateOptionsResult.Success;
    }
}
