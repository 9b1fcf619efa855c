using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>
/// Builds a card system's allowlist: the blocked chips the card map knows, and the chips of the
/// UiTPAS numbers in central's social-tariff export (mapped through the card map). A new version
/// (previous + 1, persisted) is made only when the membership changed; beside the full file it
/// writes the delta from the previous version (checked by applying it) and keeps the last
/// <see cref="SnapshotOptions.KeepDeltas"/> deltas and <see cref="SnapshotOptions.KeepFullVersions"/> full files.
/// </summary>
public sealed class AllowlistBuilder
{
    /// <summary>Rows per write operation, so taps committed by the same writer wait little.</summary>
    private const int WriteBatch = 5000;

    private readonly IUitpasCentral _central;
    private readonly AgentDatabase _database;
    private readonly StoreWriter _writer;
    private readonly SnapshotCatalog _catalog;
    private readonly SnapshotFileStore _files;
    private readonly SnapshotKeys _keys;
    private readonly SnapshotEvents _events;
    private readonly SnapshotOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AllowlistBuilder> _logger;

    /// <summary>Creates the builder.</summary>
    public AllowlistBuilder(IUitpasCentral central, AgentDatabase database, StoreWriter writer, SnapshotCatalog catalog, SnapshotFileStore files,
        SnapshotKeys keys, SnapshotEvents events, IOptions<SnapshotOptions> options, TimeProvider time, ILogger<AllowlistBuilder> logger)
    {
        _central = central;
        _database = database;
        _writer = writer;
        _catalog = catalog;
        _files = files;
        _keys = keys;
        _events = events;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Fetches central's export and rebuilds; returns the new version, or null when nothing changed or central could not answer before a first build.</summary>
    public async Task<uint?> BuildAsync(int cardSystemId, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cardSystemId);
        var owner = cardSystemId.ToString(CultureInfo.InvariantCulture);
        var series = _catalog.Series(SnapshotKind.Allowlist, owner);
        var export = await _central.GetActiveSocialTariffCardsAsync(cardSystemId, ct).ConfigureAwait(false);
        if (export.IsOk)
        {
            await StoreExportAsync(cardSystemId, export.Value, ct).ConfigureAwait(false);
        }
        else
        {
            SnapshotLog.ExportFailed(_logger, cardSystemId, export.ToString());
            if (series is null)
            {
                return null;
            }
        }
        var content = ReadContent(cardSystemId);
        var hash = content.Hash();
        if (series is not null && hash.AsSpan().SequenceEqual(series.ContentHash))
        {
            return null;
        }
        return await WriteVersionAsync(cardSystemId, owner, series, content, hash, ct).ConfigureAwait(false);
    }

    private async Task<uint> WriteVersionAsync(int cardSystemId, string owner, SnapshotSeries? series, AllowlistContent content, byte[] hash, CancellationToken ct)
    {
        var cs = (uint)cardSystemId;
        var version = (series?.Version ?? 0) + 1;
        var key = _keys.For(cs);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var full = _files.Write(SnapshotFileNames.Allowlist(cs, version), output => content.WriteFull(output, key, cs, version, now));
        var added = new List<SnapshotFileInfo> { new(full.File, SnapshotKind.Allowlist, owner, version, 0, full.Length, full.Tag, now) };
        if (series is not null && TryWriteDelta(cs, owner, series, content, key, version, now, full) is { } delta)
        {
            added.Add(delta);
        }
        var removed = Prune(_catalog.FilesOf(SnapshotKind.Allowlist, owner).Concat(added).ToList());
        await _catalog.CommitVersionAsync(new SnapshotSeries(SnapshotKind.Allowlist, owner, version, hash, full.File), added, removed, now, ct).ConfigureAwait(false);
        foreach (var file in removed)
        {
            _files.Delete(file);
        }
        SnapshotLog.AllowlistBuilt(_logger, cardSystemId, version, content.Blocked.Count, content.SocialTariff.Count, full.Length, added.Count - 1);
        _events.Raise(new SnapshotBuilt(SnapshotKind.Allowlist, owner, version, full.File, full.Length, added.Count - 1));
        return version;
    }

