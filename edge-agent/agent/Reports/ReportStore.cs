using System.Data.Common;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Store;

namespace Uitpas.Edge.Agent.Reports;

/// <summary>
/// The reports' view of the store (SQLite or PostgreSQL): the facts of a period (tap_facts, confirmed
/// ticket_sales), the card systems the agent knows, and the cost-sharing keys (ReportStore.CostSharing.cs).
/// Reads use short-lived connections of their own; writes go through the <see cref="StoreWriter"/>.
/// </summary>
public sealed partial class ReportStore : IReportSource
{
    private readonly StoreWriter _writer;
    private readonly AgentDatabase _database;
    private readonly ReportOptions _options;
    private readonly TimeProvider _time;

    public ReportStore(StoreWriter writer, AgentDatabase database, IOptions<ReportOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _writer = writer;
        _database = database;
        _options = options.Value;
        _time = time;
    }

    /// <summary>The key for card systems and events without their own (Agent:Reports:DefaultCostSharing).</summary>
    public CostSharingKey DefaultKey => _options.DefaultKey;

    /// <inheritdoc />
    public async Task<IReadOnlyList<TapFact>> TapsAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var connection = _database.Open();
        await using (connection.ConfigureAwait(false))
        {
            using var select = Sql.Command(connection, null, """
                SELECT tap_id, at_ms, device_id, event_id, domain, region, municipality, venue, organizer, card_system_id, passholder, social_tariff, credit
                FROM tap_facts WHERE at_ms >= @from AND at_ms < @until ORDER BY at_ms, tap_id
                """).Bind("@from", from.ToUnixTimeMilliseconds()).Bind("@until", until.ToUnixTimeMilliseconds());
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var facts = new List<TapFact>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                facts.Add(new TapFact(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), PolicyDomains.FromStored(reader.GetString(4)), NullIfEmpty(reader, 5),
                    NullIfEmpty(reader, 6), NullIfEmpty(reader, 7), NullIfEmpty(reader, 8), Convert.ToInt64(reader.GetValue(9), System.Globalization.CultureInfo.InvariantCulture),
                    (byte[])reader.GetValue(10), reader.GetInt32(11) == 1, (TapCredit)reader.GetInt32(12)));
            }
            return facts;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SaleFact>> SalesAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var connection = _database.Open();
        await using (connection.ConfigureAwait(false))
        {
            using var select = Sql.Command(connection, null, """
                SELECT id, central_sale_id, sold_at_ms, device_id, event_id, event_title, domain, region, municipality, venue, organizer,
                       card_system_id, passholder, tariff_id, tariff_name, tariff_type, regular_cents, paid_cents,
                       key_participant_bp, key_organizer_bp, key_municipality_bp
                FROM ticket_sales WHERE state = 2 AND sold_at_ms >= @from AND sold_at_ms < @until ORDER BY sold_at_ms, id
                """).Bind("@from", from.ToUnixTimeMilliseconds()).Bind("@until", until.ToUnixTimeMilliseconds());
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var sales = new List<SaleFact>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sales.Add(new SaleFact(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    reader.GetString(3), reader.GetString(4), NullIfEmpty(reader, 5), PolicyDomains.FromStored(reader.GetString(6)),
                    NullIfEmpty(reader, 7), NullIfEmpty(reader, 8), NullIfEmpty(reader, 9), reader.GetString(10),
                    Convert.ToInt64(reader.GetValue(11), System.Globalization.CultureInfo.InvariantCulture), (byte[])reader.GetValue(12),
                    reader.GetString(13), reader.IsDBNull(14) ? "" : reader.GetString(14), reader.IsDBNull(15) ? "" : reader.GetString(15),
                    reader.GetInt64(16), reader.GetInt64(17), new CostSharingKey(reader.GetInt32(18), reader.GetInt32(19), reader.GetInt32(20))));
            }
            return sales;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> KnownCardSystemsAsync(CancellationToken cancellationToken)
    {
        var connection = _database.Open();
        await using (connection.ConfigureAwait(false))
        {
            return await KnownCardSystemsAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<long>> KnownCardSystemsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        using var select = Sql.Command(connection, null, """
            SELECT card_system_id FROM device_profiles WHERE card_system_id > 0
            UNION SELECT card_system_id FROM tap_facts WHERE card_system_id > 0
            UNION SELECT card_system_id FROM ticket_sales WHERE card_system_id > 0
            ORDER BY 1
            """);
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var known = new List<long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            known.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }
        return known;
    }

    private static string? NullIfEmpty(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) || reader.GetString(ordinal).Length == 0 ? null : reader.GetString(ordinal);
}
