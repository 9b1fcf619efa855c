using System.Data.Common;
using Uitpas.Edge.Agent.Store;

namespace Uitpas.Edge.Agent.Devices;

/// <summary>Reads the fleet tables of <see cref="DeviceSchema"/>: sites, retirements, config keys, loans.</summary>
internal static class DeviceFleetRows
{
    public static Dictionary<string, DeviceSite> ReadSites(DbConnection connection)
    {
        using var select = Sql.Command(connection, null, "SELECT device_id, region, municipality, venue, counter, organizer FROM device_sites");
        using var reader = select.ExecuteReader();
        var sites = new Dictionary<string, DeviceSite>(StringComparer.Ordinal);
        while (reader.Read())
        {
            sites[reader.GetString(0)] = new DeviceSite(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5));
        }
        return sites;
    }

    public static Dictionary<string, DateTimeOffset> ReadRetirements(DbConnection connection)
    {
        using var select = Sql.Command(connection, null, "SELECT device_id, retired_at_ms FROM device_retirements");
        using var reader = select.ExecuteReader();
        var retired = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (reader.Read())
        {
            retired[reader.GetString(0)] = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
        }
        return retired;
    }

    public static Dictionary<string, byte[]> ReadConfigKeys(DbConnection connection)
    {
        using var select = Sql.Command(connection, null, "SELECT device_id, config_key FROM device_secrets");
        using var reader = select.ExecuteReader();
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (reader.Read())
        {
            keys[reader.GetString(0)] = (byte[])reader.GetValue(1);
        }
        return keys;
    }

    /// <summary>Every device's loans, oldest first.</summary>
    public static Dictionary<string, List<DeviceLoan>> ReadLoans(DbConnection connection)
    {
        using var select = Sql.Command(connection, null, """
            SELECT device_id, loan_id, association, from_ms, until_ms, returned_at_ms, return_condition, note
            FROM device_loans ORDER BY device_id, from_ms, created_ms
            """);
        using var reader = select.ExecuteReader();
        var loans = new Dictionary<string, List<DeviceLoan>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var loan = new DeviceLoan(reader.GetString(1), reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
            {
                ReturnedAt = reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                ReturnCondition = reader.IsDBNull(6) ? null : reader.GetString(6),
                Note = reader.GetString(7),
            };
            var deviceId = reader.GetString(0);
            if (!loans.TryGetValue(deviceId, out var list))
            {
                loans[deviceId] = list = [];
            }
            list.Add(loan);
        }
        return loans;
    }
}
