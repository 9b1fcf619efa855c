using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>One row of the agent's taps table.</summary>
public sealed record StoredTapRow(string DeviceId, uint Epoch, uint Sequence, int RelayState, int? Outcome);

/// <summary>
/// Reads the agent's store from outside (SQLite file or PostgreSQL database) while the agent runs
/// or after it was killed: the taps with their relay state (2 = done) and outcome (1 = checked in).
/// </summary>
public static class AgentStore
{
    /// <summary>Relay state of a tap whose answer is final.</summary>
    public const int Done = 2;

    private const string SelectTaps = "SELECT device_id, boot_epoch, sequence, relay_state, outcome FROM taps";

    /// <summary>The taps in an agent's SQLite file.</summary>
    public static async Task<IReadOnlyList<StoredTapRow>> ReadSqliteAsync(string databasePath)
    {
        if (!File.Exists(databasePath))
        {
            return [];
        }
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        return await ReadAsync(connection);
    }

    /// <summary>The taps in an agent's PostgreSQL database.</summary>
    public static async Task<IReadOnlyList<StoredTapRow>> ReadPostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await ReadAsync(connection);
    }

    /// <summary>"n taps, by relay state: …" for failure messages.</summary>
    public static string Describe(IReadOnlyList<StoredTapRow> rows) =>
        $"{rows.Count} taps stored, by relay state: [" + string.Join(", ", rows.GroupBy(r => r.RelayState).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")) + "]";

    private static async Task<IReadOnlyList<StoredTapRow>> ReadAsync(DbConnection connection)
    {
        await using var select = connection.CreateCommand();
        select.CommandText = SelectTaps;
        await using var reader = await select.ExecuteReaderAsync();
        var rows = new List<StoredTapRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredTapRow(
                reader.GetString(0),
                (uint)Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
                (uint)Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(4) ? null : Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture)));
        }
        return rows;
    }
}
