using Microsoft.Extensions.Options;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Devices;

/// <summary>
/// Checks the configured devices at start: valid unique ids, a token and a supported language
/// each, a card system id that is not negative, and event assignments with an id, a window
/// [From, Until) and no overlap between a device's windows (so a tap time names one event).
/// </summary>
public sealed class DeviceSeedOptionsValidator : IValidateOptions<DeviceSeedOptions>
{
    /// <summary>Longest event id accepted (the events snapshot's bound).</summary>
    public const int MaxEventIdLength = 48;

    /// <summary>Most event assignments per device (the events snapshot's bound).</summary>
    public const int MaxEvents = 32;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DeviceSeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var domains = new Dictionary<string, (string Domain, string At)>(StringComparer.Ordinal);
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
            if (device.CardSystemId < 0)
            {
                failures.Add($"{at}:CardSystemId must be a central card system id (> 0), or 0 for none.");
            }
            ValidateEvents(device.Events, at, failures);
            ValidateDomains(device.Events, at, domains, failures);
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Each domain is a known one, and one event id has one domain across all devices.</summary>
    private static void ValidateDomains(List<EventAssignmentSeed> events, string at, Dictionary<string, (string Domain, string At)> domains, List<string> failures)
    {
        for (var j = 0; j < events.Count; j++)
        {
            var text = events[j].Domain ?? "";
            if (text.Trim().Length == 0)
            {
                continue;
            }
            var here = $"{at}:Events:{j}:Domain";
            if (!PolicyDomains.TryParse(text, out var domain, out var error))
            {
                failures.Add($"{here}: {error}");
                continue;
            }
            var name = PolicyDomains.Name(domain);
            var eventId = events[j].EventId?.Trim() ?? "";
            if (domains.TryGetValue(eventId, out var earlier) && earlier.Domain != name)
            {
                failures.Add($"{here} is '{name}' but {earlier.At} is '{earlier.Domain}' for event {eventId}: one event has one domain.");
            }
            else
            {
                domains[eventId] = (name, here);
            }
        }
    }

    private static void ValidateEvents(List<EventAssignmentSeed> events, string at, List<string> failures)
    {
        if (events.Count > MaxEvents)
        {
            failures.Add($"{at}:Events holds {events.Count} assignments, at most {MaxEvents}.");
        }
        for (var j = 0; j < events.Count; j++)
        {
            var assignment = events[j];
            var here = $"{at}:Events:{j}";
            var id = assignment.EventId?.Trim() ?? "";
            if (id.Length == 0 || id.Length > MaxEventIdLength || id.Any(char.IsControl))
            {
                failures.Add($"{here}:EventId is required: 1 to {MaxEventIdLength} characters.");
            }
            if (assignment.Until <= assignment.From)
            {
                failures.Add($"{here}: Until must be later than From.");
            }
            if (assignment.RegularPrices.Any(p => p < 0 || p > 100_000))
            {
                failures.Add($"{here}:RegularPrices must be euro amounts from 0 to 100000.");
            }
            for (var k = 0; k < j; k++)
            {
                var other = events[k];
                if (assignment.From < other.Until && other.From < assignment.Until)
                {
                    failures.Add($"{here} overlaps {at}:Events:{k}: a device is at one event at a time.");
                }
            }
        }
    }
}
