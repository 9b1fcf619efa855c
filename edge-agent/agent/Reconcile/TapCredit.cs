namespace Uitpas.Edge.Agent.Reconcile;

/// <summary>What a tap finally earned at central (tap_relay.credit); <see cref="None"/> until final.</summary>
public enum TapCredit
{
    /// <summary>Not final yet.</summary>
    None = 0,

    /// <summary>Central answered that it checked the passholder in.</summary>
    Credited = 1,

    /// <summary>Central's answer was lost, and its check-in history showed the check-in (claimed for this tap).</summary>
    CreditedFromHistory = 2,

    /// <summary>Refused: the passholder had reached the event's check-in limit for the period.</summary>
    RefusedLimit = 3,

    /// <summary>Not credited: a late tap refused because the event's check-in window had passed. Kept for the report.</summary>
    RefusedWindowClosed = 4,

    /// <summary>Refused by central for another reason (blocked or unknown card, no event, …).</summary>
    Refused = 5,

    /// <summary>Refused by the agent itself (the device is no longer registered).</summary>
    Rejected = 6,
}

/// <summary>Which of central's calls relays a tap (tap_relay.route), fixed at its first attempt.</summary>
public enum TapRoute
{
    /// <summary>Not decided yet.</summary>
    Undecided = 0,

    /// <summary>POST /kiosk-devices/checkins: the kiosk's current event (a live tap).</summary>
    Kiosk = 1,

    /// <summary>POST /checkins: the event in force at the tap (a late tap).</summary>
    Checkins = 2,
}

/// <summary>How a tap is relayed: its route and, for <see cref="TapRoute.Checkins"/>, the event in force when it was tapped.</summary>
public sealed record RelayPlan(TapRoute Route, string? EventId);
