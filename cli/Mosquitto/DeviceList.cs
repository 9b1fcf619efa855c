using System.Text.Json;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Cli.Mosquitto;

/// <summary>A configured terminal as the broker set-up needs it: its id and card system (0 = none).</summary>
public sealed record DeviceEntry(string Id, int CardSystemId);

/// <summary>
/// Reads the terminals from the agent's appsettings.json (its "Agent:Devices" list) or from a
/// JSON file with just that list (<c>{"Agent":{"Devices":[…]}}</c> or <c>{"Devices":[…]}</c>).
/// </summary>
public static class DeviceList
{
    /// <summary>The devices, or a <see cref="CommandFailedException"/> naming the file and the entry that is wrong.</summary>
    public static IReadOnlyList<DeviceEntry> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CommandFailedException($"devices file {path} does not exist");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new CommandFailedException($"{path} is not JSON: {exception.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && Property(root, "Agent") is { ValueKind: JsonValueKind.Object } agent)
            {
                root = agent;
            }
            if (root.ValueKind != JsonValueKind.Object || Property(root, "Devices") is not { ValueKind: JsonValueKind.Array } devices)
            {
                throw new CommandFailedException($"{path} has no Agent:Devices list");
            }
            var entries = new List<DeviceEntry>();
            var index = 0;
            foreach (var device in devices.EnumerateArray())
            {
                entries.Add(Entry(device, $"{path}: Agent:Devices:{index}", entries));
                index++;
            }
            return entries;
        }
    }

    private static DeviceEntry Entry(JsonElement device, string at, List<DeviceEntry> seen)
    {
        var id = device.ValueKind == JsonValueKind.Object && Property(device, "Id") is { ValueKind: JsonValueKind.String } idElement ? idElement.GetString()! : null;
        if (id is null || !DeviceIds.IsValid(id))
        {
            throw new CommandFailedException($"{at}:Id is missing or not a device id (1 to {DeviceIds.MaxLength} characters of a-z, 0-9 and '-')");
        }
        if (seen.Any(e => e.Id == id))
        {
            throw new CommandFailedException($"{at}:Id '{id}' is listed twice");
        }
        var cardSystem = 0;
        if (Property(device, "CardSystemId") is { } value)
        {
            var ok = value.ValueKind == JsonValueKind.Number ? value.TryGetInt32(out cardSystem)
                : value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out cardSystem);
            if (!ok || cardSystem < 0)
            {
                throw new CommandFailedException($"{at}:CardSystemId must be a card system id (> 0) or 0 for none");
            }
        }
        return new DeviceEntry(id, cardSystem);
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }
}
