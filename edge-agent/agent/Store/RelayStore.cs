using System.Data.Common;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Hosting;
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
    private readonly string _instanceId;
    private readonly long _leaseMs;

    /// <summary>Creates the store for this instance (<see cref="AgentOptions.InstanceId"/>, the owner of its relay leases).</summary>
    public RelayStore(StoreWriter writer, AgentDatabase database, TimeProvider time, IOptions<AgentOptions> agent, IOptions<StoreOptions> store)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(store);
        _writer = writer;
        _database = database;
        _time = time;
        _instanceId = agent.Value.InstanceId;
        _leaseMs = (long)store.Value.RelayLease.TotalMilliseconds;
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
            WHERE device_id = @device AND relay_state <> 2
            ORDER BY boot_epoch, sequence LIMIT 1
            """;
        select.Bind("@device", deviceId);
        using var reader = select.ExecuteReader();
        return reader.Read() ? TapRows.Read(reader) : null;
    }

    /// <summary>
    /// Taps left in flight by a previous run (it stopped between calling central and storing
    /// the answer): central may or may not have counted them, so they become
    /// <see cref="RelayState.Unknown"/> (reconciled with central's history before any new call);
    /// their open attempts are closed as "interrupted". SQLite (one instance): every such tap, and
    /// the previous run's leases are dropped. PostgreSQL (shared): only taps of devices whose lease
    /// this instance holds (a restart under a fixed Agent:InstanceId); another live instance's
    /// calls are not touched, and an expired instance's taps are released when its lease is taken
    /// over (<see cref="AcquireLeaseAsync"/>). The same taps' backoff waits end (see <see cref="ResumeWaits"/>).
    /// </summary>
    public Task<IReadOnlyList<StoredTap>> ReleaseInterruptedAsync(CancellationToken cancellationToken)
    {
        var now = NowMs();
        var shared = _database.IsShared;
        return _writer.ExecuteAsync<IReadOnlyList<StoredTap>>((connection, transaction) =>
        {
            if (!shared)
            {
                Sql.Execute(connection, transaction, "DELETE FROM relay_leases");
                ResumeWaits(connection, transaction, "", _ => { });
                return ReleaseInFlight(connection, transaction, "", _ => { }, now);
            }
            const string owned = "AND device_id IN (SELECT device_id FROM relay_leases WHERE owner = @owner)";
            ResumeWaits(connection, transaction, owned, command => command.Bind("@owner", _instanceId));
            return ReleaseInFlight(connection, transaction, owned, command => command.Bind("@owner", _instanceId), now);
        }, cancellationToken);
    }

    /// <summary>
    /// The waits of Pending and Unknown taps matching <paramref name="filter"/> end now: they were set by
    /// the previous run's backoff and circuit breaker, which a restart does not keep (a breaker paused
    /// the backlog for 30 s or more). This run's breaker protects central if it is still down.
    /// </summary>
    private static void ResumeWaits(DbConnection connection, DbTransaction transaction, string filter, Action<DbCommand> bind)
    {
        using var resume = Command(connection, transaction, $"UPDATE taps SET next_attempt_at_ms = 0 WHERE relay_state IN (0, 3) AND next_attempt_at_ms > 0 {filter}");
        bind(resume);
        resume.ExecuteNonQuery();
    }

    /// <summary>In flight → Unknown for the taps matching <paramref name="filter"/> (an AND clause), closing their open attempts.</summary>
    private static List<StoredTap> ReleaseInFlight(DbConnection connection, DbTransaction transaction, string filter, Action<DbCommand> bind, long now)
    {
        var interrupted = new List<StoredTap>();
        using (var select = Command(connection, transaction, $"SELECT {TapRows.Columns} FROM taps WHERE relay_state = 1 {filter}"))
        {
            bind(select);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                interrupted.Add(TapRows.Read(reader));
            }
        }
        if (interrupted.Count == 0)
        {
            return interrupted;
        }
        using (var close = Command(connection, transaction, $"""
            UPDATE relay_attempts SET finished_at_ms = @now, outcome = 'interrupted'
            WHERE finished_at_ms IS NULL AND tap_id IN (SELECT id FROM taps WHERE relay_state = 1 {filter})
            """))
        {
            close.Bind("@now", now);
            bind(close);
            close.ExecuteNonQuery();
        }
        using (var release = Command(connection, transaction, $"UPDATE taps SET relay_state = 3, next_attempt_at_ms = 0 WHERE relay_state = 1 {filter}"))
        {
            bind(release);
            release.ExecuteNonQuery();
        }
        return interrupted;
    }

    /// <summary>
    /// Marks the tap in flight and opens attempt number <paramref name="attempt"/>, durably, before
    /// central is called; fenced: only while this instance holds the device's lease, which is
    /// renewed for a full term in the same transaction (else <see cref="LeaseLostException"/>).
    /// Only a Pending tap is marked: false (nothing written, no call may be made) when the tap is
    /// no longer Pending, i.e. another step settled it or left its outcome unknown meanwhile.
    /// </summary>
    public Task<bool> MarkInFlightAsync(long tapId, int attempt, CancellationToken cancellationToken)
    {
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            Fence(connection, transaction, tapId, now);
            using (var update = Command(connection, transaction, "UPDATE taps SET relay_state = 1, attempts = @attempt WHERE id = @id AND relay_state = 0"))
            {
                update.Bind("@attempt", attempt);
                update.Bind("@id", tapId);
                if (update.ExecuteNonQuery() != 1)
                {
                    return false;
                }
            }
            using var insert = Command(connection, transaction, "INSERT INTO relay_attempts (tap_id, attempt, started_at_ms) VALUES (@id, @attempt, @now)");
            insert.Bind("@id", tapId);
            insert.Bind("@attempt", attempt);
            insert.Bind("@now", now);
            insert.ExecuteNonQuery();
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// The tap is in flight, but no step of this instance is calling central for it any more: a
    /// call was made and its answer could not be stored (the write or its COMMIT failed). Its
    /// outcome is unknown: In flight → Unknown, its open attempt closed as "interrupted", so it is
    /// reconciled with central's history before anything is sent again. Fenced like
    /// <see cref="MarkInFlightAsync"/>; false when the tap was not in flight.
    /// </summary>
    public Task<bool> InterruptAsync(long tapId, CancellationToken cancellationToken)
    {
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            Fence(connection, transaction, tapId, now);
            return ReleaseInFlight(connection, transaction, "AND id = @tap", command => command.Bind("@tap", tapId), now).Count == 1;
        }, cancellationToken);
    }

    /// <summary>
    /// Stores central's definitive answer: the tap is done, <paramref name="result"/> is what the
    /// terminal is told, <paramref name="credit"/> what it earned; <paramref name="claim"/>, when
    /// central named its check-in, is recorded as this tap's (a check-in id already claimed by
    /// another tap is not taken over: the tap is then stored without a claim, and false returned).
    /// Fenced like <see cref="MarkInFlightAsync"/>: an instance that lost the lease stores nothing
    /// (the new owner reconciles the tap from central's history).
    /// </summary>
    public Task<bool> CompleteAsync(long tapId, int attempt, TapResult result, AttemptRecord record, TapCredit credit,
        CentralClaim? claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            Fence(connection, transaction, tapId, now);
            var claimed = claim is null || Claims.TryInsert(connection, transaction, tapId, claim, now);
            MarkDone(connection, transaction, tapId, result, credit, now);
            FinishAttempt(connection, transaction, tapId, attempt, record, now);
            return claimed;
        }, cancellationToken);
    }

    private static void MarkDone(DbConnection connection, DbTransaction transaction, long tapId, TapResult result, TapCredit credit, long now)
    {
        using (var update = Command(connection, transaction, """
            UPDATE taps SET relay_state = 2, outcome = @outcome, points_added = @points, total_points = @total,
                            reason = @reason, message = @message, completed_at_ms = @now
            WHERE id = @id
            """))
        {
            update.Bind("@outcome", (int)result.Outcome);
            update.Bind("@points", result.PointsAdded);
            update.Bind("@total", result.TotalPoints);
            update.Bind("@reason", result.Reason);
            update.Bind("@message", result.Message);
            update.Bind("@now", now);
            update.Bind("@id", tapId);
            update.ExecuteNonQuery();
        }
        using var credited = Command(connection, transaction, """
            INSERT INTO tap_relay (tap_id, credit, updated_at_ms) VALUES (@id, @credit, @now)
            ON CONFLICT (tap_id) DO UPDATE SET credit = excluded.credit, updated_at_ms = excluded.updated_at_ms
            """);
        credited.Bind("@id", tapId);
        credited.Bind("@credit", (int)credit);
        credited.Bind("@now", now);
        credited.ExecuteNonQuery();
    }

    /// <summary>
    /// Central gave no usable answer: the tap waits until <paramref name="nextAttemptAt"/>, as
    /// <see cref="RelayState.Pending"/> when the call surely did not count (or none was made), as
    /// <see cref="RelayState.Unknown"/> when it may have. <paramref name="attempt"/> is the open
    /// attempt to close, or 0 when none is open (a failed reconciliation). Fenced like
    /// <see cref="MarkInFlightAsync"/>.
    /// </summary>
    public Task DeferAsync(long tapId, int attempt, DateTimeOffset nextAttemptAt, bool queuedNotified, AttemptRecord record,
        CancellationToken cancellationToken, bool outcomeUnknown = false)
    {
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            Fence(connection, transaction, tapId, now);
            using (var update = Command(connection, transaction, """
                UPDATE taps SET relay_state = @state, next_attempt_at_ms = @next, queued_notified = @queued WHERE id = @id
                """))
            {
                update.Bind("@state", (int)(outcomeUnknown ? RelayState.Unknown : RelayState.Pending));
                update.Bind("@next", nextAttemptAt.ToUnixTimeMilliseconds());
                update.Bind("@queued", queuedNotified ? 1 : 0);
                update.Bind("@id", tapId);
                update.ExecuteNonQuery();
            }
            return attempt > 0 ? FinishAttempt(connection, transaction, tapId, attempt, record, now) : 0;
        }, cancellationToken);
    }

    internal static int FinishAttempt(DbConnection connection, DbTransaction transaction, long tapId, int attempt, AttemptRecord record, long now)
    {
        using var finish = Command(connection, transaction, """
            UPDATE relay_attempts SET finished_at_ms = @now, outcome = @outcome, http_status = @status, detail = @detail
            WHERE tap_id = @id AND attempt = @attempt
            """);
        finish.Bind("@now", now);
        finish.Bind("@outcome", record.Outcome);
        finish.Bind("@status", record.HttpStatus);
        finish.Bind("@detail", record.Detail);
        finish.Bind("@id", tapId);
        finish.Bind("@attempt", attempt);
        return finish.ExecuteNonQuery();
    }

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
