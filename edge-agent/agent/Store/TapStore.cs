using System.Data.Common;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Store;

/// <summary>How committing a tap ended.</summary>
public enum TapCommitKind
{
    /// <summary>A new tap, now durable.</summary>
    Inserted,

    /// <summary>(device, epoch, sequence) was already stored; nothing was written.</summary>
    Duplicate,
}

/// <summary>The stored row after a commit; for a duplicate, <see cref="SameCard"/> tells whether the resent tap names the same card.</summary>
public sealed record TapCommit(TapCommitKind Kind, StoredTap Tap, bool SameCard);

/// <summary>Durable, deduplicated storage of incoming taps, through the group-committing <see cref="StoreWriter"/>.</summary>
public sealed class TapStore
{
    private readonly StoreWriter _writer;
    private readonly TimeProvider _time;

    // The tap INSERT, prepared once per writer connection (preparing it per tap cost more than
    // running it): only the store writer's thread uses these.
    private DbCommand? _insert;
    private DbConnection? _insertConnection;
    private DbParameter[] _insertParameters = [];

    /// <summary>Creates the store.</summary>
    public TapStore(StoreWriter writer, TimeProvider time)
    {
        _writer = writer;
        _time = time;
    }

    /// <summary>
    /// Stores <paramref name="tap"/> unless (device, epoch, sequence) is already there. The task
    /// completes after the transaction holding it committed: only then may the tap be acknowledged.
    /// </summary>
    public Task<TapCommit> CommitAsync(string deviceId, TapEvent tap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(tap);
        var receivedAt = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return _writer.ExecuteAsync((connection, transaction) => Commit(connection, transaction, deviceId, tap, receivedAt), cancellationToken);
    }

    /// <summary>The INSERT, prepared once per writer connection (only the writer thread calls this).</summary>
    private DbCommand Insert(DbConnection connection, DbTransaction transaction)
    {
        if (!ReferenceEquals(_insertConnection, connection) || _insert is null)
        {
            _insert?.Dispose();
            _insert = Sql.Command(connection, transaction, $"""
                INSERT INTO taps (device_id, boot_epoch, sequence, chip_uid, tapped_at_ms, flags, received_at_ms)
                VALUES (@device, @epoch, @sequence, @uid, @tapped, @flags, @received)
                ON CONFLICT (device_id, boot_epoch, sequence) DO NOTHING
                RETURNING {TapRows.Columns}
                """);
            _insertParameters =
            [
                _insert.Parameter("@device", System.Data.DbType.String),
                _insert.Parameter("@epoch", System.Data.DbType.Int64),
                _insert.Parameter("@sequence", System.Data.DbType.Int64),
                _insert.Parameter("@uid", System.Data.DbType.Binary),
                _insert.Parameter("@tapped", System.Data.DbType.Int64),
                _insert.Parameter("@flags", System.Data.DbType.Int32),
                _insert.Parameter("@received", System.Data.DbType.Int64),
            ];
            _insertConnection = connection;
        }
        _insert.Transaction = transaction;
        return _insert;
    }

    /// <summary>
    /// INSERT … ON CONFLICT DO NOTHING RETURNING: a new tap comes back in the same round trip; a
    /// duplicate returns nothing and is read. On PostgreSQL two instances inserting the same tap
    /// at once are serialised by the unique index: the second waits for the first's commit and
    /// then finds its row (Duplicate); if the first rolls back, the second inserts.
    /// </summary>
    private TapCommit Commit(DbConnection connection, DbTransaction transaction, string deviceId, TapEvent tap, long receivedAt)
    {
        var insert = Insert(connection, transaction);
        _insertParameters[0].Value = deviceId;
        _insertParameters[1].Value = (long)tap.BootEpoch;
        _insertParameters[2].Value = (long)tap.Sequence;
        _insertParameters[3].Value = tap.ChipUid;
        _insertParameters[4].Value = tap.TappedAtUnixMs;
        _insertParameters[5].Value = (int)tap.Flags;
        _insertParameters[6].Value = receivedAt;
        using (var reader = insert.ExecuteReader())
        {
            if (reader.Read())
            {
                return new TapCommit(TapCommitKind.Inserted, TapRows.Read(reader), SameCard: true);
            }
        }
        var stored = Find(connection, transaction, deviceId, tap.BootEpoch, tap.Sequence)
            ?? throw new InvalidOperationException("A tap found as a duplicate is missing.");
        return new TapCommit(TapCommitKind.Duplicate, stored, ChipUid.AreEqual(stored.ChipUid, tap.ChipUid));
    }

    private static StoredTap? Find(DbConnection connection, DbTransaction transaction, string deviceId, uint epoch, uint sequence)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT {TapRows.Columns} FROM taps WHERE device_id = @device AND boot_epoch = @epoch AND sequence = @sequence";
        select.Bind("@device", deviceId);
        select.Bind("@epoch", (long)epoch);
        select.Bind("@sequence", (long)sequence);
        using var reader = select.ExecuteReader();
        return reader.Read() ? TapRows.Read(reader) : null;
    }
}
