using System.Data.Common;
using Uitpas.Edge.Agent.Store;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>A series' current state: version, content hash and current file.</summary>
public sealed record SnapshotSeries(int Kind, string Owner, uint Version, byte[] ContentHash, string File);

/// <summary>A servable file: allowlist (full or delta) of card system <see cref="Owner"/>, or events of device <see cref="Owner"/>.</summary>
public sealed record SnapshotFileInfo(string File, int Kind, string Owner, uint Version, uint BaseVersion, long Length, byte[] Tag, long CreatedAtUnixMs)
{
    /// <summary>True for an allowlist delta.</summary>
    public bool IsDelta => BaseVersion != 0;
}

/// <summary>The snapshot series, files and terminal reports in SQLite (<see cref="SnapshotSchema"/>).</summary>
public sealed class SnapshotCatalog
{
    private const string FileColumns = "file, kind, owner, version, base_version, length, tag, created_at_ms";

    private readonly StoreWriter _writer;
    private readonly AgentDatabase _database;

    /// <summary>Creates the catalog over the agent's database.</summary>
    public SnapshotCatalog(StoreWriter writer, AgentDatabase database)
    {
        _writer = writer;
        _database = database;
    }

    /// <summary>The series of a card system's allowlist or a device's events; null before the first build.</summary>
    public SnapshotSeries? Series(int kind, string owner)
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT version, content_hash, file FROM snapshot_series WHERE kind = @kind AND owner = @owner";
        select.Bind("@kind", kind);
        select.Bind("@owner", owner);
        using var reader = select.ExecuteReader();
        return reader.Read() ? new SnapshotSeries(kind, owner, (uint)reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetString(2)) : null;
    }

    /// <summary>Every series (for publishing manifests).</summary>
    public IReadOnlyList<SnapshotSeries> AllSeries()
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT kind, owner, version, content_hash, file FROM snapshot_series ORDER BY kind, owner";
        using var reader = select.ExecuteReader();
        var result = new List<SnapshotSeries>();
        while (reader.Read())
        {
            result.Add(new SnapshotSeries(reader.GetInt32(0), reader.GetString(1), (uint)reader.GetInt64(2), (byte[])reader.GetValue(3), reader.GetString(4)));
        }
        return result;
    }

    /// <summary>A servable file, or null.</summary>
    public SnapshotFileInfo? File(string file)
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {FileColumns} FROM snapshot_files WHERE file = @file";
        select.Bind("@file", file);
        return ReadFiles(select).FirstOrDefault();
    }

    /// <summary>The files of a series, oldest version first.</summary>
    public IReadOnlyList<SnapshotFileInfo> FilesOf(int kind, string owner)
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {FileColumns} FROM snapshot_files WHERE kind = @kind AND owner = @owner ORDER BY version, base_version";
        select.Bind("@kind", kind);
        select.Bind("@owner", owner);
        return ReadFiles(select);
    }

    /// <summary>Records a new version in one transaction: the series' state, its new files, the files dropped from it.</summary>
    public Task CommitVersionAsync(SnapshotSeries series, IReadOnlyList<SnapshotFileInfo> added, IReadOnlyList<string> removed, long now, CancellationToken ct) =>
        _writer.ExecuteAsync((connection, transaction) =>
        {
            Execute(connection, transaction, """
                INSERT INTO snapshot_series (kind, owner, version, content_hash, file, updated_at_ms) VALUES (@kind, @owner, @version, @hash, @file, @now)
                ON CONFLICT (kind, owner) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash,
                    file = excluded.file, updated_at_ms = excluded.updated_at_ms
                """, ("@kind", series.Kind), ("@owner", series.Owner), ("@version", (long)series.Version), ("@hash", series.ContentHash), ("@file", series.File), ("@now", now));
            foreach (var f in added)
            {
                Execute(connection, transaction, $"""
                    INSERT INTO snapshot_files ({FileColumns}) VALUES (@file, @kind, @owner, @version, @base, @length, @tag, @created)
                    ON CONFLICT (file) DO UPDATE SET kind = excluded.kind, owner = excluded.owner, version = excluded.version,
                        base_version = excluded.base_version, length = excluded.length, tag = excluded.tag, created_at_ms = excluded.created_at_ms
                    """, ("@file", f.File), ("@kind", f.Kind), ("@owner", f.Owner), ("@version", (long)f.Version), ("@base", (long)f.BaseVersion),
                    ("@length", f.Length), ("@tag", f.Tag), ("@created", f.CreatedAtUnixMs));
            }
            foreach (var file in removed)
            {
                Execute(connection, transaction, "DELETE FROM snapshot_files WHERE file = @file", ("@file", file));
            }
            return true;
        }, ct);

    private static List<SnapshotFileInfo> ReadFiles(DbCommand select)
    {
        using var reader = select.ExecuteReader();
        var result = new List<SnapshotFileInfo>();
        while (reader.Read())
        {
            result.Add(new SnapshotFileInfo(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), (uint)reader.GetInt64(3), (uint)reader.GetInt64(4),
                reader.GetInt64(5), (byte[])reader.GetValue(6), reader.GetInt64(7)));
        }
        return result;
    }

    internal static void Execute(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Sql.Command(connection, transaction, sql);
        foreach (var (name, value) in parameters)
        {
            command.BindValue(name, value);
        }
        command.ExecuteNonQuery();
    }
}
