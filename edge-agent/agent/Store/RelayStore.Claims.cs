using System.Data.Common;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Store;

/// <summary>What <see cref="RelayStore.ClaimFromHistoryAsync"/> did.</summary>
public enum HistoryClaimKind
{
    /// <summary>A check-in was attributed to the tap, which is now done (credited from history).</summary>
    Claimed,

    /// <summary>No candidate is left for this tap: central did not count it.</summary>
    NoneLeft,

    /// <summary>Another tap of the same card is in flight: its check-in could be among the candidates; decide later.</summary>
    Busy,
}

/// <summary>The outcome of a claim from history; <see cref="Record"/> and <see cref="Result"/> are set when claimed.</summary>
public sealed record HistoryClaim(HistoryClaimKind Kind, CheckinRecord? Record, TapResult? Result);

public sealed partial class RelayStore
{
    /// <summary>The tap's relay plan, or null when none was decided yet.</summary>
    public RelayPlan? PlanOf(long tapId)
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT route, event_id FROM tap_relay WHERE tap_id = @id AND route <> 0";
        select.Bind("@id", tapId);
        using var reader = select.ExecuteReader();
        return reader.Read() ? new RelayPlan((TapRoute)reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
    }

    /// <summary>Stores <paramref name="plan"/> unless the tap has one; returns the plan in force (a plan never changes).</summary>
    public Task<RelayPlan> EnsurePlanAsync(long tapId, RelayPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            using (var upsert = Command(connection, transaction, """
                INSERT INTO tap_relay (tap_id, route, event_id, updated_at_ms) VALUES (@id, @route, @event, @now)
                ON CONFLICT (tap_id) DO UPDATE SET route = excluded.route, event_id = excluded.event_id, updated_at_ms = excluded.updated_at_ms
                WHERE tap_relay.route = 0
                """))
            {
                upsert.Bind("@id", tapId);
                upsert.Bind("@route", (int)plan.Route);
                upsert.Bind("@event", plan.EventId);
                upsert.Bind("@now", now);
                upsert.ExecuteNonQuery();
            }
            using var select = Command(connection, transaction, "SELECT route, event_id FROM tap_relay WHERE tap_id = @id");
            select.Bind("@id", tapId);
            using var reader = select.ExecuteReader();
            reader.Read();
            return new RelayPlan((TapRoute)reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        }, cancellationToken);
    }

    /// <summary>
    /// When the tap's first call whose outcome is unknown (answer lost, agent stopped mid-call)
    /// started, or null when every call so far got an answer: only then can one of central's
    /// check-ins be this tap's without the agent knowing.
    /// </summary>
    public DateTimeOffset? UncertainSince(long tapId)
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT MIN(started_at_ms) FROM relay_attempts WHERE tap_id = @id AND outcome IN ('unknown', 'interrupted')";
        select.Bind("@id", tapId);
        return select.ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>
    /// Central's history shows the tap was not counted: it may be sent again (Unknown → Pending).
    /// Fenced (<see cref="LeaseLostException"/> when this instance lost the device's lease); false
    /// when the tap is no longer Unknown: then it must not be sent.
    /// </summary>
    public Task<bool> ResolveNotCountedAsync(long tapId, CancellationToken cancellationToken)
    {
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            Fence(connection, transaction, tapId, now);
            using var update = Command(connection, transaction, "UPDATE taps SET relay_state = 0, next_attempt_at_ms = 0 WHERE id = @id AND relay_state = 3");
            update.Bind("@id", tapId);
            return update.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <summary>
    /// Attributes one of central's check-ins to the tap, in one transaction. <paramref name="candidates"/>
    /// are the check-ins that match the tap (passholder, event, the time of its calls), oldest
    /// first. A candidate already claimed is skipped; so is one that a call of another tap of the
    /// same card surely created (a kiosk check-in answered OK, whose id central does not return,
    /// made while the candidate was created): it is claimed for that tap. The first candidate left
    /// is claimed for this tap, which is then done with <paramref name="resultFor"/>'s result;
    /// <paramref name="openAttempt"/> (0 = none) is closed. A candidate this tap already holds is
    /// its own: the tap is done with it. Fenced like <see cref="MarkInFlightAsync"/>: only the
    /// instance holding the device's lease settles its taps (an instance that lost the lease while
    /// it searched the history gets <see cref="LeaseLostException"/>; the new holder decides).
    /// </summary>
    public Task<HistoryClaim> ClaimFromHistoryAsync(StoredTap tap, IReadOnlyList<CheckinRecord> candidates, TimeSpan clockSkew,
        Func<CheckinRecord, TapResult> resultFor, int openAttempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tap);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(resultFor);
        var now = NowMs();
        var skew = (long)clockSkew.TotalMilliseconds;
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            Fence(connection, transaction, tap.Id, now);
            if (OtherTapOfCardInFlight(connection, transaction, tap))
            {
                return new HistoryClaim(HistoryClaimKind.Busy, null, null);
            }
            foreach (var record in candidates)
            {
                var holder = Claims.HolderOf(connection, transaction, record.Id);
                if (holder == tap.Id)
                {
                    var own = resultFor(record);
                    MarkDone(connection, transaction, tap.Id, own, TapCredit.CreditedFromHistory, now);
                    if (openAttempt > 0)
                    {
                        FinishAttempt(connection, transaction, tap.Id, openAttempt, new AttemptRecord("history", null, "counted: its check-in, found in central's history"), now);
                    }
                    return new HistoryClaim(HistoryClaimKind.Claimed, record, own);
                }
                if (holder is not null)
                {
                    continue;
                }
                var claim = new CentralClaim(record.Id, record.EventId, record.CreationDate, ClaimSource.History);
                if (SureOwner(connection, transaction, tap, record.CreationDate.ToUnixTimeMilliseconds(), skew) is { } owner)
                {
                    Claims.TryInsert(connection, transaction, owner, claim, now);
                    continue;
                }
                Claims.TryInsert(connection, transaction, tap.Id, claim, now);
                var result = resultFor(record);
                MarkDone(connection, transaction, tap.Id, result, TapCredit.CreditedFromHistory, now);
                if (openAttempt > 0)
                {
                    FinishAttempt(connection, transaction, tap.Id, openAttempt, new AttemptRecord("history", null, "counted: found in central's history"), now);
                }
                return new HistoryClaim(HistoryClaimKind.Claimed, record, result);
            }
            return new HistoryClaim(HistoryClaimKind.NoneLeft, null, null);
        }, cancellationToken);
    }

    private static bool OtherTapOfCardInFlight(DbConnection connection, DbTransaction transaction, StoredTap tap)
    {
        using var select = Command(connection, transaction, "SELECT 1 FROM taps WHERE chip_uid = @chip AND id <> @id AND relay_state = 1 LIMIT 1");
        select.Bind("@chip", tap.ChipUid);
        select.Bind("@id", tap.Id);
        return select.ExecuteScalar() is not null;
    }

    private static long? SureOwner(DbConnection connection, DbTransaction transaction, StoredTap tap, long createdAtMs, long skewMs)
    {
        using var select = Command(connection, transaction, """
            SELECT t.id FROM taps t JOIN tap_relay r ON r.tap_id = t.id
            WHERE t.chip_uid = @chip AND t.id <> @id AND r.credit = @credited AND r.route = @kiosk
              AND NOT EXISTS (SELECT 1 FROM central_claims k WHERE k.tap_id = t.id)
              AND EXISTS (SELECT 1 FROM relay_attempts a WHERE a.tap_id = t.id AND a.outcome = 'ok'
                          AND a.started_at_ms - @skew <= @created AND a.finished_at_ms + @skew >= @created)
            ORDER BY t.id LIMIT 1
            """);
        select.Bind("@chip", tap.ChipUid);
        select.Bind("@id", tap.Id);
        select.Bind("@credited", (int)TapCredit.Credited);
        select.Bind("@kiosk", (int)TapRoute.Kiosk);
        select.Bind("@skew", skewMs);
        select.Bind("@created", createdAtMs);
        return select.ExecuteScalar() is long owner ? owner : null;
    }
}
