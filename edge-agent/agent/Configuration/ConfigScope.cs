using Uitpas.Edge.Agent.Devices;

namespace Uitpas.Edge.Agent.Configuration;

/// <summary>
/// The scopes a setting can be pushed to, from the widest to the narrowest: a device's
/// effective settings are its region's layer, overridden by its municipality's, its venue's and
/// its own (scope ids from <see cref="Device.Site"/>; the device scope's id is the device id).
/// </summary>
public static class ConfigScope
{
    public const string Region = "region";
    public const string Municipality = "municipality";
    public const string Venue = "venue";
    public const string Device = "device";

    /// <summary>Longest scope id.</summary>
    public const int MaxIdLength = 100;

    /// <summary>Widest first: the order in which layers are applied.</summary>
    public static IReadOnlyList<string> All { get; } = [Region, Municipality, Venue, Device];

    public static bool IsKnown(string? scope) => scope is Region or Municipality or Venue or Device;

    /// <summary>Null when <paramref name="scopeId"/> can name a scope, otherwise why not (one sentence).</summary>
    public static string? ValidateId(string? scopeId)
    {
        if (string.IsNullOrWhiteSpace(scopeId))
        {
            return "the scope id is empty";
        }
        if (scopeId.Length > MaxIdLength)
        {
            return $"the scope id is longer than {MaxIdLength} characters";
        }
        return scopeId.Any(char.IsControl) ? "the scope id holds a control character" : null;
    }

    /// <summary>The scope ids that apply to <paramref name="device"/>, widest first; unassigned levels are left out.</summary>
    public static IEnumerable<(string Scope, string Id)> ChainOf(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var site = device.Site ?? DeviceSite.None;
        if (site.Region.Length > 0)
        {
            yield return (Region, site.Region);
        }
        if (site.Municipality.Length > 0)
        {
            yield return (Municipality, site.Municipality);
        }
        if (site.Venue.Length > 0)
        {
            yield return (Venue, site.Venue);
        }
        yield return (Device, device.Id);
    }
}
