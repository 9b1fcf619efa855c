using System.ComponentModel.DataAnnotations;

namespace Uitpas.Edge.Agent.Relay;

/// <summary>Pacing of the relay to central. Bound from "Agent:Relay".</summary>
public sealed class RelayOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent:Relay";

    /// <summary>Wait before the second attempt; it doubles per failed attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between attempts (also caps central's Retry-After).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most calls to central at the same time (one per device at most).</summary>
    [Range(1, 64)]
    public int MaxConcurrentCalls { get; set; } = 4;
}
