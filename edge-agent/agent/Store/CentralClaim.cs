using Microsoft.Data.Sqlite;

namespace Uitpas.Edge.Agent.Store;

/// <summary>How the agent learnt which central check-in a tap earned.</summary>
public enum ClaimSource
{
    /// <summary>Central's answer to the check-in call named it.</summary>
    Response,

    /// <summary>Found in central's check-in history after the answer was lost.</summary>
    History,
}

/// <summary>A central check-in attributed to one tap (central_claims); one check-in id is never attributed twice.</summary>
public sealed record CentralClaim(string CheckinId, string EventId, DateTimeOffset CreatedAt, ClaimSource Source);

/// <summary>The central_claims table inside the writer's transaction.</summary>
internal static class Claims
{
    public static bool IsClaimed(SqliteConnection connection, SqliteTransaction transaction, string checkinId)
    {
        using var select = RelayStore.Command(connection, transaction, "SELECT 1 FROM central_claims WHERE checkin_id = $id");
        select.Parameters.AddWithValue("$id", checkinId);
        return select.ExecuteScalar() is not null;
    }

    /// <summary>Attributes the check-in to the tap unless it (or the tap) already has an attribution; true when written.</summary>
    public static bool TryInsert(SqliteConnection connection, SqliteTransaction transaction, long tapId, CentralClaim claim, long now)
    {
        using var insert = RelayStore.Command(connection, transaction, """
            INSERT INTO central_claims (checkin_id, tap_id, event_id, created_at_ms, source, claimed_at_ms)
            VALUES ($id, $tap, $event, $created, $source, $now)
            ON CONFLICT DO NOTHING
            """);
        insert.Parameters.AddWithValue("$id", claim.CheckinId);
        insert.Parameters.AddWithValue("$tap", tapId);
        insert.Parameters.AddWithValue("$event", claim.EventId);
        insert.Parameters.AddWithValue("$created", claim.CreatedAt.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$source", claim.Source == ClaimSource.Response ? "response" : "history");
        insert.Parameters.AddWithValue("$now", now);
        return insert.ExecuteNonQuery() == 1;
    }
}
