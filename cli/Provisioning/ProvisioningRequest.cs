namespace Uitpas.Edge.Cli.Provisioning;

/// <summary>
/// What <c>device provision</c> sends to a board: the device.cfg settings in order (key, value;
/// they become the lines of device.cfg, so "line 3" of a refusal is the third setting) and the
/// WiFi network, sent with Improv's own WiFi RPC (an empty SSID sends none: then the settings must
/// hold <c>wifi.ssid</c>).
/// </summary>
public sealed record ProvisioningRequest(IReadOnlyList<KeyValuePair<string, string>> Settings, string WifiSsid, string WifiPassword);

/// <summary>
/// The outcome of <see cref="BoardProvisioner"/>: errors are values (<c>Ok=false</c> and one
/// sentence in <see cref="Error"/>), the board's identity when it answered the device-info RPC.
/// </summary>
public sealed record ProvisionResult(bool Ok, string? Error, string? FirmwareName, string? FirmwareVersion, string? DeviceName)
{
    public static ProvisionResult Failed(string error) => new(false, error, null, null, null);
}
