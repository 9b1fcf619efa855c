using Npgsql;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database (uitpas_test_&lt;random&gt;) on the cluster named by
/// UITPAS_EDGE_TEST_POSTGRES, dropped (WITH FORCE: open connections are ended) at dispose
/// unless UITPAS_EDGE_TEST_KEEP_DATABASES=1.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _maintenance;

    private PostgresDatabase(string maintenance, string name, string connectionString)
    {
        _maintenance = maintenance;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>Set to 1 to keep the databases after the tests (to look into a failure); they are dropped otherwise.</summary>
    public const string KeepVariable = "UITPAS_EDGE_TEST_KEEP_DATABASES";

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A connection string to this database (for Agent:Store:ConnectionString).</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the database; throws with the reason when PostgreSQL is not reachable.</summary>
    public static async Task<PostgresDatabase> CreateAsync()
    {
        RegionServers.Ensure(RegionServer.PostgreSql);
        var maintenance = RegionServers.PostgresConnectionString!;
        var name = "uitpas_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(maintenance))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(maintenance) { Database = name };
        return new PostgresDatabase(maintenance, name, builder.ConnectionString);
    }

    /// <summary>Opens a connection to this database (the caller disposes it).</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable(KeepVariable) == "1")
        {
            return;
        }
        await using var connection = new NpgsqlConnection(_maintenance);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
