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
}

/// <summary>The configured terminals, bound from the section "Agent" (its "Devices" list).</summary>
public sealed class DeviceSeedOptions
{
    /// <summary>The terminals to put in the registry at start (added or updated; others are left alone).</summary>
    public List<DeviceSeed> Devices { get; set; } = [];
}
