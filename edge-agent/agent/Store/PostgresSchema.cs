using Npgsql;

namespace Uitpas.Edge.Agent.Store;

/// <summary>
/// The PostgreSQL schema: the same tables and columns as <see cref="Schema"/> (SQLite), with
/// BIGINT for 64-bit numbers (ids, Unix ms, epochs and sequences, versions), INTEGER where the
/// code reads 32-bit values, BYTEA for bytes and an identity column for taps.id. The version is
/// kept in agent_schema (one row).
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Any constant: the advisory lock that serialises schema creation by instances starting together.</summary>
    private const long SchemaLock = 0x5549_5450_4153;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS devices (
            id            TEXT   NOT NULL PRIMARY KEY,
            kiosk_token   TEXT   NOT NULL,
            language      TEXT   NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'en')),
            updated_at_ms BIGINT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS taps (
            id                 BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            device_id          TEXT    NOT NULL,
            boot_epoch         BIGINT  NOT NULL,
            sequence           BIGINT  NOT NULL,
            chip_uid           BYTEA   NOT NULL,
            tapped_at_ms       BIGINT  NOT NULL,
            flags              INTEGER NOT NULL,
            received_at_ms     BIGINT  NOT NULL,
            relay_state        INTEGER NOT NULL DEFAULT 0,
            attempts           INTEGER NOT NULL DEFAULT 0,
            next_attempt_at_ms BIGINT  NOT NULL DEFAULT 0,
            queued_notified    INTEGER NOT NULL DEFAULT 0,
            outcome            INTEGER,
            points_added       INTEGER,
            total_points       INTEGER,
            reason             TEXT,
            message            TEXT,
            completed_at_ms    BIGINT,
            UNIQUE (device_id, boot_epoch, sequence)
        );
        CREATE INDEX IF NOT EXISTS taps_unrelayed ON taps (device_id, boot_epoch, sequence) WHERE relay_state <> 2;
        CREATE TABLE IF NOT EXISTS relay_attempts (
            tap_id         BIGINT  NOT NULL REFERENCES taps (id),
            attempt        INTEGER NOT NULL,
            started_at_ms  BIGINT  NOT NULL,
            finished_at_ms BIGINT,
            outcome        TEXT,
            http_status    INTEGER,
            detail         TEXT,
            PRIMARY KEY (tap_id, attempt)
        );
        CREATE TABLE IF NOT EXISTS tap_relay (
            tap_id        BIGINT  NOT NULL PRIMARY KEY REFERENCES taps (id),
            route         INTEGER NOT NULL DEFAULT 0,
            event_id      TEXT,
            credit        INTEGER NOT NULL DEFAULT 0,
            updated_at_ms BIGINT  NOT NULL
        );
        CREATE INDEX IF NOT EXISTS tap_relay_credit ON tap_relay (credit, event_id);
        CREATE TABLE IF NOT EXISTS central_claims (
            checkin_id    TEXT   NOT NULL PRIMARY KEY,
            tap_id        BIGINT NOT NULL UNIQUE REFERENCES taps (id),
            event_id      TEXT   NOT NULL,
            created_at_ms BIGINT NOT NULL,
            source        TEXT   NOT NULL CHECK (source IN ('response', 'history')),
            claimed_at_ms BIGINT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS taps_chip ON taps (chip_uid);
        CREATE TABLE IF NOT EXISTS relay_leases (
            device_id     TEXT   NOT NULL PRIMARY KEY,
            owner         TEXT   NOT NULL,
            expires_at_ms BIGINT NOT NULL
        );
        """
        + "\n" + Devices.DeviceSchema.CreatePostgres + Snapshots.SnapshotSchema.CreatePostgres + Presence.PresenceSchema.CreatePostgres
        + Configuration.ConfigSchema.CreatePostgres + Reports.ReportSchema.CreatePostgres + Sales.SaleSchema.CreatePostgres;

    /// <summary>Checks the version and, unless the database is at this version already, creates what is missing, in one transaction under the schema lock.</summary>
    public static void Ensure(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Sql.Execute(connection, transaction, $"""
            SELECT pg_advisory_xact_lock({SchemaLock});
            CREATE TABLE IF NOT EXISTS agent_schema (
                id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                version INTEGER NOT NULL
            );
            """);
        int found;
        using (var version = Sql.Command(connection, transaction, "SELECT version FROM agent_schema WHERE id = 1"))
        {
            found = version.ExecuteScalar() is int v ? v : 0;
            Schema.CheckVersion(found, $"{connection.Host}:{connection.Port}/{connection.Database}");
        }
        if (found == Schema.Version)
        {
            // Already there: the script is not run again, since CREATE INDEX IF NOT EXISTS still locks its table and
            // can deadlock with another instance's writes while this one starts.
            transaction.Commit();
            return;
        }
        Sql.Execute(connection, transaction, Create + $"""

            INSERT INTO agent_schema (id, version) VALUES (1, {Schema.Version})
            ON CONFLICT (id) DO UPDATE SET version = excluded.version;
            """);
        transaction.Commit();
    }
}
