namespace Uitpas.Edge.Agent.Configuration;

/// <summary>How a change of one layer went.</summary>
public enum ConfigPushOutcome
{
    /// <summary>Stored; <see cref="ConfigPushResult.Devices"/> got new documents.</summary>
    Done,

    /// <summary>A setting or value the terminals would refuse, a bad scope id: nothing was stored.</summary>
    Invalid,

    /// <summary>An unknown scope, or a device scope naming an unknown device.</summary>
    NotFound,

    /// <summary>A device scope naming a retired device.</summary>
    Conflict,
}

/// <summary>A device whose desired document changed, with its new version.</summary>
public sealed record DesiredVersion(string Id, uint Version);

/// <summary>The answer to a layer change: the layer afterwards and the devices whose document changed, or why nothing was done.</summary>
public sealed record ConfigPushResult(ConfigPushOutcome Outcome, string? Error, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<DesiredVersion> Devices)
{
    public static ConfigPushResult Refused(ConfigPushOutcome outcome, string error) =>
        new(outcome, error, new Dictionary<string, string>(), []);
}
