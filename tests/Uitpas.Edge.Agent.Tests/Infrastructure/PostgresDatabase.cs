using Npgsql;

namespace Uitpas.Edge.Agent.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database (uitpas_test_&lt;random&gt;) on the cluster named by
/// UITPAS_EDGE_TEST_POSTGRES (maintenance connection string, Database=postgres), dropped WITH
/// (FORCE) at dispose.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>The maintenance connection string variable.</summary>
    public const string Variable = "UITPAS_EDGE_TEST_POSTGRES";

    /// <summary>When "1", a missing server fails the test instead of skipping it (CI).</summary>
    public const string RequireVariable = "UITPAS_EDGE_REQUIRE_SERVERS";

    private static readonly Lazy<string?> Problem = new(Probe);
    private readonly string _maintenance;

    private PostgresDatabase(string maintenance, string name, string connectionString)
    {
        _maintenance = maintenance;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A connection string to this database (for Agent:Store:ConnectionString).</summary>
    public string ConnectionString { get; }

    /// <summary>Why PostgreSQL cannot be used, or null when it can.</summary>
    public static string? Missing => Problem.Value;

    /// <summary>The pseudonym key file every instance on this database shares (as a deployment must: the agent refuses another key).</summary>
    public string PseudonymKeyFile => Path.Combine(Path.GetTempPath(), "uitpas-agent-tests", Name + ".pseudonym.key");

    /// <summary>Settings that put an agent on this database.</summary>
    public Dictionary<string, string?> AgentSettings(string instanceId) => new()
    {
        ["Agent:InstanceId"] = instanceId,
        ["Agent:Store:Provider"] = "PostgreSql",
        ["Agent:Store:ConnectionString"] = ConnectionString,
        ["Agent:Reports:PseudonymKeyFile"] = PseudonymKeyFile,
    };

    /// <summary>Creates the database; throws with the reason when PostgreSQL is not reachable.</summary>
    public static async Task<PostgresDatabase> CreateAsync()
    {
        if (Missing is { } problem)
        {
            throw new InvalidOperationException($"PostgreSQL is needed: {problem}. CI ({RequireVariable}=1) requires it; .ci/run starts it.");
        }
        var maintenance = Environment.GetEnvironmentVariable(Variable)!;
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

    /// <summary>One value of a query on this database.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a statement on this database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_maintenance);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        File.Delete(PseudonymKeyFile);
    }

    private static string? Probe()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } connectionString)
        {
            return $"{Variable} is not set";
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 3, Pooling = false };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception exception) when (exception is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            return $"PostgreSQL not reachable with {Variable} ({exception.Message})";
        }
    }
}

/// <summary>
/// A fact that needs PostgreSQL: skipped with the reason when UITPAS_EDGE_TEST_POSTGRES is unset
/// or unreachable, unless UITPAS_EDGE_REQUIRE_SERVERS=1: then it runs and fails with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(PostgresDatabase.RequireVariable) != "1" && PostgresDatabase.Missing is { } reason)
        {
            Skip = $"PostgreSQL missing: {reason} (set {PostgresDatabase.RequireVariable}=1 to fail instead)";
        }
    }
}
