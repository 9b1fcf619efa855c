using System.Data.Common;

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
    /// <summary>The tap central's check-in <paramref name="checkinId"/> is attributed to, or null.</summary>
    public static long? HolderOf(DbConnection connection, DbTransaction transaction, string checkinId)
    {
        using var select = RelayStore.Command(connection, transaction, "SELECT tap_id FROM central_claims WHERE checkin_id = @id");
        select.Bind("@id", checkinId);
        return select.ExecuteScalar() is { } tap and not DBNull ? Convert.ToInt64(tap, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Attributes the check-in to the tap unless it (or the tap) already has an attribution; true when written.</summary>
    public static bool TryInsert(DbConnection connection, DbTransaction transaction, long tapId, CentralClaim claim, long now)
    {
        using var insert = RelayStore.Command(connection, transaction, """
            INSERT INTO central_claims (checkin_id, tap_id, event_id, created_at_ms, source, claimed_at_ms)
            VALUES (@id, @tap, @event, @created, @source, @now)
            ON CONFLICT DO NOTHING
            """);
        insert.Bind("@id", claim.CheckinId);
        insert.Bind("@tap", tapId);
        insert.Bind("@event", claim.EventId);
        insert.Bind("@created", claim.CreatedAt.ToUnixTimeMilliseconds());
        insert.Bind("@source", claim.Source == ClaimSource.Response ? "response" : "history");
        insert.Bind("@now", now);
        return insert.ExecuteNonQuery() == 1;
    }
}
