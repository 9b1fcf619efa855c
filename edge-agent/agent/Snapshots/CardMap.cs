using System.Data.Common;
using Uitpas.Edge.Agent.Cards;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>What the map knows of one chip (status only; no names).</summary>
public sealed record CardEntry(byte[] ChipUid, string? UitpasNumber, bool Blocked, int CardSystemId, long CheckedAtUnixMs);

/// <summary>
/// Chip UID ↔ UiTPAS number and blocked flag, in the card_numbers table: filled from the card
/// supplier's CSV and from pass lookups as cards are seen; blocked from lookups
/// (invalid-card-status) and central's check-in answers (card-blocked). Raises
/// <see cref="Changed"/> after a change that can alter an allowlist.
/// </summary>
public sealed class CardMap
{
    private const int ImportBatch = 5000;

    private readonly StoreWriter _writer;
    private readonly AgentDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Creates the map over the agent's database.</summary>
    public CardMap(StoreWriter writer, AgentDatabase database, TimeProvider time)
    {
        _writer = writer;
        _database = database;
        _time = time;
    }

    /// <summary>Raised after the map changed (outside any transaction).</summary>
    public event EventHandler? Changed;

    /// <summary>
    /// Imports a supplier file (already read whole and valid by <see cref="SupplierCsv"/>) in
    /// batches, so taps committed by the same writer wait little; returns how many rows were
    /// added or changed. Importing the same file again changes nothing.
    /// </summary>
    public async Task<int> ImportAsync(IReadOnlyList<CardNumberPair> pairs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var uids = pairs.Select(p => (Chip: ChipUid.TryParseHex(p.ChipNumber) ?? throw new ArgumentException("A pair holds an invalid chip number.", nameof(pairs)), p.UitpasNumber)).ToArray();
        var now = Now();
        var changed = 0;
        foreach (var batch in uids.Chunk(ImportBatch))
        {
            changed += await _writer.ExecuteAsync((connection, transaction) => Import(connection, transaction, batch, now), ct).ConfigureAwait(false);
        }
        if (changed > 0)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
        return changed;
    }

    private static int Import(DbConnection connection, DbTransaction transaction, (byte[] Chip, string Number)[] batch, long now)
    {
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO card_numbers (chip_uid, uitpas_number, source, updated_at_ms) VALUES (@chip, @number, 'csv', @now)
            ON CONFLICT (chip_uid) DO UPDATE SET uitpas_number = excluded.uitpas_number, updated_at_ms = excluded.updated_at_ms
            WHERE card_numbers.uitpas_number IS DISTINCT FROM excluded.uitpas_number
            """;
        var chip = upsert.Parameter("@chip", System.Data.DbType.Binary);
        var number = upsert.Parameter("@number", System.Data.DbType.String);
        upsert.Bind("@now", now);
        var n = 0;
        foreach (var (uid, uitpasNumber) in batch)
        {
            chip.Value = uid;
            number.Value = uitpasNumber;
            n += upsert.ExecuteNonQuery();
        }
        return n;
    }

    /// <summary>A lookup found an active pass: the chip's number and card system; not blocked.</summary>
    public Task RecordPassAsync(byte[] chipUid, string uitpasNumber, int cardSystemId, CancellationToken ct) =>
        UpsertAsync(chipUid, uitpasNumber, blocked: false, cardSystemId, "lookup", ct);

    /// <summary>Central says the card is not active (lookup) or refused it as blocked (check-in).</summary>
    public Task RecordBlockedAsync(byte[] chipUid, string source, CancellationToken ct) =>
        UpsertAsync(chipUid, null, blocked: true, 0, source, ct);

    /// <summary>Central knows no pass with this chip: remember when that was asked (a number from the CSV is kept).</summary>
    public Task RecordUnknownAsync(byte[] chipUid, CancellationToken ct) =>
        UpsertAsync(chipUid, null, blocked: false, 0, "lookup", ct);

    /// <summary>The entry of a chip, or null.</summary>
    public CardEntry? Find(byte[] chipUid)
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT uitpas_number, blocked, card_system_id, checked_at_ms FROM card_numbers WHERE chip_uid = @chip";
        select.Bind("@chip", chipUid);
        using var reader = select.ExecuteReader();
        return reader.Read()
            ? new CardEntry(chipUid, reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1) == 1, reader.GetInt32(2), reader.GetInt64(3))
            : null;
    }

    /// <summary>Chips looked up before <paramref name="before"/> that were blocked or unknown then: to be asked again.</summary>
    public IReadOnlyList<byte[]> DueForRecheck(long before, int limit)
    {
        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT chip_uid FROM card_numbers
            WHERE checked_at_ms > 0 AND checked_at_ms < @before AND (blocked = 1 OR uitpas_number IS NULL)
            ORDER BY checked_at_ms LIMIT @limit
            """;
        select.Bind("@before", before);
        select.Bind("@limit", limit);
        return ReadBlobs(select);
    }

    internal static List<byte[]> ReadBlobs(DbCommand select)
    {
        using var reader = select.ExecuteReader();
        var result = new List<byte[]>();
        while (reader.Read())
        {
            result.Add((byte[])reader.GetValue(0));
        }
        return result;
    }

    private async Task UpsertAsync(byte[] chipUid, string? number, bool blocked, int cardSystemId, string source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chipUid);
        var now = Now();
        var changed = await _writer.ExecuteAsync((connection, transaction) =>
        {
            using var before = connection.CreateCommand();
            before.Transaction = transaction;
            before.CommandText = "SELECT uitpas_number, blocked FROM card_numbers WHERE chip_uid = @chip";
            before.Bind("@chip", chipUid);
            string? oldNumber = null;
            bool? oldBlocked = null;
            using (var reader = before.ExecuteReader())
            {
                if (reader.Read())
                {
                    oldNumber = reader.IsDBNull(0) ? null : reader.GetString(0);
                    oldBlocked = reader.GetInt64(1) == 1;
                }
            }
            using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO card_numbers (chip_uid, uitpas_number, blocked, card_system_id, source, checked_at_ms, updated_at_ms)
                VALUES (@chip, @number, @blocked, @cs, @source, @now, @now)
                ON CONFLICT (chip_uid) DO UPDATE SET
                    uitpas_number = COALESCE(excluded.uitpas_number, card_numbers.uitpas_number),
                    blocked = excluded.blocked,
                    card_system_id = CASE WHEN excluded.card_system_id > 0 THEN excluded.card_system_id ELSE card_numbers.card_system_id END,
                    source = excluded.source, checked_at_ms = excluded.checked_at_ms, updated_at_ms = excluded.updated_at_ms
                """;
            upsert.Bind("@chip", chipUid);
            upsert.Bind("@number", number);
            upsert.Bind("@blocked", blocked ? 1 : 0);
            upsert.Bind("@cs", cardSystemId);
            upsert.Bind("@source", source);
            upsert.Bind("@now", now);
            upsert.ExecuteNonQuery();
            return oldBlocked != blocked || (number is not null && number != oldNumber);
        }, ct).ConfigureAwait(false);
        if (changed)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
