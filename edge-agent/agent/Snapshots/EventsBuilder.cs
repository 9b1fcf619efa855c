using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>
/// Builds a terminal's events snapshot from its event assignments, central's event settings
/// (check-in points, limit per period) and the static tariffs at the assignment's regular
/// prices, tagged with the key of the terminal's card system. A new version is made only when
/// the content changed. When central cannot answer, nothing is built (the previous version stays).
/// </summary>
public sealed class EventsBuilder
{
    private readonly IUitpasCentral _central;
    private readonly SnapshotCatalog _catalog;
    private readonly SnapshotFileStore _files;
    private readonly SnapshotKeys _keys;
    private readonly SnapshotEvents _events;
    private readonly SnapshotOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<EventsBuilder> _logger;

    /// <summary>Creates the builder.</summary>
    public EventsBuilder(IUitpasCentral central, SnapshotCatalog catalog, SnapshotFileStore files, SnapshotKeys keys, SnapshotEvents events,
        IOptions<SnapshotOptions> options, TimeProvider time, ILogger<EventsBuilder> logger)
    {
        _central = central;
        _catalog = catalog;
        _files = files;
        _keys = keys;
        _events = events;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Rebuilds the device's events snapshot; returns the new version, or null when unchanged or central could not answer.</summary>
    public async Task<uint?> BuildAsync(Device device, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.CardSystemId <= 0)
        {
            return null;
        }
        var rules = new List<EventRules>();
        foreach (var assignment in device.Events.Take(EventsFormat.MaxEvents))
        {
            var built = await RulesOfAsync(device, assignment, ct).ConfigureAwait(false);
            if (built.Unavailable)
            {
                return null;
            }
            if (built.Rules is not null)
            {
                rules.Add(built.Rules);
            }
        }
        var cs = (uint)device.CardSystemId;
        var hash = Hash(cs, rules);
        var series = _catalog.Series(SnapshotKind.Events, device.Id);
        if (series is not null && hash.AsSpan().SequenceEqual(series.ContentHash))
        {
            return null;
        }
        var version = (series?.Version ?? 0) + 1;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var key = _keys.For(cs);
        var written = _files.Write(SnapshotFileNames.Events(device.Id, version), output =>
        {
            var writer = new EventsWriter(output, NetHmacSha256.Instance, key, cs, device.Id, version, now);
            foreach (var r in rules)
            {
                writer.Add(r);
            }
            return writer.Finish();
        });
        var file = new SnapshotFileInfo(written.File, SnapshotKind.Events, device.Id, version, 0, written.Length, written.Tag, now);
        var removed = _catalog.FilesOf(SnapshotKind.Events, device.Id).Append(file)
            .OrderByDescending(f => f.Version).Skip(_options.KeepFullVersions).Select(f => f.File).ToList();
        await _catalog.CommitVersionAsync(new SnapshotSeries(SnapshotKind.Events, device.Id, version, hash, written.File), [file], removed, now, ct).ConfigureAwait(false);
        foreach (var old in removed)
        {
            _files.Delete(old);
        }
        SnapshotLog.EventsBuilt(_logger, device.Id, version, rules.Count, written.Length);
        _events.Raise(new SnapshotBuilt(SnapshotKind.Events, device.Id, version, written.File, written.Length, 0));
        return version;
    }

