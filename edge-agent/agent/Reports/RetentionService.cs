using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Store;

namespace Uitpas.Edge.Agent.Reports;

/// <summary>What one retention run changed.</summary>
public sealed record RetentionResult(int Rekeyed, int BlankedTaps, int BlankedSales);

/// <summary>
/// At start and then daily: every fact keyed by a chip whose UiTPAS number the card map has learnt since is re-keyed
/// (<see cref="FactsRecorder.RekeyAsync"/>; the recorder itself re-keys only recent ones); final taps with facts, completed longer than Agent:Reports:RawRetention ago, lose their raw data
/// (chip UID blanked, central's message emptied, their relay attempts deleted); final sales that old lose their
/// UiTPAS number. Taps that are not final are never touched, and (device, boot epoch, sequence) stays, so a late
/// duplicate of a blanked tap is still recognised and not relayed again. The card map (card_numbers) is the
/// allowlist's, not a record of taps: it is not part of this.
/// </summary>
public sealed class RetentionService : BackgroundService
{
    /// <summary>Time between runs.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    private const int Batch = 1000;

    private readonly StoreWriter _writer;
    private readonly AgentDatabase _database;
    private readonly FactsRecorder _facts;
    private readonly ReportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RetentionService> _logger;

    public RetentionService(StoreWriter writer, AgentDatabase database, FactsRecorder facts, IOptions<ReportOptions> options, TimeProvider time,
        ILogger<RetentionService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _writer = writer;
        _database = database;
        _facts = facts;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>One run: re-key, then blank what is older than the retention.</summary>
    public async Task<RetentionResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var rekeyed = await _facts.RekeyAsync(DateTimeOffset.UnixEpoch, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var cutoff = (now - _options.RawRetention).ToUnixTimeMilliseconds();
        var taps = 0;
        int blanked;
        do
        {
            blanked = await _writer.ExecuteAsync((connection, transaction) => BlankTaps(connection, transaction, cutoff), cancellationToken).ConfigureAwait(false);
            taps += blanked;
        }
        while (blanked == Batch);
        var sales = await _writer.ExecuteAsync((connection, transaction) => Sql.Command(connection, transaction, """
            UPDATE ticket_sales SET uitpas_number = '' WHERE state IN (2, 4) AND updated_at_ms < @cutoff AND uitpas_number <> ''
            """).Bind("@cutoff", cutoff).RunOnce(), cancellationToken).ConfigureAwait(false);
        ReportLog.RetentionDone(_logger, rekeyed, taps, _options.RawRetention.TotalDays, sales);
        return new RetentionResult(rekeyed, taps, sales);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Interval;
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                wait = TimeSpan.FromMinutes(10);
                ReportLog.RetentionFailed(_logger, wait, exception);
            }
            try
            {
                await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static int BlankTaps(DbConnection connection, DbTransaction transaction, long cutoff)
    {
        var ids = new List<long>();
        using (var select = Sql.Command(connection, transaction, """
            SELECT t.id FROM taps t JOIN tap_facts f ON f.tap_id = t.id
            WHERE t.relay_state = 2 AND t.completed_at_ms < @cutoff AND length(t.chip_uid) > 0
            ORDER BY t.id LIMIT @batch
            """).Bind("@cutoff", cutoff).Bind("@batch", Batch))
        {
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
            }
        }
        foreach (var id in ids)
        {
            Sql.Command(connection, transaction, "DELETE FROM relay_attempts WHERE tap_id = @id").Bind("@id", id).RunOnce();
            Sql.Command(connection, transaction, "UPDATE taps SET chip_uid = @empty, message = '' WHERE id = @id")
                .Bind("@empty", Array.Empty<byte>()).Bind("@id", id).RunOnce();
        }
        return ids.Count;
    }
}
