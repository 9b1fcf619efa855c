namespace Uitpas.Edge.Agent.Devices;

/// <summary>
/// The device registry's tables beside <c>devices</c> (appended to the store's schema; new
/// tables, so an existing database gains them without a migration).
/// device_profiles: a device's card system (0 = none).
/// device_events: a device's event assignments, [from_ms, until_ms) in Unix ms UTC, with the
/// event's regular prices (euro, invariant, ';'-separated) and title for its events snapshot.
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

        """;
}
