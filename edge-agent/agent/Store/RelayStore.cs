using Microsoft.Data.Sqlite;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Store;

/// <summary>What one call to central gave, for the relay_attempts table.</summary>
public sealed record AttemptRecord(string Outcome, int? HttpStatus, string? Detail);

/// <summary>
/// The relay's view of the store: which taps wait for central, the state changes of one relay
/// (in flight, done, deferred, outcome unknown); the relay plans and the claims of central's
/// check-ins are in RelayStore.Claims.cs, the credit report in RelayStore.Report.cs. Writes go
/// through the <see cref="StoreWriter"/>; reads use short-lived connections of their own (WAL
/// lets them run beside the writer).
/// </summary>
public sealed partial class RelayStore
{
    private readonly StoreWriter _writer;
    private readonly AgentDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    public RelayStore(StoreWriter writer, AgentDatabase database, TimeProvider time)
    {
        _writer = writer;
        _database = database;
        _time = time;
    }

    /// <summary>Devices with at least one tap not relayed to a definitive answer.</summary>
    public IReadOnlyList<string> DevicesWithUnrelayedTaps()
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT DISTINCT device_id FROM taps WHERE relay_state <> 2 ORDER BY device_id";
        using var reader = select.ExecuteReader();
        var devices = new List<string>();
        while (reader.Read())
        {
            devices.Add(reader.GetString(0));
        }
        return devices;
    }

    /// <summary>The device's oldest unrelayed tap in its own order (boot epoch, then sequence), or null.</summary>
    public StoredTap? NextUnrelayed(string deviceId)
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT {TapRows.Columns} FROM taps
            WHERE device_id = $device AND relay_state <> 2
            ORDER BY boot_epoch, sequence LIMIT 1
            """;
        select.Parameters.AddWithValue("$device", deviceId);
        using var reader = select.ExecuteReader();
        return reader.Read() ? TapRows.Read(reader) : null;
    }

    /// <summary>
    /// Taps left in flight by a previous run (it stopped between calling central and storing
    /// the answer): central may or may not have counted them, so they become
    /// <see cref="RelayState.Unknown"/> (reconciled with central's history before any new call);
    /// their open attempts are closed as "interrupted".
    /// </summary>
    public Task<IReadOnlyList<StoredTap>> ReleaseInterruptedAsync(CancellationToken cancellationToken)
    {
        var now = NowMs();
        return _writer.ExecuteAsync<IReadOnlyList<StoredTap>>((connection, transaction) =>
        {
            var interrupted = new List<StoredTap>();
            using (var select = Command(connection, transaction, $"SELECT {TapRows.Columns} FROM taps WHERE relay_state = 1"))
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    interrupted.Add(TapRows.Read(reader));
                }
            }
            using (var close = Command(connection, transaction, """
                UPDATE relay_attempts SET finished_at_ms = $now, outcome = 'interrupted'
                WHERE finished_at_ms IS NULL AND tap_id IN (SELECT id FROM taps WHERE relay_state = 1)
                """))
            {
                close.Parameters.AddWithValue("$now", now);
                close.ExecuteNonQuery();
            }
            using (var release = Command(connection, transaction, "UPDATE taps SET relay_state = 3, next_attempt_at_ms = 0 WHERE relay_state = 1"))
            {
                release.ExecuteNonQuery();
            }
            return interrupted;
        }, cancellationToken);
    }

    /// <summary>Marks the tap in flight and opens attempt number <paramref name="attempt"/>, durably, before central is called.</summary>
    public Task MarkInFlightAsync(long tapId, int attempt, CancellationToken cancellationToken)
    {
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            using (var update = Command(connection, transaction, "UPDATE taps SET relay_state = 1, attempts = $attempt WHERE id = $id"))
            {
                update.Parameters.AddWithValue("$attempt", attempt);
                update.Parameters.AddWithValue("$id", tapId);
                update.ExecuteNonQuery();
            }
            using var insert = Command(connection, transaction, "INSERT INTO relay_attempts (tap_id, attempt, started_at_ms) VALUES ($id, $attempt, $now)");
            insert.Parameters.AddWithValue("$id", tapId);
            insert.Parameters.AddWithValue("$attempt", attempt);
            insert.Parameters.AddWithValue("$now", now);
            return insert.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <summary>
    /// Stores central's definitive answer: the tap is done, <paramref name="result"/> is what the
    /// terminal is told, <paramref name="credit"/> what it earned; <paramref name="claim"/>, when
    /// central named its check-in, is recorded as this tap's (a check-in id already claimed by
    /// another tap is not taken over: the tap is then stored without a claim, and false returned).
    /// </summary>
    public Task<bool> CompleteAsync(long tapId, int attempt, TapResult result, AttemptRecord record, TapCredit credit,
        CentralClaim? claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            var claimed = claim is null || Claims.TryInsert(connection, transaction, tapId, claim, now);
            MarkDone(connection, transaction, tapId, result, credit, now);
            FinishAttempt(connection, transaction, tapId, attempt, record, now);
            return claimed;
        }, cancellationToken);
    }

    private static void MarkDone(SqliteConnection connection, SqliteTransaction transaction, long tapId, TapResult result, TapCredit credit, long now)
    {
        using (var update = Command(connection, transaction, """
            UPDATE taps SET relay_state = 2, outcome = $outcome, points_added = $points, total_points = $total,
                            reason = $reason, message = $message, completed_at_ms = $now
            WHERE id = $id
            """))
        {
            update.Parameters.AddWithValue("$outcome", (int)result.Outcome);
            update.Parameters.AddWithValue("$points", result.PointsAdded);
            update.Parameters.AddWithValue("$total", result.TotalPoints);
            update.Parameters.AddWithValue("$reason", result.Reason);
            update.Parameters.AddWithValue("$message", result.Message);
            update.Parameters.AddWithValue("$now", now);
            update.Parameters.AddWithValue("$id", tapId);
            update.ExecuteNonQuery();
        }
        using var credited = Command(connection, transaction, """
            INSERT INTO tap_relay (tap_id, credit, updated_at_ms) VALUES ($id, $credit, $now)
            ON CONFLICT (tap_id) DO UPDATE SET credit = excluded.credit, updated_at_ms = excluded.updated_at_ms
            """);
        credited.Parameters.AddWithValue("$id", tapId);
        credited.Parameters.AddWithValue("$credit", (int)credit);
        credited.Parameters.AddWithValue("$now", now);
        credited.ExecuteNonQuery();
    }

    /// <summary>
    /// Central gave no usable answer: the tap waits until <paramref name="nextAttemptAt"/>, as
    /// <see cref="RelayState.Pending"/> when the call surely did not count (or none was made), as
    /// <see cref="RelayState.Unknown"/> when it may have. <paramref name="attempt"/> is the open
    /// attempt to close, or 0 when none is open (a failed reconciliation).
    /// </summary>
    public Task DeferAsync(long tapId, int attempt, DateTimeOffset nextAttemptAt, bool queuedNotified, AttemptRecord record,
        CancellationToken cancellationToken, bool outcomeUnknown = false)
    {
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            using (var update = Command(connection, transaction, """
                UPDATE taps SET relay_state = $state, next_attempt_at_ms = $next, queued_notified = $queued WHERE id = $id
                """))
            {
                update.Parameters.AddWithValue("$state", (int)(outcomeUnknown ? RelayState.Unknown : RelayState.Pending));
                update.Parameters.AddWithValue("$next", nextAttemptAt.ToUnixTimeMilliseconds());
                update.Parameters.AddWithValue("$queued", queuedNotified ? 1 : 0);
                update.Parameters.AddWithValue("$id", tapId);
                update.ExecuteNonQuery();
            }
            return attempt > 0 ? FinishAttempt(connection, transaction, tapId, attempt, record, now) : 0;
        }, cancellationToken);
    }

    internal static int FinishAttempt(SqliteConnection connection, SqliteTransaction transaction, long tapId, int attempt, AttemptRecord record, long now)
    {
        using var finish = Command(connection, transaction, """
            UPDATE relay_attempts SET finished_at_ms = $now, outcome = $outcome, http_status = $status, detail = $detail
            WHERE tap_id = $id AND attempt = $attempt
            """);
        finish.Parameters.AddWithValue("$now", now);
        finish.Parameters.AddWithValue("$outcome", record.Outcome);
        finish.Parameters.AddWithValue("$status", (object?)record.HttpStatus ?? DBNull.Value);
        finish.Parameters.AddWithValue("$detail", (object?)record.Detail ?? DBNull.Value);
        finish.Parameters.AddWithValue("$id", tapId);
        finish.Parameters.AddWithValue("$attempt", attempt);
        return finish.ExecuteNonQuery();
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
