using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Ingest;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>
/// Keeps the card map up to date as cards are seen: every <see cref="SnapshotOptions.LookupInterval"/>
/// it takes the chips of new taps never looked up before and looks them up at central
/// (GET /passes?identifier=chip), marks blocked the chips central refused as blocked at check-in,
/// and looks up blocked or unknown chips again after <see cref="SnapshotOptions.RecheckAfter"/>.
/// When central is unavailable the round stops; the chips wait for the next one.
/// </summary>
public sealed class CardLookupService : BackgroundService
{
    private static readonly string[] BlockedReasons = ["card-blocked", "invalid-card-status"];

    private readonly CardMap _map;
    private readonly AgentDatabase _database;
    private readonly IUitpasCentral _central;
    private readonly SnapshotOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CardLookupService> _logger;
    private readonly Queue<byte[]> _pending = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly Queue<(long AtMs, long Top)> _tops = new();
    private long _windowStart = -1;
    private long _completedMark;

    /// <summary>
    /// Longest time a tap's id may stay uncommitted (identity taken, transaction still open):
    /// taps are looked for again this far back. Store transactions last milliseconds; the worst
    /// seen, two PostgreSQL instances waiting on each other's lease rows, lasted about a minute.
    /// </summary>
    internal static readonly TimeSpan LateCommitMargin = TimeSpan.FromMinutes(5);

    /// <summary>After the first round (which reads every tap), how many ids back the window starts until the agent has run <see cref="LateCommitMargin"/> (at 150 taps/s, 5 minutes are 45,000 ids).</summary>
    internal const long StartWindowIds = 50_000;

