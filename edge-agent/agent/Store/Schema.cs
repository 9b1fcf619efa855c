namespace Uitpas.Edge.Agent.Store;

/// <summary>The SQLite schema of the agent, created when missing (PostgreSQL: <see cref="PostgresSchema"/>, the same tables).</summary>
internal static class Schema
{
    /// <summary>
    /// 1: the first schema. 2: relay_leases (a new table: a version-1 database gains it, no
    /// migration). 3: the reports' facts layer: event_domains, tap_facts, report_settings,
    /// cost_sharing_keys, ticket_sales (new tables only: an older database gains them, no migration;
    /// facts of its final taps are backfilled with today's context). A database with a higher
    /// version was made by a newer agent and is refused.
    /// </summary>
    public const int Version = 3;

    /// <summary>Refuses a database whose schema is newer than this agent's.</summary>
    public static void CheckVersion(int found, string database)
    {
        if (found > Version)
        {
            throw new InvalidOperationException(
                $"The database {database} has schema version {found}, newer than this agent's ({Version}): run a newer agent, nothing was changed.");
        }
    }

    /// <summary>
    /// devices: the registry (seeded from configuration, later managed by the CLI).
    /// taps: every acknowledged tap, unique per (device, boot epoch, sequence), with its relay
    /// state (0 pending, 1 in flight, 2 done, 3 outcome unknown: reconcile before calling again)
    /// and, once done, the result the terminal got.
    /// relay_attempts: one row per call to central for a tap.
    /// tap_relay: how a tap is relayed (route, the event in force at the tap) and, once final,
    /// what it earned (credit: see Reconcile.TapCredit).
    /// central_claims: central check-in ids attributed to a tap, each to one tap at most (the
    /// exactly-once ledger: central has no idempotency key).
    /// relay_leases: which agent instance relays a device's taps, until when (Unix ms); see
    /// RelayStore.Leases.cs.
    /// </summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS devices (
            id            TEXT    NOT NULL PRIMARY KEY,
            kiosk_token   TEXT    NOT NULL,
            language      TEXT    NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'fr', 'en')),
            updated_at_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS taps (
            id                 INTEGER NOT NULL PRIMARY KEY,
            device_id          TEXT    NOT NULL,
            boot_epoch         INTEGER NOT NULL,
            sequence           INTEGER NOT NULL,
            chip_uid           BLOB    NOT NULL,
            tapped_at_ms       INTEGER NOT NULL,
            flags              INTEGER NOT NULL,
            received_at_ms     INTEGER NOT NULL,
            relay_state        INTEGER NOT NULL DEFAULT 0,
            attempts           INTEGER NOT NULL DEFAULT 0,
            next_attempt_at_ms INTEGER NOT NULL DEFAULT 0,
            queued_notified    INTEGER NOT NULL DEFAULT 0,
            outcome            INTEGER,
            points_added       INTEGER,
            total_points       INTEGER,
            reason             TEXT,
            message            TEXT,
            completed_at_ms    INTEGER,
            UNIQUE (device_id, boot_epoch, sequence)
        );
        CREATE INDEX IF NOT EXISTS taps_unrelayed ON taps (device_id, boot_epoch, sequence) WHERE relay_state <> 2;
        CREATE TABLE IF NOT EXISTS relay_attempts (
            tap_id         INTEGER NOT NULL REFERENCES taps (id),
            attempt        INTEGER NOT NULL,
            started_at_ms  INTEGER NOT NULL,
            finished_at_ms INTEGER,
            outcome        TEXT,
            http_status    INTEGER,
            detail         TEXT,
            PRIMARY KEY (tap_id, attempt)
        );
        CREATE TABLE IF NOT EXISTS tap_relay (
            tap_id        INTEGER NOT NULL PRIMARY KEY REFERENCES taps (id),
            route         INTEGER NOT NULL DEFAULT 0,
            event_id      TEXT,
            credit        INTEGER NOT NULL DEFAULT 0,
            updated_at_ms INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS tap_relay_credit ON tap_relay (credit, event_id);
        CREATE TABLE IF NOT EXISTS central_claims (
            checkin_id    TEXT    NOT NULL PRIMARY KEY,
            tap_id        INTEGER NOT NULL UNIQUE REFERENCES taps (id),
            event_id      TEXT    NOT NULL,
            created_at_ms INTEGER NOT NULL,
            source        TEXT    NOT NULL CHECK (source IN ('response', 'history')),
            claimed_at_ms INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS taps_chip ON taps (chip_uid);
        CREATE TABLE IF NOT EXISTS relay_leases (
            device_id     TEXT    NOT NULL PRIMARY KEY,
            owner         TEXT    NOT NULL,
            expires_at_ms INTEGER NOT NULL
        );
        """
        + "\n" + Devices.DeviceSchema.Create + Snapshots.SnapshotSchema.Create + Presence.PresenceSchema.Create
        + Configuration.ConfigSchema.Create + Reports.ReportSchema.Create + Sales.SaleSchema.Create;
}
