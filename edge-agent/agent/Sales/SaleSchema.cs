namespace Uitpas.Edge.Agent.Sales;

/// <summary>
/// ticket_sales (schema version 3, a new table): social-tariff sales registered at a terminal's counter and
/// relayed to central's POST /ticket-sales. sale_key is the caller's idempotency key; state: 0 pending (not sent,
/// or surely not counted), 1 in flight (a call may be under way since call_started_ms), 2 done (central_sale_id
/// claimed once), 3 unknown (an answer was lost: reconcile before sending again), 4 refused (final).
/// inflight_since_ms is the start of the first call (the window in which central's sale is looked for);
/// follow_up = the caller was told "confirmation follows", so the reconciler finishes the sale itself.
/// The context (site, domain, card system, pseudonym) is frozen at registration, the cost-sharing key when
/// central confirms; uitpas_number is blanked by the retention job.
/// </summary>
internal static class SaleSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS ticket_sales (
            id                  INTEGER NOT NULL PRIMARY KEY,
            sale_key            TEXT    NOT NULL UNIQUE,
            device_id           TEXT    NOT NULL,
            event_id            TEXT    NOT NULL,
            event_title         TEXT    NOT NULL DEFAULT '',
            uitpas_number       TEXT    NOT NULL,
            regular_cents       INTEGER NOT NULL CHECK (regular_cents >= 0),
            regular_label       TEXT    NOT NULL DEFAULT '',
            tariff_id           TEXT,
            tariff_name         TEXT,
            tariff_type         TEXT,
            paid_cents          INTEGER,
            state               INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 4),
            reason              TEXT,
            message             TEXT,
            central_sale_id     TEXT    UNIQUE,
            follow_up           INTEGER NOT NULL DEFAULT 0 CHECK (follow_up IN (0, 1)),
            attempts            INTEGER NOT NULL DEFAULT 0,
            created_ms          INTEGER NOT NULL,
            inflight_since_ms   INTEGER,
            call_started_ms     INTEGER,
            sold_at_ms          INTEGER,
            updated_at_ms       INTEGER NOT NULL,
            region              TEXT    NOT NULL DEFAULT '',
            municipality        TEXT    NOT NULL DEFAULT '',
            venue               TEXT    NOT NULL DEFAULT '',
            organizer           TEXT    NOT NULL,
            domain              TEXT    NOT NULL DEFAULT '',
            card_system_id      INTEGER NOT NULL DEFAULT 0,
            passholder          BLOB    NOT NULL CHECK (length(passholder) = 32),
            key_participant_bp  INTEGER,
            key_organizer_bp    INTEGER,
            key_municipality_bp INTEGER
        );
        CREATE INDEX IF NOT EXISTS ticket_sales_sold ON ticket_sales (sold_at_ms) WHERE state = 2;
        CREATE INDEX IF NOT EXISTS ticket_sales_open ON ticket_sales (state, id) WHERE state IN (0, 1, 3);
        CREATE INDEX IF NOT EXISTS ticket_sales_event ON ticket_sales (event_id);

        """;

    /// <summary>The same table on PostgreSQL.</summary>
    public const string CreatePostgres = """
        CREATE TABLE IF NOT EXISTS ticket_sales (
            id                  BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            sale_key            TEXT    NOT NULL UNIQUE,
            device_id           TEXT    NOT NULL,
            event_id            TEXT    NOT NULL,
            event_title         TEXT    NOT NULL DEFAULT '',
            uitpas_number       TEXT    NOT NULL,
            regular_cents       BIGINT  NOT NULL CHECK (regular_cents >= 0),
            regular_label       TEXT    NOT NULL DEFAULT '',
            tariff_id           TEXT,
            tariff_name         TEXT,
            tariff_type         TEXT,
            paid_cents          BIGINT ,
            state               INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 4),
            reason              TEXT,
            message             TEXT,
            central_sale_id     TEXT    UNIQUE,
            follow_up           INTEGER NOT NULL DEFAULT 0 CHECK (follow_up IN (0, 1)),
            attempts            INTEGER NOT NULL DEFAULT 0,
            created_ms          BIGINT  NOT NULL,
            inflight_since_ms   BIGINT ,
            call_started_ms     BIGINT ,
            sold_at_ms          BIGINT ,
            updated_at_ms       BIGINT  NOT NULL,
            region              TEXT    NOT NULL DEFAULT '',
            municipality        TEXT    NOT NULL DEFAULT '',
            venue               TEXT    NOT NULL DEFAULT '',
            organizer           TEXT    NOT NULL,
            domain              TEXT    NOT NULL DEFAULT '',
            card_system_id      INTEGER NOT NULL DEFAULT 0,
            passholder          BYTEA   NOT NULL CHECK (length(passholder) = 32),
            key_participant_bp  INTEGER,
            key_organizer_bp    INTEGER,
            key_municipality_bp INTEGER
        );
        CREATE INDEX IF NOT EXISTS ticket_sales_sold ON ticket_sales (sold_at_ms) WHERE state = 2;
        CREATE INDEX IF NOT EXISTS ticket_sales_open ON ticket_sales (state, id) WHERE state IN (0, 1, 3);
        CREATE INDEX IF NOT EXISTS ticket_sales_event ON ticket_sales (event_id);

        """;
}
