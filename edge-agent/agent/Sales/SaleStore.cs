using System.Data.Common;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Central;

namespace Uitpas.Edge.Agent.Sales;

/// <summary>What a new sale row holds when it is registered (its context frozen now).</summary>
public sealed record NewSaleRow(string SaleKey, string DeviceId, string EventId, string EventTitle, string UitpasNumber, long RegularCents,
    string RegularLabel, DeviceSite Site, PolicyDomain Domain, long CardSystemId, byte[] Passholder);

/// <summary>
/// ticket_sales through the <see cref="StoreWriter"/>. Every state change is one conditional UPDATE in one
/// transaction, so two requests (or two instances) never both send a sale: only the one that moved it to
/// <see cref="SaleState.InFlight"/> calls central. A central sale id is claimed by one sale at most (UNIQUE).
/// </summary>
public sealed class SaleStore
{
    private const string Columns = """
        id, sale_key, device_id, event_id, event_title, uitpas_number, regular_cents, regular_label, state, tariff_id, tariff_name, tariff_type,
        paid_cents, reason, message, central_sale_id, follow_up, attempts, created_ms, inflight_since_ms, sold_at_ms, organizer, municipality,
        domain, card_system_id, key_participant_bp, key_organizer_bp, key_municipality_bp
        """;

    private readonly StoreWriter _writer;
    private readonly AgentDatabase _database;
    private readonly TimeProvider _time;

    public SaleStore(StoreWriter writer, AgentDatabase database, TimeProvider time)
    {
        _writer = writer;
        _database = database;
        _time = time;
    }

    /// <summary>The sale with this key, or null.</summary>
    public StoredSale? Find(string saleKey)
    {
        using var connection = _database.Open();
        return Find(connection, null, saleKey);
    }

