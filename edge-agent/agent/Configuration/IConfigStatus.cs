namespace Uitpas.Edge.Agent.Configuration;

/// <summary>The config twin of each device as the agent sees it: desired version, the terminal's last report.</summary>
public interface IConfigStatus
{
    /// <summary>Null for an unknown device.</summary>
    DeviceConfigStatus? StatusOf(string deviceId);

    /// <summary>Raised with the device id when its desired version or its reported state changed.</summary>
    event Action<string>? Changed;
}

/// <param name="DesiredVersion">0 when nothing was ever published for the device.</param>
/// <param name="State">applied | pending | refused | none.</param>
/// <param name="AppliedVersion">The version the terminal last reported in use (0 = as provisioned).</param>
/// <param name="LastRefusal">The last refused report, null when the latest report was not a refusal.</param>
/// <param name="EffectiveSettings">The merged region → municipality → venue → device layers.</param>
public sealed record DeviceConfigStatus(
    uint DesiredVersion,
    string State,
    uint AppliedVersion,
    ConfigRefusalInfo? LastRefusal,
    IReadOnlyDictionary<string, string> EffectiveSettings);

public sealed record ConfigRefusalInfo(uint Version, string Reason, string Detail, DateTimeOffset? At);
