using Uitpas.Edge.Agent.Reconcile;

namespace Uitpas.Edge.Agent.Store;

/// <summary>Final taps of one device at one event (null: the kiosk's current event, not recorded) with one credit.</summary>
public sealed record CreditCount(string DeviceId, string? EventId, TapCredit Credit, int Count);

/// <summary>
/// A tap that central did not credit because the event's check-in window had passed when it was
/// relayed. <see cref="ChipUid"/> is personal data: show it only to staff, never log it in full.
/// </summary>
public sealed record UncreditedTap(
    string DeviceId,
    uint BootEpoch,
    uint Sequence,
    DateTimeOffset? TappedAt,
    string? EventId,
    string Reason,
    byte[] ChipUid,
    DateTimeOffset CompletedAt);

/// <summary>Taps of one device not final yet, by relay state.</summary>
public sealed record RelayBacklog(string DeviceId, int Pending, int InFlight, int Unknown);

public sealed partial class RelayStore
{
    /// <summary>Final taps counted per device, event and credit (for the report and the fleet view).</summary>
    public IReadOnlyList<CreditCount> CreditCounts(string? deviceId = null)
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT t.device_id, r.event_id, r.credit, CAST(COUNT(*) AS INTEGER) FROM taps t JOIN tap_relay r ON r.tap_id = t.id
            WHERE t.relay_state = 2 AND r.credit <> 0 AND (@device IS NULL OR t.device_id = @device)
            GROUP BY t.device_id, r.event_id, r.credit
            ORDER BY t.device_id, r.event_id, r.credit
            """;
        select.Bind("@device", deviceId);
        using var reader = select.ExecuteReader();
        var counts = new List<CreditCount>();
        while (reader.Read())
        {
            counts.Add(new CreditCount(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), (TapCredit)reader.GetInt32(2), reader.GetInt32(3)));
        }
        return counts;
    }

    /// <summary>The taps not credited because the event's window had passed, oldest first.</summary>
    public IReadOnlyList<UncreditedTap> UncreditedTaps(string? deviceId = null)
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT t.device_id, t.boot_epoch, t.sequence, t.tapped_at_ms, r.event_id, COALESCE(t.reason, ''), t.chip_uid, t.completed_at_ms
            FROM taps t JOIN tap_relay r ON r.tap_id = t.id
            WHERE t.relay_state = 2 AND r.credit = @closed AND (@device IS NULL OR t.device_id = @device)
            ORDER BY t.device_id, t.boot_epoch, t.sequence
            """;
        select.Bind("@closed", (int)TapCredit.RefusedWindowClosed);
        select.Bind("@device", deviceId);
        using var reader = select.ExecuteReader();
        var taps = new List<UncreditedTap>();
        while (reader.Read())
        {
            var tappedAt = reader.GetInt64(3);
            taps.Add(new UncreditedTap(
                reader.GetString(0),
                (uint)reader.GetInt64(1),
                (uint)reader.GetInt64(2),
                tappedAt == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(tappedAt),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                (byte[])reader.GetValue(6),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.IsDBNull(7) ? 0 : reader.GetInt64(7))));
        }
        return taps;
    }

    /// <summary>Per device, the taps still waiting for a final answer, by state.</summary>
    public IReadOnlyList<RelayBacklog> Backlog()
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT device_id, CAST(SUM(CASE WHEN relay_state = 0 THEN 1 ELSE 0 END) AS INTEGER),
                   CAST(SUM(CASE WHEN relay_state = 1 THEN 1 ELSE 0 END) AS INTEGER),
                   CAST(SUM(CASE WHEN relay_state = 3 THEN 1 ELSE 0 END) AS INTEGER)
            FROM taps WHERE relay_state <> 2 GROUP BY device_id ORDER BY device_id
            """;
        using var reader = select.ExecuteReader();
        var backlog = new List<RelayBacklog>();
        while (reader.Read())
        {
            backlog.Add(new RelayBacklog(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
        }
        return backlog;
    }
}
