namespace Uitpas.Edge.Agent.Presence;

/// <summary>
/// The presence table (appended to the store's schema; a new table, no migration needed).
/// terminal_presence: per device the last status it published (birth, change, last will or
/// goodbye), as the terminal said it, plus what the agent saw: when it came online
/// (online_since_ms), when it last heard from it (last_seen_ms) and when it went offline.
/// </summary>
internal static class PresenceSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS terminal_presence (
            device_id         TEXT    NOT NULL PRIMARY KEY,
            state             TEXT    NOT NULL,
            boot_epoch        INTEGER NOT NULL,
            uptime_ms         INTEGER NOT NULL,
            sent_at_ms        INTEGER NOT NULL,
            last_tap_ms       INTEGER NOT NULL,
            taps_since_boot   INTEGER NOT NULL,
            reader            TEXT    NOT NULL,
            reader_faults     INTEGER NOT NULL,
            reader_resets     INTEGER NOT NULL,
            journal_depth     INTEGER NOT NULL,
            allowlist_version INTEGER NOT NULL,
            events_version    INTEGER NOT NULL,
            firmware          TEXT    NOT NULL,
            config_version    INTEGER NOT NULL,
            online_since_ms   INTEGER,
            last_seen_ms      INTEGER NOT NULL,
            offline_at_ms     INTEGER
        );

        """;

    public const string CreatePostgres = """
        CREATE TABLE IF NOT EXISTS terminal_presence (
            device_id         TEXT   NOT NULL PRIMARY KEY,
            state             TEXT   NOT NULL,
            boot_epoch        BIGINT NOT NULL,
            uptime_ms         BIGINT NOT NULL,
            sent_at_ms        BIGINT NOT NULL,
            last_tap_ms       BIGINT NOT NULL,
            taps_since_boot   BIGINT NOT NULL,
            reader            TEXT   NOT NULL,
            reader_faults     BIGINT NOT NULL,
            reader_resets     BIGINT NOT NULL,
            journal_depth     BIGINT NOT NULL,
            allowlist_version BIGINT NOT NULL,
            events_version    BIGINT NOT NULL,
            firmware          TEXT   NOT NULL,
            config_version    BIGINT NOT NULL,
            online_since_ms   BIGINT,
            last_seen_ms      BIGINT NOT NULL,
            offline_at_ms     BIGINT
        );

        """;
}
