using System.ComponentModel.DataAnnotations;
using Uitpas.Edge.Agent.Reconcile;

namespace Uitpas.Edge.Agent.Relay;

/// <summary>Pacing of the relay to central. Bound from "Agent:Relay".</summary>
public sealed class RelayOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent:Relay";

    /// <summary>Wait before the second attempt; it doubles per failed attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between attempts (central's Retry-After may ask for longer: it is honoured up to an hour).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most calls to central at the same time (one per device at most).</summary>
    [Range(1, 64)]
    public int MaxConcurrentCalls { get; set; } = 4;

    /// <summary>
    /// A tap older than this when relayed (or flagged replay) is late: it is checked in with
    /// POST /checkins at the event its device was assigned to when it was tapped, not at the
    /// kiosk's current event.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The organizers of the devices' events (GET /checkins requires them): central's check-in
    /// history of these organizers is searched when a call's outcome is unknown. Without any, such
    /// a tap cannot be reconciled and waits (it is never sent again on a guess).
    /// </summary>
    [NoBlankItems(ErrorMessage = "Agent:Relay:OrganizerIds may not hold empty ids.")]
    public List<string> OrganizerIds { get; set; } = [];

    /// <summary>How far central's clock (creationDate) may differ from the agent's when matching its check-ins to calls.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The period of one check-in assumed for an event whose settings (GET /events/{id}/settings)
    /// central does not give: used to tell central's checkin-not-allowed apart (check-ins at the
    /// event up to its limit in the current period → the limit; fewer → the window had passed).
    /// </summary>
    public LimitPeriod CheckinLimitPeriod { get; set; } = LimitPeriod.Day;
}

/// <summary>A list of strings none of which is empty or white space.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class NoBlankItemsAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not IEnumerable<string> items || items.All(item => !string.IsNullOrWhiteSpace(item));
}
