namespace Uitpas.Edge.Agent.Devices;

/// <summary>
/// The device registry's tables beside <c>devices</c> (appended to the store's schema; new
/// tables, so an existing database gains them without a migration).
/// device_profiles: a device's card system (0 = none).
/// device_events: a device's event assignments, [from_ms, until_ms) in Unix ms UTC, with the
/// event's regular prices (euro, invariant, ';'-separated) and title for its events snapshot.
/// device_sites: where a device is installed (region, municipality, venue, counter, organizer; '' = not set).
/// device_retirements: a row = the device is retired (credentials revoked, history kept).
/// device_secrets: the device's 32-byte config key (HMAC-SHA256 of its config documents); deleted at retirement.
/// device_loans: lending to an association, [from_ms, until_ms), with the return check once returned.
/// event_domains: the policy domain of an event id (one event, one domain, whichever device serves it);
/// kept while a device is assigned to the event (schema version 3).
/// </summary>
internal static class DeviceSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS device_profiles (
            device_id      TEXT    NOT NULL PRIMARY KEY REFERENCES devices (id),
            card_system_id INTEGER NOT NULL DEFAULT 0 CHECK (card_system_id >= 0)
        );
        CREATE TABLE IF NOT EXISTS device_events (
            device_id      TEXT    NOT NULL REFERENCES devices (id),
            event_id       TEXT    NOT NULL,
            from_ms        INTEGER NOT NULL,
            until_ms       INTEGER NOT NULL CHECK (until_ms > from_ms),
            title          TEXT    NOT NULL DEFAULT '',
            regular_prices TEXT    NOT NULL DEFAULT '',
            PRIMARY KEY (device_id, from_ms)
        );
        CREATE TABLE IF NOT EXISTS device_sites (
            device_id     TEXT    NOT NULL PRIMARY KEY REFERENCES devices (id),
            region        TEXT    NOT NULL DEFAULT '',
            municipality  TEXT    NOT NULL DEFAULT '',
            venue         TEXT    NOT NULL DEFAULT '',
            counter       TEXT    NOT NULL DEFAULT '',
            organizer     TEXT    NOT NULL DEFAULT '',
            updated_at_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS device_retirements (
            device_id     TEXT    NOT NULL PRIMARY KEY REFERENCES devices (id),
            retired_at_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS device_secrets (
            device_id  TEXT    NOT NULL PRIMARY KEY REFERENCES devices (id),
            config_key BLOB    NOT NULL CHECK (length(config_key) = 32),
            created_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS device_loans (
            loan_id          TEXT    NOT NULL PRIMARY KEY,
            device_id        TEXT    NOT NULL REFERENCES devices (id),
            association      TEXT    NOT NULL,
            from_ms          INTEGER NOT NULL,
            until_ms         INTEGER NOT NULL CHECK (until_ms > from_ms),
            created_ms       INTEGER NOT NULL,
            returned_at_ms   INTEGER,
            return_condition TEXT CHECK (return_condition IN ('ok', 'damaged', 'incomplete')),
            note             TEXT    NOT NULL DEFAULT ''
        );
        CREATE INDEX IF NOT EXISTS device_loans_device ON device_loans (device_id, from_ms);
        CREATE TABLE IF NOT EXISTS event_domains (
            event_id      TEXT    NOT NULL PRIMARY KEY,
            domain        TEXT    NOT NULL CHECK (domain IN ('cultuur', 'jeugd', 'sport', 'welzijn', 'overig')),
            updated_at_ms INTEGER NOT NULL
        );

        """;

    /// <summary>The same tables on PostgreSQL (Unix ms as BIGINT).</summary>
    public const string CreatePostgres = """
        CREATE TABLE IF NOT EXISTS device_profiles (
            device_id      TEXT    NOT NULL PRIMARY KEY REFERENCES devices (id),
            card_system_id INTEGER NOT NULL DEFAULT 0 CHECK (card_system_id >= 0)
        );
        CREATE TABLE IF NOT EXISTS device_events (
            device_id      TEXT    NOT NULL REFERENCES devices (id),
            event_id       TEXT    NOT NULL,
            from_ms        BIGINT  NOT NULL,
            until_ms       BIGINT  NOT NULL CHECK (until_ms > from_ms),
            title          TEXT    NOT NULL DEFAULT '',
            regular_prices TEXT    NOT NULL DEFAULT '',
            PRIMARY KEY (device_id, from_ms)
        );
        CREATE TABLE IF NOT EXISTS device_sites (
            device_id     TEXT    NOT NULL PRIMARY KEY REFERENCES devices (id),
            region        TEXT    NOT NULL DEFAULT '',
            municipality  TEXT    NOT NULL DEFAULT '',
            venue         TEXT    NOT NULL DEFAULT '',
            counter       TEXT    NOT NULL DEFAULT '',
            organizer     TEXT    NOT NULL DEFAULT '',
            updated_at_ms BIGINT  NOT NULL
        );
        CREATE TABLE IF NOT EXISTS device_retirements (
            device_id     TEXT    NOT NULL PRIMARY KEY REFERENCES devices (id),
            retired_at_ms BIGINT  NOT NULL
        );
        CREATE TABLE IF NOT EXISTS device_secrets (
            device_id  TEXT    NOT NULL PRIMARY KEY REFERENCES devices (id),
            config_key BYTEA   NOT NULL CHECK (length(config_key) = 32),
            created_ms BIGINT  NOT NULL
        );
        CREATE TABLE IF NOT EXISTS device_loans (
            loan_id          TEXT    NOT NULL PRIMARY KEY,
            device_id        TEXT    NOT NULL REFERENCES devices (id),
            association      TEXT    NOT NULL,
            from_ms          BIGINT  NOT NULL,
            until_ms         BIGINT  NOT NULL CHECK (until_ms > from_ms),
            created_ms       BIGINT  NOT NULL,
            returned_at_ms   BIGINT,
            return_condition TEXT CHECK (return_condition IN ('ok', 'damaged', 'incomplete')),
            note             TEXT    NOT NULL DEFAULT ''
        );
        CREATE INDEX IF NOT EXISTS device_loans_device ON device_loans (device_id, from_ms);
        CREATE TABLE IF NOT EXISTS event_domains (
            event_id      TEXT    NOT NULL PRIMARY KEY,
            domain        TEXT    NOT NULL CHECK (domain IN ('cultuur', 'jeugd', 'sport', 'welzijn', 'overig')),
            updated_at_ms BIGINT  NOT NULL
        );

        """;
}
