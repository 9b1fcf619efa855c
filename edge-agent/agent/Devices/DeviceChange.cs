namespace Uitpas.Edge.Agent.Devices;

/// <summary>What a change of the registry through the admin API came to.</summary>
public enum DeviceChange
{
    /// <summary>Done and committed; the registry was reloaded.</summary>
    Done,

    /// <summary>No such device.</summary>
    NotFound,

    /// <summary>A device with that id exists already (retired ones included: ids are never reused).</summary>
    Exists,

    /// <summary>The device is retired: it takes no more changes.</summary>
    Retired,

    /// <summary>The event assignment overlaps one the device has.</summary>
    Overlaps,

    /// <summary>The device has too many event assignments already.</summary>
    TooManyEvents,

    /// <summary>The device is lent and not returned yet.</summary>
    LoanOpen,

    /// <summary>The device is not lent.</summary>
    NoOpenLoan,

    /// <summary>The device has no assignment to that event.</summary>
    NoSuchEvent,

    /// <summary>The site's venue is already in another municipality, or its municipality in another region.</summary>
    AmbiguousSite,

    /// <summary>The event already has another policy domain (one event has one domain).</summary>
    DomainConflict,
}
