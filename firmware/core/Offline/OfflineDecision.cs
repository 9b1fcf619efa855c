namespace Uitpas.Edge.Core.Offline
{
    /// <summary>What the terminal decides at the tap when central cannot be asked.</summary>
    public enum OfflineDecision
    {
        /// <summary>Taken and queued: the check-in is registered offline, points follow when central has it.</summary>
        Registered = 1,

        /// <summary>The card already checked in as often as the event allows in this period.</summary>
        LimitReached = 2,

        /// <summary>The allowlist lists the card as blocked.</summary>
        Blocked = 3,
    }
}