    /// <summary>Creates the service.</summary>
    public CardLookupService(CardMap map, AgentDatabase database, IUitpasCentral central, IOptions<SnapshotOptions> options, TimeProvider time, ILogger<CardLookupService> logger)
    {
        _map = map;
        _database = database;
        _central = central;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised after each round (for tests and the dashboard): chips looked up in it.</summary>
    public event Action<int>? RoundCompleted;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var done = await RunRoundAsync(stoppingToken).ConfigureAwait(false);
                RoundCompleted?.Invoke(done);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                SnapshotLog.LookupRoundFailed(_logger, exception);
            }
            try
            {
                await Task.Delay(_options.LookupInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round; returns how many chips were looked up.</summary>
    internal async Task<int> RunRoundAsync(CancellationToken ct)
    {
        foreach (var chip in BlockedByCentral())
        {
            await _map.RecordBlockedAsync(chip, "checkin", ct).ConfigureAwait(false);
            SnapshotLog.CardBlockedAtCheckin(_logger, CardTail.Of(chip));
        }
        foreach (var chip in NewChips())
        {
            Enqueue(chip);
        }
        var before = _time.GetUtcNow().Subtract(_options.RecheckAfter).ToUnixTimeMilliseconds();
        foreach (var chip in _map.DueForRecheck(before, _options.LookupBatch))
        {
            Enqueue(chip);
        }
        var done = 0;
        while (done < _options.LookupBatch && _pending.TryPeek(out var chip))
        {
            if (!await LookUpAsync(chip, ct).ConfigureAwait(false))
            {
                break;
            }
            _pending.Dequeue();
            _queued.Remove(Convert.ToHexString(chip));
            done++;
        }
        return done;
    }

    /// <summary>False when central could not answer (the chip stays queued).</summary>
    private async Task<bool> LookUpAsync(byte[] chip, CancellationToken ct)
    {
        var pass = await _central.GetPassAsync(ChipUid.ToHex(chip, 0, chip.Length), ct).ConfigureAwait(false);
        if (pass.IsOk)
        {
            await _map.RecordPassAsync(chip, pass.Value.UitpasNumber, pass.Value.CardSystem.Id, ct).ConfigureAwait(false);
            return true;
        }
        if (pass.Outcome == CentralOutcome.Unavailable)
        {
            SnapshotLog.LookupUnavailable(_logger, pass.FailureReason);
            return false;
        }
        var type = pass.Problem!.Type;
        if (type == ProblemTypes.InvalidCardStatus || pass.Problem.ShortType == "passholder-blocked")
        {
            await _map.RecordBlockedAsync(chip, "lookup", ct).ConfigureAwait(false);
            SnapshotLog.CardBlockedAtLookup(_logger, CardTail.Of(chip), pass.Problem.CardStatus);
        }
        else
        {
            await _map.RecordUnknownAsync(chip, ct).ConfigureAwait(false);
            SnapshotLog.CardNotFound(_logger, CardTail.Of(chip), pass.Problem.ShortType);
        }
        return true;
    }

    private void Enqueue(byte[] chip)
    {
        if (_queued.Add(Convert.ToHexString(chip)))
        {
            _pending.Enqueue(chip);
        }
    }

    /// <summary>
    /// Chips of recent taps that were never looked up (absent from the map, or known from the CSV
    /// only). Not "ids above the last round's highest": on PostgreSQL an instance takes a tap's
    /// id at INSERT and makes it visible at COMMIT, so with several writers a smaller id can
    /// appear after a larger one was read, and a high-water mark would skip it for good. Instead
    /// each round reads the id window that starts at the highest id seen by a round at least
    /// <see cref="LateCommitMargin"/> ago: every id at or below that was taken before then, so
    /// its transaction has ended. The window is an id range (primary key, both providers, no
    /// clock of another instance involved) of about LateCommitMargin's worth of taps; the
    /// NOT EXISTS on card_numbers drops chips already looked up and <see cref="Enqueue"/> those
    /// already waiting, so each chip is looked up once. Chosen over a lookup queue filled in the
    /// tap's transaction: no extra write on the path every tap's PUBACK waits for, no schema change.
    /// </summary>
    private List<byte[]> NewChips()
    {
        using var connection = _database.Open();
        long top;
        using (var max = connection.CreateCommand())
        {
            max.CommandText = "SELECT COALESCE(MAX(id), 0) FROM taps";
            top = (long)max.ExecuteScalar()!;
        }
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        long from;
        if (_windowStart < 0)
        {
            // First round: every tap; then a window of ids until rounds older than the margin exist.
            from = 0;
            _windowStart = Math.Max(0, top - StartWindowIds);
        }
        else
        {
            while (_tops.TryPeek(out var earlier) && earlier.AtMs <= now - (long)LateCommitMargin.TotalMilliseconds)
            {
                _windowStart = Math.Max(_windowStart, _tops.Dequeue().Top);
            }
            from = _windowStart;
        }
        _tops.Enqueue((now, top));
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT DISTINCT t.chip_uid FROM taps t
            WHERE t.id > @from AND t.id <= @top
              AND NOT EXISTS (SELECT 1 FROM card_numbers c WHERE c.chip_uid = t.chip_uid AND c.checked_at_ms > 0)
            """;
        select.Bind("@from", from);
        select.Bind("@top", top);
        return CardMap.ReadBlobs(select);
    }

    /// <summary>Chips central refused as blocked at check-in since the last round, not marked blocked since.</summary>
    private List<byte[]> BlockedByCentral()
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT t.chip_uid, MAX(t.completed_at_ms) FROM taps t
            LEFT JOIN card_numbers c ON c.chip_uid = t.chip_uid
            WHERE t.completed_at_ms > @mark AND t.reason IN (@r0, @r1)
              AND (c.chip_uid IS NULL OR c.blocked = 0 AND c.checked_at_ms < t.completed_at_ms)
            GROUP BY t.chip_uid
            """;
        select.Bind("@mark", _completedMark);
        select.Bind("@r0", BlockedReasons[0]);
        select.Bind("@r1", BlockedReasons[1]);
        using var reader = select.ExecuteReader();
        var chips = new List<byte[]>();
        var mark = _completedMark;
        while (reader.Read())
        {
            chips.Add((byte[])reader.GetValue(0));
            mark = Math.Max(mark, reader.GetInt64(1));
        }
        _completedMark = mark;
        return chips;
    }
}
