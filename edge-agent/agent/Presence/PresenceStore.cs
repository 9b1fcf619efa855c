using System.Data.Common;
using Uitpas.Edge.Agent.Store;

namespace Uitpas.Edge.Agent.Presence;

/// <summary>The table terminal_presence: one row per device, its last status (both providers: @name parameters, ON CONFLICT).</summary>
public sealed class PresenceStore
{
    private const string Columns = """
        device_id, state, boot_epoch, uptime_ms, sent_at_ms, last_tap_ms, taps_since_boot, reader, reader_faults, reader_resets,
        journal_depth, allowlist_version, events_version, firmware, config_version, online_since_ms, last_seen_ms, offline_at_ms
        """;

    private readonly StoreWriter _writer;
    private readonly AgentDatabase _database;

    /// <summary>Creates the store.</summary>
    public PresenceStore(StoreWriter writer, AgentDatabase database)
    {
        _writer = writer;
        _database = database;
    }

    /// <summary>Replaces the device's row; completes after the commit.</summary>
    public Task SaveAsync(TerminalPresence presence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(presence);
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            using var command = Sql.Command(connection, transaction, $"""
                INSERT INTO terminal_presence ({Columns})
                VALUES (@device, @state, @epoch, @uptime, @sent, @tap, @taps, @reader, @faults, @resets,
                        @journal, @allowlist, @events, @firmware, @config, @since, @seen, @offline)
                ON CONFLICT (device_id) DO UPDATE SET state = excluded.state, boot_epoch = excluded.boot_epoch,
                    uptime_ms = excluded.uptime_ms, sent_at_ms = excluded.sent_at_ms, last_tap_ms = excluded.last_tap_ms,
                    taps_since_boot = excluded.taps_since_boot, reader = excluded.reader, reader_faults = excluded.reader_faults,
                    reader_resets = excluded.reader_resets, journal_depth = excluded.journal_depth,
                    allowlist_version = excluded.allowlist_version, events_version = excluded.events_version,
                    firmware = excluded.firmware, config_version = excluded.config_version, online_since_ms = excluded.online_since_ms,
                    last_seen_ms = excluded.last_seen_ms, offline_at_ms = excluded.offline_at_ms
                """);
            command.Bind("@device", presence.DeviceId).Bind("@state", presence.State).Bind("@epoch", (long)presence.BootEpoch)
                .Bind("@uptime", presence.UptimeMs).Bind("@sent", Ms(presence.SentAt) ?? 0).Bind("@tap", Ms(presence.LastTap) ?? 0)
                .Bind("@taps", (long)presence.TapsSinceBoot).Bind("@reader", presence.ReaderHealth)
                .Bind("@faults", (long)presence.ReaderFaults).Bind("@resets", (long)presence.ReaderResets)
                .Bind("@journal", (long)presence.JournalDepth).Bind("@allowlist", (long)presence.AllowlistVersion)
                .Bind("@events", (long)presence.EventsVersion).Bind("@firmware", presence.Firmware)
                .Bind("@config", (long)presence.ConfigVersion).Bind("@since", Ms(presence.OnlineSince))
                .Bind("@seen", presence.LastSeen.ToUnixTimeMilliseconds()).Bind("@offline", Ms(presence.OfflineAt));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <summary>Every stored row.</summary>
    public IReadOnlyList<TerminalPresence> LoadAll()
    {
        using var connection = _database.Open();
        using var command = Sql.Command(connection, null, $"SELECT {Columns} FROM terminal_presence ORDER BY device_id");
        using DbDataReader reader = command.ExecuteReader();
        var rows = new List<TerminalPresence>();
        while (reader.Read())
        {
            rows.Add(new TerminalPresence(
                reader.GetString(0),
                reader.GetString(1),
                (uint)reader.GetInt64(2),
                reader.GetInt64(3),
                At(reader.GetInt64(4)),
                At(reader.GetInt64(5)),
                (uint)reader.GetInt64(6),
                reader.GetString(7),
                (uint)reader.GetInt64(8),
                (uint)reader.GetInt64(9),
                (uint)reader.GetInt64(10),
                (uint)reader.GetInt64(11),
                (uint)reader.GetInt64(12),
                reader.GetString(13),
                (uint)reader.GetInt64(14),
                reader.IsDBNull(15) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(15)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(16)),
                reader.IsDBNull(17) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(17))));
        }
        return rows;
    }

    private static long? Ms(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    private static DateTimeOffset? At(long ms) => ms > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
