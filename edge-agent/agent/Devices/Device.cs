namespace Uitpas.Edge.Agent.Devices;

/// <summary>
/// A registered terminal. <see cref="KioskToken"/> is a secret: never log it.
/// <see cref="CardSystemId"/> is the card system whose allowlist the terminal holds (0 = none:
/// it gets no snapshots); <see cref="Events"/> are its event assignments, none overlapping.
/// </summary>
public sealed record Device(string Id, string KioskToken, string Language)
{
    /// <summary>The terminal's card system at central (UiTPAS region); 0 when not set.</summary>
    public int CardSystemId { get; init; }

    /// <summary>Where the terminal is installed (region → municipality → venue/counter, organizer); <see cref="DeviceSite.None"/> until assigned.</summary>
    public DeviceSite Site { get; init; } = DeviceSite.None;

    /// <summary>True once retired: credentials revoked, history kept; it is served no more.</summary>
    public bool Retired { get; init; }

    /// <summary>When it was retired; null while in service.</summary>
    public DateTimeOffset? RetiredAt { get; init; }

    /// <summary>Its loans to associations, oldest first (returned ones kept as history).</summary>
    public IReadOnlyList<DeviceLoan> Loans { get; init; } = [];

    /// <summary>The loan not returned yet, or null.</summary>
    public DeviceLoan? OpenLoan => Loans.LastOrDefault(l => l.ReturnedAt is null);

    /// <summary>The events the terminal is assigned to, ordered by <see cref="EventAssignment.From"/>.</summary>
    public IReadOnlyList<EventAssignment> Events { get; init; } = [];

    /// <summary>The assignment in force at <paramref name="at"/>, or null when none covers it.</summary>
    public EventAssignment? EventAt(DateTimeOffset at)
    {
        foreach (var assignment in Events)
        {
            if (assignment.Covers(at))
            {
                return assignment;
            }
        }
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"Device {Id} ({Language})";
}

/// <summary>
/// A terminal assigned to a central event during [<see cref="From"/>, <see cref="Until"/>).
/// <see cref="RegularPrices"/> are the event's ticket prices (euro) whose UiTPAS tariffs go in the
/// terminal's events snapshot; <see cref="Title"/> is shown on staff screens (optional).
/// </summary>
public sealed record EventAssignment(string EventId, DateTimeOffset From, DateTimeOffset Until)
{
    /// <summary>Regular ticket prices in euro (may be empty: then the snapshot has no tariffs for the event).</summary>
    public IReadOnlyList<decimal> RegularPrices { get; init; } = [];

    /// <summary>A short title for the event; empty when not configured.</summary>
    public string Title { get; init; } = "";

    /// <summary>The event's policy domain (stored per event id, the same for every device serving it); Unknown when not set.</summary>
    public Reports.PolicyDomain Domain { get; init; }

    /// <summary>True when <paramref name="at"/> lies in [From, Until).</summary>
    public bool Covers(DateTimeOffset at) => at >= From && at < Until;

    /// <summary>True when the two windows share an instant.</summary>
    public bool Overlaps(EventAssignment other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return From < other.Until && other.From < Until;
    }
}

/// <summary>
/// Where a terminal hangs: the config push scopes (region → municipality → venue, inherited
/// downward) plus the counter and the organizer for the reports. Empty strings = not set.
/// </summary>
public sealed record DeviceSite(string Region, string Municipality, string Venue, string Counter, string Organizer)
{
    /// <summary>Not assigned yet.</summary>
    public static readonly DeviceSite None = new("", "", "", "", "");
}

/// <summary>
/// The terminal lent to an association during [<see cref="From"/>, <see cref="Until"/>);
/// <see cref="ReturnedAt"/> and <see cref="ReturnCondition"/> (ok, damaged, incomplete) once the
/// return check was done.
/// </summary>
public sealed record DeviceLoan(string LoanId, string Association, DateTimeOffset From, DateTimeOffset Until)
{
    /// <summary>When it came back; null while lent.</summary>
    public DateTimeOffset? ReturnedAt { get; init; }

    /// <summary>ok, damaged or incomplete; null while lent.</summary>
    public string? ReturnCondition { get; init; }

    /// <summary>The return check's note; empty when none.</summary>
    public string Note { get; init; } = "";
}
