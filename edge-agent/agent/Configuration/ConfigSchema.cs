namespace Uitpas.Edge.Agent.Configuration;

/// <summary>
/// The config push tables (appended to the store's schema; new tables, no migration needed).
/// config_layers: one row per setting set on a scope (region, municipality, venue or device) and
/// scope id; a device's effective settings are its region's layer overridden by its
/// municipality's, its venue's and its own.
/// config_twins: per device the desired document (version, the exact signed bytes, when they were
/// made, the settings they carry as <c>key=value</c> lines) and the terminal's last report on
/// config-state; refusal_* keep the last refusal even after a later report.
/// </summary>
internal static class ConfigSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS config_layers (
            scope         TEXT    NOT NULL CHECK (scope IN ('region', 'municipality', 'venue', 'device')),
            scope_id      TEXT    NOT NULL,
            setting       TEXT    NOT NULL,
            value         TEXT    NOT NULL,
            updated_at_ms INTEGER NOT NULL,
            PRIMARY KEY (scope, scope_id, setting)
        );
        CREATE TABLE IF NOT EXISTS config_twins (
            device_id         TEXT    NOT NULL PRIMARY KEY,
            desired_version   INTEGER NOT NULL DEFAULT 0,
            desired_settings  TEXT    NOT NULL DEFAULT '',
            document          BLOB,
            issued_at_ms      INTEGER NOT NULL DEFAULT 0,
            report_version    INTEGER NOT NULL DEFAULT 0,
            report_result     TEXT    NOT NULL DEFAULT '',
            report_applied    INTEGER NOT NULL DEFAULT 0,
            report_at_ms      INTEGER NOT NULL DEFAULT 0,
            refusal_version   INTEGER NOT NULL DEFAULT 0,
            refusal_reason    TEXT    NOT NULL DEFAULT '',
            refusal_detail    TEXT    NOT NULL DEFAULT '',
            refusal_at_ms     INTEGER NOT NULL DEFAULT 0,
            received_at_ms    INTEGER NOT NULL DEFAULT 0
        );

        """;

    /// <summary>The same tables on PostgreSQL (versions and Unix ms as BIGINT, bytes as BYTEA).</summary>
    public const string CreatePostgres = """
        CREATE TABLE IF NOT EXISTS config_layers (
            scope         TEXT   NOT NULL CHECK (scope IN ('region', 'municipality', 'venue', 'device')),
            scope_id      TEXT   NOT NULL,
            setting       TEXT   NOT NULL,
            value         TEXT   NOT NULL,
            updated_at_ms BIGINT NOT NULL,
            PRIMARY KEY (scope, scope_id, setting)
        );
        CREATE TABLE IF NOT EXISTS config_twins (
            device_id         TEXT   NOT NULL PRIMARY KEY,
            desired_version   BIGINT NOT NULL DEFAULT 0,
            desired_settings  TEXT   NOT NULL DEFAULT '',
            document          BYTEA,
            issued_at_ms      BIGINT NOT NULL DEFAULT 0,
            report_version    BIGINT NOT NULL DEFAULT 0,
            report_result     TEXT   NOT NULL DEFAULT '',
            report_applied    BIGINT NOT NULL DEFAULT 0,
            report_at_ms      BIGINT NOT NULL DEFAULT 0,
            refusal_version   BIGINT NOT NULL DEFAULT 0,
            refusal_reason    TEXT   NOT NULL DEFAULT '',
            refusal_detail    TEXT   NOT NULL DEFAULT '',
            refusal_at_ms     BIGINT NOT NULL DEFAULT 0,
            received_at_ms    BIGINT NOT NULL DEFAULT 0
        );

        """;
}
