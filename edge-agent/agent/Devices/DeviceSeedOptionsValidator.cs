using Microsoft.Extensions.Options;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Devices;

/// <summary>Checks the configured devices at start: valid unique ids, a token and a supported language each.</summary>
public sealed class DeviceSeedOptionsValidator : IValidateOptions<DeviceSeedOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DeviceSeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Devices.Count; i++)
        {
            var device = options.Devices[i];
            var at = $"Agent:Devices:{i}";
            if (!DeviceIds.IsValid(device.Id))
            {
                failures.Add($"{at}:Id must be 1 to {DeviceIds.MaxLength} characters of a-z, 0-9 and '-', not starting or ending with '-'.");
            }
            else if (!seen.Add(device.Id))
            {
                failures.Add($"{at}:Id '{device.Id}' is configured twice.");
            }
            if (string.IsNullOrWhiteSpace(device.KioskToken))
            {
                failures.Add($"{at}:KioskToken is required.");
            }
            if (!DeviceLanguages.IsSupported(device.Language))
            {
                failures.Add($"{at}:Language must be one of {string.Join(", ", DeviceLanguages.All)}.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
