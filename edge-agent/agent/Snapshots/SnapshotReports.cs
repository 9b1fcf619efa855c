using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>What a terminal last said of one kind of snapshot, beside the version the agent offers.</summary>
public sealed record SnapshotKindStatus(
    int Kind,
    uint CurrentVersion,
    uint AppliedVersion,
    string? LastStatus,
    uint? RefusedVersion,
    string? RefusalReason,
    DateTimeOffset? RefusedAt,
    DateTimeOffset? ReportedAt)
{
    /// <summary>True when the terminal applied the version the agent offers.</summary>
    public bool IsCurrent => CurrentVersion != 0 && AppliedVersion == CurrentVersion;
}

/// <summary>A terminal's snapshot state, for the fleet view: its allowlist and its events snapshot.</summary>
public sealed record SnapshotStatus(string DeviceId, int CardSystemId, SnapshotKindStatus Allowlist, SnapshotKindStatus Events);

/// <summary>The terminals' applied reports (table snapshot_reports): the version each applied and its last refusal.</summary>
public sealed class SnapshotReports
{
    private readonly StoreWriter _writer;
    private readonly AgentDatabase _database;
    private readonly SnapshotCatalog _catalog;

    /// <summary>Creates the report store.</summary>
    public SnapshotReports(StoreWriter writer, AgentDatabase database, SnapshotCatalog catalog)
    {
        _writer = writer;
        _database = database;
        _catalog = catalog;
    }

    /// <summary>Stores a report: the version in use, and for a refusal the refused version and reason (kept until the next refusal).</summary>
    public Task RecordAsync(string deviceId, AppliedReport report, long nowUnixMs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            if (report.IsRefused)
            {
                SnapshotCatalog.Execute(connection, transaction, """
                    INSERT INTO snapshot_reports (device_id, kind, applied_version, status, refused_version, refusal_reason, refused_at_ms, reported_at_ms)
                    VALUES (@device, @kind, @version, 'refused', @refused, @reason, @now, @now)
                    ON CONFLICT (device_id, kind) DO UPDATE SET applied_version = excluded.applied_version, status = excluded.status,
                        refused_version = excluded.refused_version, refusal_reason = excluded.refusal_reason,
                        refused_at_ms = excluded.refused_at_ms, reported_at_ms = excluded.reported_at_ms
                    """, ("@device", deviceId), ("@kind", report.Kind), ("@version", (long)report.Version), ("@refused", (long)report.RefusedVersion),
                    ("@reason", report.Reason ?? ""), ("@now", nowUnixMs));
            }
            else
            {
                SnapshotCatalog.Execute(connection, transaction, """
                    INSERT INTO snapshot_reports (device_id, kind, applied_version, status, reported_at_ms)
                    VALUES (@device, @kind, @version, 'applied', @now)
                    ON CONFLICT (device_id, kind) DO UPDATE SET applied_version = excluded.applied_version, status = excluded.status,
                        reported_at_ms = excluded.reported_at_ms
                    """, ("@device", deviceId), ("@kind", report.Kind), ("@version", (long)report.Version), ("@now", nowUnixMs));
            }
            return true;
        }, ct);
    }

    /// <summary>The snapshot state of one terminal (card system <paramref name="cardSystemId"/>, 0 = none).</summary>
    public SnapshotStatus StatusOf(string deviceId, int cardSystemId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        var allowlistVersion = cardSystemId > 0 ? _catalog.Series(SnapshotKind.Allowlist, cardSystemId.ToString(System.Globalization.CultureInfo.InvariantCulture))?.Version ?? 0 : 0;
        var eventsVersion = _catalog.Series(SnapshotKind.Events, deviceId)?.Version ?? 0;
        return new SnapshotStatus(deviceId, cardSystemId, Read(deviceId, SnapshotKind.Allowlist, allowlistVersion), Read(deviceId, SnapshotKind.Events, eventsVersion));
    }

    private SnapshotKindStatus Read(string deviceId, int kind, uint current)
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT applied_version, status, refused_version, refusal_reason, refused_at_ms, reported_at_ms
            FROM snapshot_reports WHERE device_id = @device AND kind = @kind
            """;
        select.Bind("@device", deviceId);
        select.Bind("@kind", kind);
        using var reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return new SnapshotKindStatus(kind, current, 0, null, null, null, null, null);
        }
        return new SnapshotKindStatus(
            kind,
            current,
            (uint)reader.GetInt64(0),
            reader.GetString(1),
            reader.IsDBNull(2) ? null : (uint)reader.GetInt64(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
    }
}
