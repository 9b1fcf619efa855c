using System.Globalization;
using Uitpas.Edge.Agent.Store;
using System.Data.Common;

namespace Uitpas.Edge.Agent.Devices;

/// <summary>Reads and writes a device's card system and event assignments (tables of <see cref="DeviceSchema"/>).</summary>
internal static class DeviceRows
{
    /// <summary>Sets the device's card system and replaces its assignments.</summary>
    public static void WriteProfile(DbConnection connection, DbTransaction transaction, string deviceId, int cardSystemId, IEnumerable<EventAssignment> events)
    {
        using (var profile = connection.CreateCommand())
        {
            profile.Transaction = transaction;
            profile.CommandText = """
                INSERT INTO device_profiles (device_id, card_system_id) VALUES (@id, @cs)
                ON CONFLICT (device_id) DO UPDATE SET card_system_id = excluded.card_system_id
                """;
            profile.Bind("@id", deviceId);
            profile.Bind("@cs", cardSystemId);
            profile.ExecuteNonQuery();
        }
        using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM device_events WHERE device_id = @id";
            clear.Bind("@id", deviceId);
            clear.ExecuteNonQuery();
        }
        foreach (var assignment in events)
        {
            InsertAssignment(connection, transaction, deviceId, assignment);
        }
    }

    /// <summary>Adds one assignment (the caller checked it overlaps none).</summary>
    public static void InsertAssignment(DbConnection connection, DbTransaction transaction, string deviceId, EventAssignment assignment)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO device_events (device_id, event_id, from_ms, until_ms, title, regular_prices)
            VALUES (@id, @event, @from, @until, @title, @prices)
            """;
        insert.Bind("@id", deviceId);
        insert.Bind("@event", assignment.EventId);
        insert.Bind("@from", assignment.From.ToUnixTimeMilliseconds());
        insert.Bind("@until", assignment.Until.ToUnixTimeMilliseconds());
        insert.Bind("@title", assignment.Title);
        insert.Bind("@prices", string.Join(';', assignment.RegularPrices.Select(p => p.ToString(CultureInfo.InvariantCulture))));
        insert.ExecuteNonQuery();
    }

    /// <summary>Every device's assignments, each list ordered by start.</summary>
    public static Dictionary<string, IReadOnlyList<EventAssignment>> ReadAssignments(DbConnection connection)
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT device_id, event_id, from_ms, until_ms, title, regular_prices FROM device_events ORDER BY device_id, from_ms";
        using var reader = select.ExecuteReader();
        var result = new Dictionary<string, List<EventAssignment>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var assignment = new EventAssignment(
                reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))
            {
                Title = reader.GetString(4),
                RegularPrices = ParsePrices(reader.GetString(5)),
            };
            var deviceId = reader.GetString(0);
            if (!result.TryGetValue(deviceId, out var list))
            {
                result[deviceId] = list = [];
            }
            list.Add(assignment);
        }
        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<EventAssignment>)p.Value, StringComparer.Ordinal);
    }

    private static decimal[] ParsePrices(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => decimal.TryParse(p, NumberStyles.Number, CultureInfo.InvariantCulture, out var price) ? price : -1)
            .Where(p => p >= 0)
            .ToArray();
}
