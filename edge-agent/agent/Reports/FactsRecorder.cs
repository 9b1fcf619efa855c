using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Agent.Store;

namespace Uitpas.Edge.Agent.Reports;

/// <summary>
/// Writes the facts of final taps (tap_facts): every <see cref="ReportOptions.FactsInterval"/> it takes final taps
/// without facts, in batches of <see cref="BatchSize"/>, and freezes their context: the event (the relay plan's, else
/// the device's assignment at the tap's time), its domain, the device's site, the card system (the card's when known,
/// else the device's), the pseudonym, the social tariff (the number is in that card system's last export) and the
/// credit. Facts keyed by chip are re-keyed once the card map learns the number (<see cref="RekeyAsync"/>: the
/// last <see cref="RecentRekey"/> after each change of the card map, all of them in the daily retention run).
/// INSERT … ON CONFLICT DO NOTHING: instances sharing a database may both run it. A poller rather than a step
/// of the relay, so the relay path is untouched and an existing database is backfilled (with today's context).
/// </summary>
public sealed class FactsRecorder : BackgroundService
{
    /// <summary>Most taps per batch.</summary>
    public const int BatchSize = 500;

    /// <summary>Facts recorded this recently are re-keyed at every round (older ones by the daily retention run).</summary>
    public static readonly TimeSpan RecentRekey = TimeSpan.FromDays(2);

    private readonly StoreWriter _writer;
    private readonly AgentDatabase _database;
    private readonly DeviceRegistry _devices;
    private readonly Pseudonymizer _pseudonyms;
    private readonly ReportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FactsRecorder> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Every tap with an id at or below this was final with its facts recorded (taps never become non-final again).
    private long _low;

    // Set when the card map learnt a number (and at start): the next round re-keys recent chip-keyed facts.
    private volatile bool _rekeyDue = true;

