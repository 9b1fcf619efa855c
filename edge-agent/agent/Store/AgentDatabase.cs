using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Hosting;

namespace Uitpas.Edge.Agent.Store;

/// <summary>
/// The agent's SQLite file. Every connection runs with synchronous=FULL, and the file is in WAL
/// mode, so a committed transaction survives a power cut: nothing is acknowledged before its
/// COMMIT returned. Connections are not pooled, so closing the last one closes the file.
/// </summary>
public sealed class AgentDatabase
{
    private readonly string _connectionString;

    /// <summary>Creates the accessor; nothing is opened yet.</summary>
    public AgentDatabase(IOptions<AgentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        FilePath = options.Value.DatabasePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Creates the folder, switches the file to WAL and creates the schema when missing.</summary>
    internal void EnsureCreated()
    {
        var folder = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = Schema.Create + $"PRAGMA user_version = {Schema.Version};";
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Opens a connection with the agent's durability settings.</summary>
    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
