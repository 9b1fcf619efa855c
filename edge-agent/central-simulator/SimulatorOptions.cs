using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Simulator;

/// <summary>How to start a <see cref="CentralSimulator"/>.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Loopback port to listen on; 0 picks any free port (see <see cref="CentralSimulator.BaseAddress"/>).</summary>
    public int Port { get; set; }

    /// <summary>Seed number of the synthetic catalogue: the same number gives the same catalogue.</summary>
    public int SeedNumber { get; set; } = 1;

    /// <summary>Number of synthetic passholders (one card each), 8 to 10 000.</summary>
    public int PassholderCount { get; set; } = 40;

    /// <summary>The client id the token endpoint accepts.</summary>
    public string ClientId { get; set; } = "uitpas-edge-simulator";

    /// <summary>The client secret the token endpoint accepts.</summary>
    public string ClientSecret { get; set; } = "simulator-secret";

    /// <summary>Lifetime of issued access tokens (expires_in); short lifetimes force renewals.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The clock for token expiry, check-in windows and "one per day"; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logging of the simulator's host; none when null.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfLessThan(PassholderCount, 8, nameof(PassholderCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PassholderCount, 10_000, nameof(PassholderCount));
        ArgumentException.ThrowIfNullOrWhiteSpace(ClientId, nameof(ClientId));
        ArgumentException.ThrowIfNullOrWhiteSpace(ClientSecret, nameof(ClientSecret));
        ArgumentOutOfRangeException.ThrowIfLessThan(TokenLifetime, TimeSpan.FromSeconds(1), nameof(TokenLifetime));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
