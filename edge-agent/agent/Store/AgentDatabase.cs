using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Uitpas.Edge.Agent.Hosting;

namespace Uitpas.Edge.Agent.Store;

/// <summary>
/// The agent's database, SQLite (default) or PostgreSQL (Agent:Store:Provider), behind ADO.NET's
/// base types. SQLite: one file in WAL mode, every connection with synchronous=FULL, so a
/// committed transaction survives a power cut; connections are not pooled, so closing the last
/// one closes the file. PostgreSQL: pooled connections of one data source; a COMMIT returns
/// after the WAL was flushed (synchronous_commit on, the server's default). Either way nothing is
/// acknowledged before its COMMIT returned.
/// </summary>
public sealed class AgentDatabase : IDisposable
{
    private readonly string? _sqliteConnectionString;
    private readonly NpgsqlDataSource? _postgres;

    /// <summary>Creates the accessor; nothing is opened yet.</summary>
    public AgentDatabase(IOptions<AgentOptions> options, IOptions<StoreOptions> store)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        Provider = store.Value.Provider;
        if (Provider == StoreProvider.PostgreSql)
        {
            var builder = new NpgsqlConnectionStringBuilder(store.Value.ConnectionString) { ApplicationName = "uitpas-edge-agent" };
            _postgres = NpgsqlDataSource.Create(builder);
            FilePath = string.Empty;
            Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        }
        else
        {
            FilePath = options.Value.DatabasePath;
            _sqliteConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = FilePath,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString();
            Description = $"SQLite {FilePath} (WAL, synchronous=FULL)";
        }
    }

    /// <summary>The provider in use.</summary>
    public StoreProvider Provider { get; }

    /// <summary>True when several agent instances may share the database (PostgreSQL).</summary>
    public bool IsShared => Provider == StoreProvider.PostgreSql;

    /// <summary>Full path of the SQLite database file; empty with PostgreSQL.</summary>
    public string FilePath { get; }

    /// <summary>The database for logs: provider and file, or host and database (never the password).</summary>
    public string Description { get; }

    /// <summary>
    /// Creates the schema when missing, after checking its version: a database made by a newer
    /// agent is refused (nothing is changed in it). Several instances may start at once on
    /// PostgreSQL: an advisory lock serialises them.
    /// </summary>
    internal void EnsureCreated()
    {
        if (_postgres is not null)
        {
            PostgresSchema.Ensure(_postgres);
            return;
        }
        var folder = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        using var connection = Open();
        Sql.Execute(connection, null, "PRAGMA journal_mode = WAL;");
        using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
        using (var version = Sql.Command(connection, transaction, "PRAGMA user_version;"))
        {
            Schema.CheckVersion(Convert.ToInt32(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), Description);
        }
        Sql.Execute(connection, transaction, Schema.Create + $"PRAGMA user_version = {Schema.Version};");
        transaction.Commit();
    }

    /// <summary>Opens a connection with the agent's durability settings.</summary>
    internal DbConnection Open()
    {
        if (_postgres is not null)
        {
            return _postgres.OpenConnection();
        }
        var connection = new SqliteConnection(_sqliteConnectionString);
        connection.Open();
        Sql.Execute(connection, null, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
        return connection;
    }

    /// <summary>Starts the writer's transaction: IMMEDIATE on SQLite (the write lock at once), READ COMMITTED on PostgreSQL.</summary>
    internal DbTransaction BeginWrite(DbConnection connection) =>
        connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : connection.BeginTransaction();

    /// <inheritdoc />
    public void Dispose() => _postgres?.Dispose();
}