    public FactsRecorder(StoreWriter writer, AgentDatabase database, DeviceRegistry devices, Pseudonymizer pseudonyms, CardMap cards,
        IOptions<ReportOptions> options, TimeProvider time, ILogger<FactsRecorder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cards);
        cards.Changed += (_, _) => _rekeyDue = true;
        _writer = writer;
        _database = database;
        _devices = devices;
        _pseudonyms = pseudonyms;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Records the facts of every final tap that has none yet; returns how many were written.</summary>
    public async Task<int> RecordAllAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var total = 0;
            while (true)
            {
                var (read, written, nextLow) = await RecordBatchAsync(cancellationToken).ConfigureAwait(false);
                total += written;
                if (read < BatchSize)
                {
                    _low = Math.Max(_low, nextLow);
                    break;
                }
            }
            if (total > 0)
            {
                ReportLog.FactsRecorded(_logger, total);
            }
            if (_rekeyDue)
            {
                _rekeyDue = false;
                await RekeyAsync(_time.GetUtcNow() - RecentRekey, cancellationToken).ConfigureAwait(false);
            }
            return total;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Facts recorded since <paramref name="recordedSince"/> that are keyed by a chip whose UiTPAS number the card map
    /// knows now (the chip is still in taps within the retention) get the number's pseudonym, the card's card system
    /// when the map knows it (the fact was recorded with the device's) and its social-tariff flag (the number in the
    /// last export of the card's card system, else of the fact's). Returns how many changed.
    /// </summary>
    public async Task<int> RekeyAsync(DateTimeOffset recordedSince, CancellationToken cancellationToken)
    {
        var found = new List<(long TapId, string Number, long CardSystemId, bool Social)>();
        using (var connection = _database.Open())
        {
            using var select = Sql.Command(connection, null, """
                SELECT f.tap_id, c.uitpas_number, COALESCE(c.card_system_id, 0),
                       CASE WHEN EXISTS (SELECT 1 FROM social_tariff_numbers s WHERE s.uitpas_number = c.uitpas_number
                           AND s.card_system_id = CASE WHEN c.card_system_id > 0 THEN c.card_system_id ELSE f.card_system_id END) THEN 1 ELSE 0 END
                FROM tap_facts f
                JOIN taps t ON t.id = f.tap_id
                JOIN card_numbers c ON c.chip_uid = t.chip_uid
                WHERE f.passholder_source = 'chip' AND f.recorded_at_ms >= @since
                  AND c.uitpas_number IS NOT NULL AND c.uitpas_number <> '' AND length(t.chip_uid) > 0
                """).Bind("@since", recordedSince.ToUnixTimeMilliseconds());
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                found.Add((reader.GetInt64(0), reader.GetString(1), Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture) == 1));
            }
        }
        var rekeyed = 0;
        foreach (var chunk in found.Chunk(BatchSize))
        {
            var keyed = chunk.Select(f => (f.TapId, Passholder: _pseudonyms.OfNumber(f.Number), f.CardSystemId, f.Social)).ToArray();
            rekeyed += await _writer.ExecuteAsync((connection, transaction) =>
            {
                var changed = 0;
                foreach (var (tapId, passholder, cardSystem, social) in keyed)
                {
                    changed += Sql.Command(connection, transaction, """
                        UPDATE tap_facts SET passholder = @passholder, passholder_source = 'number', social_tariff = @social,
                            card_system_id = CASE WHEN @cs > 0 THEN @cs ELSE card_system_id END
                        WHERE tap_id = @tap AND passholder_source = 'chip'
                        """).Bind("@passholder", passholder).Bind("@social", social ? 1 : 0).Bind("@cs", (int)cardSystem).Bind("@tap", tapId).RunOnce();
                }
                return changed;
            }, cancellationToken).ConfigureAwait(false);
        }
        return rekeyed;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RecordAllAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                ReportLog.FactsFailed(_logger, _options.FactsInterval, exception);
            }
            try
            {
                await Task.Delay(_options.FactsInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    /// <summary>One batch: rows read, facts written, and the watermark the batch proves when it was not full.</summary>
    private async Task<(int Read, int Written, long NextLow)> RecordBatchAsync(CancellationToken cancellationToken)
    {
        List<TapFactRow> rows;
        long nextLow;
        using (var connection = _database.Open())
        {
            // Read before the batch: a tap below the first non-final one is final now, so the batch sees it.
            nextLow = Convert.ToInt64(Sql.Command(connection, null, """
                SELECT COALESCE((SELECT MIN(id) FROM taps WHERE relay_state <> 2), (SELECT COALESCE(MAX(id), 0) + 1 FROM taps)) - 1
                """).ScalarOnce(), System.Globalization.CultureInfo.InvariantCulture);
            rows = ReadCandidates(connection, _low);
        }
        if (rows.Count == 0)
        {
            return (0, 0, nextLow);
        }
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var facts = rows.Select(row => ToFact(row, now)).ToArray();
        var written = await _writer.ExecuteAsync((connection, transaction) => Insert(connection, transaction, facts), cancellationToken).ConfigureAwait(false);
        return (rows.Count, written, nextLow);
    }

    private static List<TapFactRow> ReadCandidates(DbConnection connection, long low)
    {
        using var select = Sql.Command(connection, null, """
            SELECT t.id, t.device_id, t.chip_uid, t.tapped_at_ms, t.received_at_ms, r.event_id, r.credit, c.uitpas_number,
                   CASE WHEN COALESCE(c.card_system_id, 0) > 0 THEN c.card_system_id ELSE COALESCE(p.card_system_id, 0) END,
                   CASE WHEN EXISTS (SELECT 1 FROM social_tariff_numbers s WHERE s.uitpas_number = c.uitpas_number
                       AND s.card_system_id = CASE WHEN COALESCE(c.card_system_id, 0) > 0 THEN c.card_system_id ELSE COALESCE(p.card_system_id, 0) END)
                       THEN 1 ELSE 0 END
            FROM taps t
            JOIN tap_relay r ON r.tap_id = t.id
            LEFT JOIN card_numbers c ON c.chip_uid = t.chip_uid
            LEFT JOIN device_profiles p ON p.device_id = t.device_id
            WHERE t.id > @low AND t.relay_state = 2 AND r.credit <> 0
              AND NOT EXISTS (SELECT 1 FROM tap_facts f WHERE f.tap_id = t.id)
            ORDER BY t.id
            LIMIT @batch
            """).Bind("@low", low).Bind("@batch", BatchSize);
        using (select)
        {
            using var reader = select.ExecuteReader();
            var rows = new List<TapFactRow>();
            while (reader.Read())
            {
                rows.Add(new TapFactRow(reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2), reader.GetInt64(3), reader.GetInt64(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                    Convert.ToInt64(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToInt32(reader.GetValue(9), System.Globalization.CultureInfo.InvariantCulture) == 1));
            }
            return rows;
        }
    }

    private FactValues ToFact(TapFactRow row, long now)
    {
        var at = row.TappedAtMs != 0 ? row.TappedAtMs : row.ReceivedAtMs;
        _devices.TryGet(row.DeviceId, out var device);
        var eventId = row.PlanEventId ?? device?.EventAt(DateTimeOffset.FromUnixTimeMilliseconds(at))?.EventId;
        var site = device?.Site ?? DeviceSite.None;
        var byNumber = !string.IsNullOrEmpty(row.UitpasNumber);
        var passholder = byNumber ? _pseudonyms.OfNumber(row.UitpasNumber!) : _pseudonyms.OfChip(row.ChipUid);
        return new FactValues(row.TapId, at, row.DeviceId, eventId, PolicyDomains.Name(_devices.DomainOf(eventId)), site, row.CardSystemId,
            passholder, byNumber ? "number" : "chip", row.SocialTariff && byNumber, row.Credit, now);
    }

    private static int Insert(DbConnection connection, DbTransaction transaction, IReadOnlyList<FactValues> facts)
    {
        using var insert = Sql.Command(connection, transaction, """
            INSERT INTO tap_facts (tap_id, at_ms, device_id, event_id, domain, region, municipality, venue, organizer, card_system_id,
                                   passholder, passholder_source, social_tariff, credit, recorded_at_ms)
            VALUES (@tap, @at, @device, @event, @domain, @region, @municipality, @venue, @organizer, @cs, @passholder, @source, @social, @credit, @now)
            ON CONFLICT (tap_id) DO NOTHING
            """);
        var p = new[]
        {
            insert.Parameter("@tap", DbType.Int64), insert.Parameter("@at", DbType.Int64), insert.Parameter("@device", DbType.String),
            insert.Parameter("@event", DbType.String), insert.Parameter("@domain", DbType.String), insert.Parameter("@region", DbType.String),
            insert.Parameter("@municipality", DbType.String), insert.Parameter("@venue", DbType.String), insert.Parameter("@organizer", DbType.String),
            insert.Parameter("@cs", DbType.Int32), insert.Parameter("@passholder", DbType.Binary), insert.Parameter("@source", DbType.String),
            insert.Parameter("@social", DbType.Int32), insert.Parameter("@credit", DbType.Int32), insert.Parameter("@now", DbType.Int64),
        };
        var written = 0;
        foreach (var f in facts)
        {
            object?[] values =
            [
                f.TapId, f.AtMs, f.DeviceId, f.EventId, f.Domain, f.Site.Region, f.Site.Municipality, f.Site.Venue, f.Site.Organizer,
                (int)f.CardSystemId, f.Passholder, f.Source, f.SocialTariff ? 1 : 0, f.Credit, f.Now,
            ];
            for (var i = 0; i < p.Length; i++)
            {
                p[i].Value = values[i] ?? DBNull.Value;
            }
            written += insert.ExecuteNonQuery();
        }
        return written;
    }

    private sealed record TapFactRow(long TapId, string DeviceId, byte[] ChipUid, long TappedAtMs, long ReceivedAtMs, string? PlanEventId, int Credit,
        string? UitpasNumber, long CardSystemId, bool SocialTariff);

    private sealed record FactValues(long TapId, long AtMs, string DeviceId, string? EventId, string Domain, DeviceSite Site, long CardSystemId,
        byte[] Passholder, string Source, bool SocialTariff, int Credit, long Now);
}
