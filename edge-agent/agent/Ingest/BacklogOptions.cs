using System.ComponentModel.DataAnnotations;

namespace Uitpas.Edge.Agent.Ingest;

/// <summary>The store cap. Bound from "Agent:Store" (beside the store provider's own settings).</summary>
public sealed class BacklogOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent:Store";

    /// <summary>
    /// Most unrelayed taps the store holds. At the cap the agent pushes back: new taps are refused
    /// (PUBACK QuotaExceeded; an external broker's are left unacknowledged) and stay journaled on
    /// the terminals; the StoreFull alarm is raised, and cleared once the backlog is down to
    /// <see cref="ResumeAt"/>. Taps already stored are still answered.
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxBacklog { get; set; } = 200_000;

    /// <summary>The low-water mark: the StoreFull alarm clears at this backlog (90 % of the cap, at least one below it).</summary>
    public long ResumeAt => MaxBacklog - Math.Max(1, MaxBacklog / 10);
}
