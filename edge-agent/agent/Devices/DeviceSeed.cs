namespace Uitpas.Edge.Agent.Devices;

/// <summary>One terminal as configured under "Agent:Devices"; seeded into the device registry at start.</summary>
public sealed class DeviceSeed
{
    /// <summary>The device id (see Uitpas.Edge.Protocol.DeviceIds).</summary>
    public string Id { get; set; } = "";

    /// <summary>The kiosk device's custom token at central (x-custom-token); a secret, never logged.</summary>
    public string KioskToken { get; set; } = "";

    /// <summary>Language of the texts shown on the terminal: nl, fr or en.</summary>
    public string Language { get; set; } = DeviceLanguages.Default;

    /// <summary>The terminal's card system at central; 0 (default) = none, the terminal gets no snapshots.</summary>
    public int CardSystemId { get; set; }

    /// <summary>The terminal's event assignments ("Agent:Devices:N:Events:M"); they replace the stored ones at start.</summary>
    public List<EventAssignmentSeed> Events { get; set; } = [];
}

/// <summary>One event assignment as configured under "Agent:Devices:N:Events:M".</summary>
public sealed class EventAssignmentSeed
{
    /// <summary>Central's event id.</summary>
    public string EventId { get; set; } = "";

    /// <summary>Start of the assignment (inclusive), ISO 8601 with an offset.</summary>
    public DateTimeOffset From { get; set; }

    /// <summary>End of the assignment (exclusive).</summary>
    public DateTimeOffset Until { get; set; }

    /// <summary>Optional short title of the event.</summary>
    public string Title { get; set; } = "";

    /// <summary>Regular ticket prices in euro whose UiTPAS tariffs go into the terminal's events snapshot.</summary>
    public List<decimal> RegularPrices { get; set; } = [];

    /// <summary>The event's policy domain: cultuur, jeugd, sport, welzijn or overig; empty = not set (it replaces a stored one at start).</summary>
    public string Domain { get; set; } = "";

    /// <summary>The assignment as the registry holds it.</summary>
    public EventAssignment ToAssignment() => new(EventId.Trim(), From, Until)
    {
        Title = Title.Trim(),
        RegularPrices = [.. RegularPrices],
        Domain = PolicyDomains.FromStored(Domain.Trim().ToLowerInvariant()),
    };
}

/// <summary>The configured terminals, bound from the section "Agent" (its "Devices" list).</summary>
public sealed class DeviceSeedOptions
{
    /// <summary>The terminals to put in the registry at start (added or updated; others are left alone).</summary>
    public List<DeviceSeed> Devices { get; set; } = [];
}
