namespace Uitpas.Edge.Agent.Reports;

/// <summary>
/// The facts layer's tables (schema version 3; new tables, appended to the store's schema, no migration).
/// report_settings: one row, the fingerprint of the pseudonym key the database was written with.
/// tap_facts: one pseudonymous row per final tap with its context frozen when it was recorded (event, domain,
/// site, card system, social tariff, credit); passholder = HMAC-SHA256 of "uitpas:"+number (source 'number')
/// or, while the card map does not know the chip, of "chip:"+hex (source 'chip', re-keyed with its social-tariff
/// flag once the card map knows the number).
/// cost_sharing_keys: a card system's key ('' = every event) or one event's, in basis points.
/// </summary>
internal static class ReportSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS report_settings (
            id                    INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            pseudonym_fingerprint BLOB    NOT NULL,
            created_at_ms         INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS tap_facts (
            tap_id            INTEGER NOT NULL PRIMARY KEY REFERENCES taps (id),
            at_ms             INTEGER NOT NULL,
            device_id         TEXT    NOT NULL,
            event_id          TEXT,
            domain            TEXT    NOT NULL DEFAULT '',
            region            TEXT    NOT NULL DEFAULT '',
            municipality      TEXT    NOT NULL DEFAULT '',
            venue             TEXT    NOT NULL DEFAULT '',
            organizer         TEXT    NOT NULL DEFAULT '',
            card_system_id    INTEGER NOT NULL DEFAULT 0,
            passholder        BLOB    NOT NULL CHECK (length(passholder) = 32),
            passholder_source TEXT    NOT NULL CHECK (passholder_source IN ('number', 'chip')),
            social_tariff     INTEGER NOT NULL DEFAULT 0 CHECK (social_tariff IN (0, 1)),
            credit            INTEGER NOT NULL,
            recorded_at_ms    INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS tap_facts_at ON tap_facts (at_ms);
        CREATE INDEX IF NOT EXISTS tap_facts_by_chip ON tap_facts (recorded_at_ms) WHERE passholder_source = 'chip';
        CREATE TABLE IF NOT EXISTS cost_sharing_keys (
            card_system_id  INTEGER NOT NULL CHECK (card_system_id > 0),
            event_id        TEXT    NOT NULL DEFAULT '',
            participant_bp  INTEGER NOT NULL,
            organizer_bp    INTEGER NOT NULL,
            municipality_bp INTEGER NOT NULL,
            updated_at_ms   INTEGER NOT NULL,
            PRIMARY KEY (card_system_id, event_id)
        );

        """;

    /// <summary>The same tables on PostgreSQL (BYTEA, BIGINT for ids and Unix ms).</summary>
    public const string CreatePostgres = """
        CREATE TABLE IF NOT EXISTS report_settings (
            id                    INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            pseudonym_fingerprint BYTEA   NOT NULL,
            created_at_ms         BIGINT  NOT NULL
        );
        CREATE TABLE IF NOT EXISTS tap_facts (
            tap_id            BIGINT  NOT NULL PRIMARY KEY REFERENCES taps (id),
            at_ms             BIGINT  NOT NULL,
            device_id         TEXT    NOT NULL,
            event_id          TEXT,
            domain            TEXT    NOT NULL DEFAULT '',
            region            TEXT    NOT NULL DEFAULT '',
            municipality      TEXT    NOT NULL DEFAULT '',
            venue             TEXT    NOT NULL DEFAULT '',
            organizer         TEXT    NOT NULL DEFAULT '',
            card_system_id    INTEGER NOT NULL DEFAULT 0,
            passholder        BYTEA   NOT NULL CHECK (length(passholder) = 32),
            passholder_source TEXT    NOT NULL CHECK (passholder_source IN ('number', 'chip')),
            social_tariff     INTEGER NOT NULL DEFAULT 0 CHECK (social_tariff IN (0, 1)),
            credit            INTEGER NOT NULL,
            recorded_at_ms    BIGINT  NOT NULL
        );
        CREATE INDEX IF NOT EXISTS tap_facts_at ON tap_facts (at_ms);
        CREATE INDEX IF NOT EXISTS tap_facts_by_chip ON tap_facts (recorded_at_ms) WHERE passholder_source = 'chip';
        CREATE TABLE IF NOT EXISTS cost_sharing_keys (
            card_system_id  INTEGER NOT NULL CHECK (card_system_id > 0),
            event_id        TEXT    NOT NULL DEFAULT '',
            participant_bp  INTEGER NOT NULL,
            organizer_bp    INTEGER NOT NULL,
            municipality_bp INTEGER NOT NULL,
            updated_at_ms   BIGINT  NOT NULL,
            PRIMARY KEY (card_system_id, event_id)
        );

        """;
}
