using System.Data.Common;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Store;

namespace Uitpas.Edge.Agent.Reports;

/// <summary>A stored cost-sharing key: a card system's (<see cref="EventId"/> null: every event) or one event's.</summary>
public sealed record CostSharingEntry(long CardSystemId, string? EventId, CostSharingKey Key, DateTimeOffset UpdatedAt);

/// <summary>
/// The cost-sharing keys (cost_sharing_keys). The key of a sale is resolved when central confirms it: the
/// (card system, event) key, else the card system's, else the default; it is then frozen on the sale.
/// </summary>
public sealed partial class ReportStore
{
    /// <summary>Every stored key, by card system, the card system's own first.</summary>
    public async Task<IReadOnlyList<CostSharingEntry>> CostSharingKeysAsync(CancellationToken cancellationToken)
    {
        var connection = _database.Open();
        await using (connection.ConfigureAwait(false))
        {
            using var select = Sql.Command(connection, null, """
                SELECT card_system_id, event_id, participant_bp, organizer_bp, municipality_bp, updated_at_ms
                FROM cost_sharing_keys ORDER BY card_system_id, event_id
                """);
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var keys = new List<CostSharingEntry>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var eventId = reader.GetString(1);
                keys.Add(new CostSharingEntry(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), eventId.Length == 0 ? null : eventId,
                    new CostSharingKey(reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
            }
            return keys;
        }
    }

    /// <summary>True when <paramref name="cardSystemId"/> is one the agent knows (devices' profiles, facts, sales).</summary>
    public async Task<bool> IsKnownCardSystemAsync(long cardSystemId, CancellationToken cancellationToken) =>
        (await KnownCardSystemsAsync(cancellationToken).ConfigureAwait(false)).Contains(cardSystemId);

    /// <summary>Sets the key of a card system (<paramref name="eventId"/> null) or of one of its events; the caller checked the key and the card system.</summary>
    public Task SetCostSharingAsync(long cardSystemId, string? eventId, CostSharingKey key, CancellationToken cancellationToken)
    {
        if (!key.IsValid(out var error))
        {
            throw new ArgumentException(error, nameof(key));
        }
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return _writer.ExecuteAsync((connection, transaction) => Sql.Command(connection, transaction, """
            INSERT INTO cost_sharing_keys (card_system_id, event_id, participant_bp, organizer_bp, municipality_bp, updated_at_ms)
            VALUES (@cs, @event, @p, @o, @m, @now)
            ON CONFLICT (card_system_id, event_id) DO UPDATE SET participant_bp = excluded.participant_bp, organizer_bp = excluded.organizer_bp,
                municipality_bp = excluded.municipality_bp, updated_at_ms = excluded.updated_at_ms
            """).Bind("@cs", (int)cardSystemId).Bind("@event", eventId ?? "").Bind("@p", key.ParticipantBp).Bind("@o", key.OrganizerBp)
            .Bind("@m", key.MunicipalityBp).Bind("@now", now).RunOnce(), cancellationToken);
    }

    /// <summary>Removes a stored key; false when there was none (the default, or the card system's, applies anyway).</summary>
    public async Task<bool> RemoveCostSharingAsync(long cardSystemId, string? eventId, CancellationToken cancellationToken) =>
        await _writer.ExecuteAsync((connection, transaction) => Sql.Command(connection, transaction,
                "DELETE FROM cost_sharing_keys WHERE card_system_id = @cs AND event_id = @event")
            .Bind("@cs", (int)cardSystemId).Bind("@event", eventId ?? "").RunOnce(), cancellationToken).ConfigureAwait(false) > 0;

    /// <summary>The key in force for a sale of <paramref name="eventId"/> in <paramref name="cardSystemId"/>, inside the writer's transaction.</summary>
    internal static CostSharingKey KeyFor(DbConnection connection, DbTransaction transaction, long cardSystemId, string eventId, CostSharingKey fallback)
    {
        using var select = Sql.Command(connection, transaction, """
            SELECT participant_bp, organizer_bp, municipality_bp FROM cost_sharing_keys
            WHERE card_system_id = @cs AND event_id IN (@event, '') ORDER BY CASE WHEN event_id = '' THEN 1 ELSE 0 END LIMIT 1
            """).Bind("@cs", (int)cardSystemId).Bind("@event", eventId);
        using var reader = select.ExecuteReader();
        return reader.Read() ? new CostSharingKey(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)) : fallback;
    }
}