    /// <summary>Stores a new pending sale unless its key exists; returns the row in force and whether it is new.</summary>
    public Task<(StoredSale Sale, bool Inserted)> InsertAsync(NewSaleRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            var inserted = Sql.Command(connection, transaction, """
                INSERT INTO ticket_sales (sale_key, device_id, event_id, event_title, uitpas_number, regular_cents, regular_label, state,
                    created_ms, updated_at_ms, region, municipality, venue, organizer, domain, card_system_id, passholder)
                VALUES (@key, @device, @event, @title, @number, @regular, @label, 0, @now, @now, @region, @municipality, @venue, @organizer,
                    @domain, @cs, @passholder)
                ON CONFLICT (sale_key) DO NOTHING
                """).Bind("@key", row.SaleKey).Bind("@device", row.DeviceId).Bind("@event", row.EventId).Bind("@title", row.EventTitle)
                .Bind("@number", row.UitpasNumber).Bind("@regular", row.RegularCents).Bind("@label", row.RegularLabel).Bind("@now", now)
                .Bind("@region", row.Site.Region).Bind("@municipality", row.Site.Municipality).Bind("@venue", row.Site.Venue)
                .Bind("@organizer", row.Site.Organizer).Bind("@domain", PolicyDomains.Name(row.Domain)).Bind("@cs", (int)row.CardSystemId)
                .Bind("@passholder", row.Passholder).RunOnce();
            return (Find(connection, transaction, row.SaleKey)!, inserted == 1);
        }, cancellationToken);
    }

    /// <summary>
    /// Moves the sale from <paramref name="from"/> to in flight, durably, before a call to central; with a tariff,
    /// it is the tariff about to be registered (and the call counts as an attempt). False when the sale was not in
    /// <paramref name="from"/> any more (another request or instance took it).
    /// </summary>
    public Task<bool> TryStartCallAsync(long id, SaleState from, TariffOffer? tariff, CancellationToken cancellationToken)
    {
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            var command = tariff is null
                ? Sql.Command(connection, transaction, "UPDATE ticket_sales SET state = 1, call_started_ms = @now, updated_at_ms = @now WHERE id = @id AND state = @from")
                : Sql.Command(connection, transaction, """
                    UPDATE ticket_sales SET state = 1, call_started_ms = @now, updated_at_ms = @now, attempts = attempts + 1,
                        inflight_since_ms = COALESCE(inflight_since_ms, @now), tariff_id = @tariff, tariff_name = @name,
                        tariff_type = @type, paid_cents = @paid
                    WHERE id = @id AND state = @from
                    """).Bind("@tariff", tariff.Id).Bind("@name", tariff.Name).Bind("@type", "SOCIALTARIFF").Bind("@paid", Cents(tariff.Price));
            return command.Bind("@now", now).Bind("@id", id).Bind("@from", (int)from).RunOnce() == 1;
        }, cancellationToken);
    }

    /// <summary>
    /// Central confirmed <paramref name="record"/> for the in-flight sale: done, its id claimed, the key in force frozen.
    /// False when the id is already another sale's or the sale is no longer in flight (nothing changed).
    /// </summary>
    public Task<bool> CompleteAsync(long id, TicketSaleRecord record, CostSharingKey fallback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) =>
        {
            if (Sql.Command(connection, transaction, "SELECT 1 FROM ticket_sales WHERE central_sale_id = @central").Bind("@central", record.Id).ScalarOnce() is not null)
            {
                return false;
            }
            var sale = Sql.Command(connection, transaction, "SELECT card_system_id, event_id, paid_cents FROM ticket_sales WHERE id = @id AND state = 1")
                .Bind("@id", id);
            long cardSystem;
            string eventId;
            long? paidBefore;
            using (sale)
            {
                using var reader = sale.ExecuteReader();
                if (!reader.Read())
                {
                    return false;
                }
                (cardSystem, eventId, paidBefore) = (Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetInt64(2));
            }
            var key = ReportStore.KeyFor(connection, transaction, cardSystem, eventId, fallback);
            var paid = record.TariffPrice is { } price ? Cents(price) : paidBefore ?? 0;
            return Sql.Command(connection, transaction, """
                UPDATE ticket_sales SET state = 2, central_sale_id = @central, sold_at_ms = @sold, paid_cents = @paid, tariff_id = @tariff,
                    tariff_name = COALESCE(@name, tariff_name), tariff_type = COALESCE(@type, tariff_type),
                    event_title = CASE WHEN event_title = '' THEN COALESCE(@title, '') ELSE event_title END,
                    key_participant_bp = @p, key_organizer_bp = @o, key_municipality_bp = @m, reason = NULL, message = NULL, updated_at_ms = @now
                WHERE id = @id AND state = 1
                """).Bind("@central", record.Id).Bind("@sold", (record.CreationDate ?? DateTimeOffset.FromUnixTimeMilliseconds(now)).ToUnixTimeMilliseconds())
                .Bind("@paid", paid).Bind("@tariff", record.TariffId).Bind("@name", record.TariffName).Bind("@type", record.TariffType)
                .Bind("@title", record.EventTitle).Bind("@p", key.ParticipantBp).Bind("@o", key.OrganizerBp).Bind("@m", key.MunicipalityBp)
                .Bind("@now", now).Bind("@id", id).RunOnce() == 1;
        }, cancellationToken);
    }

    /// <summary>Final refusal of a pending or in-flight sale.</summary>
    public Task RefuseAsync(long id, string reason, string message, CancellationToken cancellationToken)
    {
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) => Sql.Command(connection, transaction, """
            UPDATE ticket_sales SET state = 4, reason = @reason, message = @message, updated_at_ms = @now WHERE id = @id AND state IN (0, 1)
            """).Bind("@reason", reason).Bind("@message", message).Bind("@now", now).Bind("@id", id).RunOnce(), cancellationToken);
    }

    /// <summary>The call ended without an answer: back to pending (surely not counted) or unknown; <paramref name="followUp"/> marks the promise "confirmation follows".</summary>
    public Task ReleaseAsync(long id, SaleState to, bool followUp, CancellationToken cancellationToken)
    {
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) => Sql.Command(connection, transaction, """
            UPDATE ticket_sales SET state = @to, follow_up = CASE WHEN @follow = 1 THEN 1 ELSE follow_up END, updated_at_ms = @now
            WHERE id = @id AND state = 1
            """).Bind("@to", (int)to).Bind("@follow", followUp ? 1 : 0).Bind("@now", now).Bind("@id", id).RunOnce(), cancellationToken);
    }

    /// <summary>Sales in flight since before <paramref name="before"/> (the instance stopped mid-call): unknown, to be reconciled.</summary>
    public Task<int> ReleaseStaleAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var now = NowMs();
        return _writer.ExecuteAsync((connection, transaction) => Sql.Command(connection, transaction, """
            UPDATE ticket_sales SET state = 3, follow_up = 1, updated_at_ms = @now WHERE state = 1 AND call_started_ms < @before
            """).Bind("@now", now).Bind("@before", before.ToUnixTimeMilliseconds()).RunOnce(), cancellationToken);
    }

    /// <summary>Sales the reconciler finishes: unknown ones, and pending ones whose caller was told the confirmation follows.</summary>
    public IReadOnlyList<StoredSale> FollowUps(int limit)
    {
        using var connection = _database.Open();
        using var select = Sql.Command(connection, null, $"""
            SELECT {Columns} FROM ticket_sales WHERE state = 3 OR (state = 0 AND follow_up = 1) ORDER BY id LIMIT @limit
            """).Bind("@limit", limit);
        using var reader = select.ExecuteReader();
        var sales = new List<StoredSale>();
        while (reader.Read())
        {
            sales.Add(Read(reader));
        }
        return sales;
    }

    /// <summary>True when a sale of this agent has claimed central's sale <paramref name="centralSaleId"/>.</summary>
    public bool IsClaimed(string centralSaleId)
    {
        using var connection = _database.Open();
        return Sql.Command(connection, null, "SELECT 1 FROM ticket_sales WHERE central_sale_id = @central").Bind("@central", centralSaleId).ScalarOnce() is not null;
    }

    /// <summary>Euro to cents, half away from zero.</summary>
    public static long Cents(decimal euro) => (long)Math.Round(euro * 100m, 0, MidpointRounding.AwayFromZero);

    private static StoredSale? Find(DbConnection connection, DbTransaction? transaction, string saleKey)
    {
        using var select = Sql.Command(connection, transaction, $"SELECT {Columns} FROM ticket_sales WHERE sale_key = @key").Bind("@key", saleKey);
        using var reader = select.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static StoredSale Read(DbDataReader r)
    {
        static long? Long(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
        static DateTimeOffset? At(DbDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));
        return new StoredSale(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt64(6), r.GetString(7),
            (SaleState)r.GetInt32(8))
        {
            TariffId = Text(r, 9),
            TariffName = Text(r, 10),
            TariffType = Text(r, 11),
            PaidCents = Long(r, 12),
            Reason = Text(r, 13),
            Message = Text(r, 14),
            CentralSaleId = Text(r, 15),
            FollowUp = r.GetInt32(16) == 1,
            Attempts = r.GetInt32(17),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(18)),
            InFlightSince = At(r, 19),
            SoldAt = At(r, 20),
            Organizer = r.GetString(21),
            Municipality = r.GetString(22),
            Domain = PolicyDomains.FromStored(r.GetString(23)),
            CardSystemId = Convert.ToInt64(r.GetValue(24), System.Globalization.CultureInfo.InvariantCulture),
            Key = r.IsDBNull(25) ? null : new CostSharingKey(r.GetInt32(25), r.GetInt32(26), r.GetInt32(27)),
        };
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