    /// <summary>The delta previous → new, written and checked by applying it to the previous full file; null when that file is gone or the check fails.</summary>
    private SnapshotFileInfo? TryWriteDelta(uint cs, string owner, SnapshotSeries series, AllowlistContent content, byte[] key, uint version, long now, WrittenSnapshot full)
    {
        using var previousFile = _files.OpenRead(series.File);
        var previous = previousFile is null ? null : AllowlistContent.Read(previousFile, out _);
        if (previousFile is null || previous is null)
        {
            SnapshotLog.DeltaSkipped(_logger, (int)cs, version, "the previous full allowlist is missing or unreadable");
            return null;
        }
        var name = SnapshotFileNames.AllowlistDelta(cs, series.Version, version);
        var delta = _files.Write(name, output => content.WriteDelta(previous, output, key, cs, series.Version, version, now, full.Tag));
        using var deltaFile = _files.OpenRead(name)!;
        if (!AllowlistDelta.TryApply(previousFile, deltaFile, key, NetHmacSha256.Instance, new DiscardingFlashWriter(), out var reason))
        {
            SnapshotLog.DeltaSkipped(_logger, (int)cs, version, reason);
            _files.Delete(name);
            return null;
        }
        return new SnapshotFileInfo(name, SnapshotKind.Allowlist, owner, version, series.Version, delta.Length, delta.Tag, now);
    }

    /// <summary>Files to drop: deltas beyond the newest KeepDeltas, full files beyond the newest KeepFullVersions.</summary>
    private List<string> Prune(List<SnapshotFileInfo> files)
    {
        var deltas = files.Where(f => f.IsDelta).OrderByDescending(f => f.Version).Skip(_options.KeepDeltas);
        var fulls = files.Where(f => !f.IsDelta).OrderByDescending(f => f.Version).Skip(_options.KeepFullVersions);
        return deltas.Concat(fulls).Select(f => f.File).ToList();
    }

    /// <summary>
    /// Stores the export as the difference to the stored one: typically a few changes, so the
    /// shared writer (which also commits taps) is held briefly even for a large card system.
    /// </summary>
    private async Task StoreExportAsync(int cardSystemId, IReadOnlyList<SocialTariffCard> cards, CancellationToken ct)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        using (var connection = _database.Open())
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT uitpas_number FROM social_tariff_numbers WHERE card_system_id = @cs";
            select.Bind("@cs", cardSystemId);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                stored.Add(reader.GetString(0));
            }
        }
        var current = cards.Select(c => c.UitpasNumber).ToHashSet(StringComparer.Ordinal);
        var added = current.Where(n => !stored.Contains(n)).ToArray();
        var removed = stored.Where(n => !current.Contains(n)).ToArray();
        foreach (var batch in added.Select(n => (n, true)).Concat(removed.Select(n => (n, false))).Chunk(WriteBatch))
        {
            await _writer.ExecuteAsync((connection, transaction) =>
            {
                foreach (var (number, add) in batch)
                {
                    SnapshotCatalog.Execute(connection, transaction, add
                        ? "INSERT INTO social_tariff_numbers (card_system_id, uitpas_number) VALUES (@cs, @number) ON CONFLICT DO NOTHING"
                        : "DELETE FROM social_tariff_numbers WHERE card_system_id = @cs AND uitpas_number = @number",
                        ("@cs", cardSystemId), ("@number", number));
                }
                return batch.Length;
            }, ct).ConfigureAwait(false);
        }
    }

    private AllowlistContent ReadContent(int cardSystemId)
    {
        using var connection = _database.Open();
        using var blocked = connection.CreateCommand();
        blocked.CommandText = "SELECT chip_uid FROM card_numbers WHERE blocked = 1";
        using var social = connection.CreateCommand();
        social.CommandText = """
            SELECT c.chip_uid FROM card_numbers c
            JOIN social_tariff_numbers s ON s.uitpas_number = c.uitpas_number AND s.card_system_id = @cs
            """;
        social.Bind("@cs", cardSystemId);
        return AllowlistContent.From(CardMap.ReadBlobs(blocked), CardMap.ReadBlobs(social));
    }

    private sealed class DiscardingFlashWriter : IFlashWriter
    {
        public void Write(byte[] buffer, int offset, int count)
        {
        }
    }
}
