namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>
/// The snapshot tables (appended to the store's schema; new tables, no migration needed).
/// card_numbers: chip UID ↔ UiTPAS number and status flags only (no names): from the supplier
/// CSV or lookups; uitpas_number is null for a chip central does not know or only reported as
/// blocked; checked_at_ms is the last lookup (0 = never).
/// social_tariff_numbers: the last list of active social-tariff UiTPAS numbers per card system.
/// snapshot_series: per card system (kind 1) or device (kind 2) the current version and the
/// hash of its content, so a rebuild with the same content makes no new version.
/// snapshot_files: every file on disk that may be served (full, delta, events).
/// snapshot_reports: per device and kind, the version it applied and its last refusal.
/// </summary>
internal static class SnapshotSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS card_numbers (
            chip_uid       BLOB    NOT NULL PRIMARY KEY,
            uitpas_number  TEXT,
            blocked        INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
            card_system_id INTEGER NOT NULL DEFAULT 0,
            source         TEXT    NOT NULL CHECK (source IN ('csv', 'lookup', 'checkin')),
            checked_at_ms  INTEGER NOT NULL DEFAULT 0,
            updated_at_ms  INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS card_numbers_number ON card_numbers (uitpas_number);
        CREATE TABLE IF NOT EXISTS social_tariff_numbers (
            card_system_id INTEGER NOT NULL,
            uitpas_number  TEXT    NOT NULL,
            PRIMARY KEY (card_system_id, uitpas_number)
        );
        CREATE TABLE IF NOT EXISTS snapshot_series (
            kind          INTEGER NOT NULL,
            owner         TEXT    NOT NULL,
            version       INTEGER NOT NULL,
            content_hash  BLOB    NOT NULL,
            file          TEXT    NOT NULL,
            updated_at_ms INTEGER NOT NULL,
            PRIMARY KEY (kind, owner)
        );
        CREATE TABLE IF NOT EXISTS snapshot_files (
            file           TEXT    NOT NULL PRIMARY KEY,
            kind           INTEGER NOT NULL,
            owner          TEXT    NOT NULL,
            version        INTEGER NOT NULL,
            base_version   INTEGER NOT NULL,
            length         INTEGER NOT NULL,
            tag            BLOB    NOT NULL,
            created_at_ms  INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS snapshot_files_owner ON snapshot_files (kind, owner, version);
        CREATE TABLE IF NOT EXISTS snapshot_reports (
            device_id        TEXT    NOT NULL,
            kind             INTEGER NOT NULL,
            applied_version  INTEGER NOT NULL,
            status           TEXT    NOT NULL,
            refused_version  INTEGER,
            refusal_reason   TEXT,
            refused_at_ms    INTEGER,
            reported_at_ms   INTEGER NOT NULL,
            PRIMARY KEY (device_id, kind)
        );

        """;

    /// <summary>The same tables on PostgreSQL (BYTEA for bytes, BIGINT for versions, lengths and Unix ms).</summary>
    public const string CreatePostgres = """
        CREATE TABLE IF NOT EXISTS card_numbers (
            chip_uid       BYTEA   NOT NULL PRIMARY KEY,
            uitpas_number  TEXT,
            blocked        INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
            card_system_id INTEGER NOT NULL DEFAULT 0,
            source         TEXT    NOT NULL CHECK (source IN ('csv', 'lookup', 'checkin')),
            checked_at_ms  BIGINT  NOT NULL DEFAULT 0,
            updated_at_ms  BIGINT  NOT NULL
        );
        CREATE INDEX IF NOT EXISTS card_numbers_number ON card_numbers (uitpas_number);
        CREATE TABLE IF NOT EXISTS social_tariff_numbers (
            card_system_id INTEGER NOT NULL,
            uitpas_number  TEXT    NOT NULL,
            PRIMARY KEY (card_system_id, uitpas_number)
        );
        CREATE TABLE IF NOT EXISTS snapshot_series (
            kind          INTEGER NOT NULL,
            owner         TEXT    NOT NULL,
            version       BIGINT  NOT NULL,
            content_hash  BYTEA   NOT NULL,
            file          TEXT    NOT NULL,
            updated_at_ms BIGINT  NOT NULL,
            PRIMARY KEY (kind, owner)
        );
        CREATE TABLE IF NOT EXISTS snapshot_files (
            file           TEXT    NOT NULL PRIMARY KEY,
            kind           INTEGER NOT NULL,
            owner          TEXT    NOT NULL,
            version        BIGINT  NOT NULL,
            base_version   BIGINT  NOT NULL,
            length         BIGINT  NOT NULL,
            tag            BYTEA   NOT NULL,
            created_at_ms  BIGINT  NOT NULL
        );
        CREATE INDEX IF NOT EXISTS snapshot_files_owner ON snapshot_files (kind, owner, version);
        CREATE TABLE IF NOT EXISTS snapshot_reports (
            device_id        TEXT    NOT NULL,
            kind             INTEGER NOT NULL,
            applied_version  BIGINT  NOT NULL,
            status           TEXT    NOT NULL,
            refused_version  BIGINT,
            refusal_reason   TEXT,
            refused_at_ms    BIGINT,
            reported_at_ms   BIGINT  NOT NULL,
            PRIMARY KEY (device_id, kind)
        );

        """;
}
