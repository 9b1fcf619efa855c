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

    /// <summary>Every device's assignments with their event's domain, each list ordered by start.</summary>
    public static Dictionary<string, IReadOnlyList<EventAssignment>> ReadAssignments(DbConnection connection)
    {
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT e.device_id, e.event_id, e.from_ms, e.until_ms, e.title, e.regular_prices, d.domain
            FROM device_events e LEFT JOIN event_domains d ON d.event_id = e.event_id
            ORDER BY e.device_id, e.from_ms
            """;
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
                Domain = PolicyDomains.FromStored(reader.IsDBNull(6) ? null : reader.GetString(6)),
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

    /// <summary>Every event's domain (event_domains).</summary>
    public static Dictionary<string, Reports.PolicyDomain> ReadDomains(DbConnection connection)
    {
        using var select = Sql.Command(connection, null, "SELECT event_id, domain FROM event_domains");
        using var reader = select.ExecuteReader();
        var domains = new Dictionary<string, Reports.PolicyDomain>(StringComparer.Ordinal);
        while (reader.Read())
        {
            domains[reader.GetString(0)] = PolicyDomains.FromStored(reader.GetString(1));
        }
        return domains;
    }

    /// <summary>The event's stored domain, Unknown when none.</summary>
    public static Reports.PolicyDomain DomainIn(DbConnection connection, DbTransaction? transaction, string eventId) =>
        PolicyDomains.FromStored(Sql.Command(connection, transaction, "SELECT domain FROM event_domains WHERE event_id = @event")
            .Bind("@event", eventId).ScalarOnce() as string);

    /// <summary>Sets the event's domain (a known one: the caller checked it).</summary>
    public static void WriteDomain(DbConnection connection, DbTransaction transaction, string eventId, Reports.PolicyDomain domain, long now) =>
        Sql.Command(connection, transaction, """
            INSERT INTO event_domains (event_id, domain, updated_at_ms) VALUES (@event, @domain, @now)
            ON CONFLICT (event_id) DO UPDATE SET domain = excluded.domain, updated_at_ms = excluded.updated_at_ms
            """).Bind("@event", eventId).Bind("@domain", PolicyDomains.Name(domain)).Bind("@now", now).RunOnce();

    private static decimal[] ParsePrices(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => decimal.TryParse(p, NumberStyles.Number, CultureInfo.InvariantCulture, out var price) ? price : -1)
            .Where(p => p >= 0)
            .ToArray();
}
