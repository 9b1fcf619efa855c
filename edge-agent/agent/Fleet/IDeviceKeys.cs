namespace Uitpas.Edge.Agent.Fleet;

/// <summary>
/// The per-device config keys (32 random bytes each, made by <c>POST /api/v1/devices</c> and kept
/// in the table device_secrets): the HMAC-SHA256 key that signs a device's config documents.
/// </summary>
public interface IDeviceKeys
{
    /// <summary>A copy of the device's 32-byte config key; null for an unknown or retired device, or one without a key.</summary>
    byte[]? ConfigKeyOf(string deviceId);
}