    private async Task<(EventRules? Rules, bool Unavailable)> RulesOfAsync(Device device, EventAssignment assignment, CancellationToken ct)
    {
        var settings = await _central.GetEventSettingsAsync(assignment.EventId, ct).ConfigureAwait(false);
        if (settings.Outcome == CentralOutcome.Unavailable)
        {
            SnapshotLog.EventsCentralUnavailable(_logger, device.Id, settings.ToString());
            return (null, true);
        }
        if (!settings.IsOk)
        {
            SnapshotLog.EventLeftOut(_logger, device.Id, assignment.EventId, settings.Problem!.ShortType);
            return (null, false);
        }
        var tariffs = new List<TariffRow>();
        foreach (var price in assignment.RegularPrices)
        {
            var list = await _central.GetStaticTariffsAsync(assignment.EventId, price, ct).ConfigureAwait(false);
            if (list.Outcome == CentralOutcome.Unavailable)
            {
                SnapshotLog.EventsCentralUnavailable(_logger, device.Id, list.ToString());
                return (null, true);
            }
            foreach (var offer in list.Value?.Available ?? [])
            {
                if (ToRow(offer, price, assignment) is { } row && tariffs.Count < EventsFormat.MaxTariffsPerEvent)
                {
                    tariffs.Add(row);
                }
            }
        }
        var limit = settings.Value.CheckinLimit;
        var period = limit is null ? LimitPeriod.None : LimitPeriod.FromCentral(limit.PeriodType);
        var rules = new EventRules
        {
            EventId = assignment.EventId,
            Name = Fit(assignment.Title),
            CheckinPoints = Math.Max(0, settings.Value.CheckinPoints),
            CheckinLimit = period <= LimitPeriod.None || limit is null ? 0 : Math.Clamp(limit.Volume, 1, EventsFormat.MaxCheckinLimit),
            LimitPeriod = Math.Max(LimitPeriod.None, period),
            ValidFromUnixMs = assignment.From.ToUnixTimeMilliseconds(),
            ValidUntilUnixMs = assignment.Until.ToUnixTimeMilliseconds(),
            Tariffs = [.. tariffs],
        };
        if (rules.CheckinLimit == 0)
        {
            rules.LimitPeriod = LimitPeriod.None;
        }
        if (EventsFormat.Check(rules) is { } why)
        {
            SnapshotLog.EventLeftOut(_logger, device.Id, assignment.EventId, why);
            return (null, false);
        }
        return (rules, false);
    }

    private static TariffRow? ToRow(TariffOffer offer, decimal regularPrice, EventAssignment assignment)
    {
        var type = offer.Kind switch
        {
            TariffKind.SocialTariff => TariffType.SocialTariff,
            TariffKind.Coupon => TariffType.Coupon,
            _ => 0,
        };
        if (type == 0 || Encoding.UTF8.GetByteCount(offer.Id) is 0 or > EventsFormat.MaxIdBytes)
        {
            return null;
        }
        return new TariffRow
        {
            Id = offer.Id,
            Name = Fit(offer.Name ?? ""),
            Type = type,
            RegularPriceCents = (int)Math.Round(regularPrice * 100, MidpointRounding.AwayFromZero),
            TariffPriceCents = (int)Math.Round(offer.Price * 100, MidpointRounding.AwayFromZero),
            ValidFromUnixMs = assignment.From.ToUnixTimeMilliseconds(),
            ValidUntilUnixMs = assignment.Until.ToUnixTimeMilliseconds(),
        };
    }

    /// <summary>The text cut to the format's name bound (64 bytes of UTF-8), on a character boundary.</summary>
    private static string Fit(string text)
    {
        var fitted = text.Trim();
        while (Encoding.UTF8.GetByteCount(fitted) > EventsFormat.MaxNameBytes)
        {
            fitted = fitted[..^1];
        }
        return fitted;
    }

    private static byte[] Hash(uint cardSystemId, List<EventRules> rules)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"cs={cardSystemId}\n");
        foreach (var r in rules)
        {
            text.Append(CultureInfo.InvariantCulture, $"e={r.EventId}|{r.Name}|{r.CheckinPoints}|{r.CheckinLimit}|{r.LimitPeriod}|{r.ValidFromUnixMs}|{r.ValidUntilUnixMs}\n");
            foreach (var t in r.Tariffs)
            {
                text.Append(CultureInfo.InvariantCulture, $"t={t.Id}|{t.Name}|{t.Type}|{t.RegularPriceCents}|{t.TariffPriceCents}|{t.ValidFromUnixMs}|{t.ValidUntilUnixMs}\n");
            }
        }
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
