using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>
/// Publishes the retained manifests: <c>uitpas/v1/cs/{cs}/allowlist</c> per card system and
/// <c>uitpas/v1/t/{deviceId}/events</c> per terminal, each naming the current file, its length and
/// tag, the chain of deltas ending at the current version (allowlists), and the HTTP base when
/// the agent serves HTTP. A manifest is published again only when it changed or its last
/// publish failed (e.g. the external broker was away).
/// </summary>
public sealed class ManifestPublisher
{
    private readonly SnapshotCatalog _catalog;
    private readonly DeviceRegistry _devices;
    private readonly ISnapshotTransport _transport;
    private readonly SnapshotHttpServer _http;
    private readonly SnapshotEvents _events;
    private readonly ILogger<ManifestPublisher> _logger;
    private readonly Dictionary<string, byte[]> _published = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the publisher.</summary>
    public ManifestPublisher(SnapshotCatalog catalog, DeviceRegistry devices, ISnapshotTransport transport, SnapshotHttpServer http,
        SnapshotEvents events, ILogger<ManifestPublisher> logger)
    {
        _catalog = catalog;
        _devices = devices;
        _transport = transport;
        _http = http;
        _events = events;
        _logger = logger;
    }

    /// <summary>The manifest of a series as it would be published; null before its first build.</summary>
    public SnapshotManifest? ManifestOf(int kind, string owner)
    {
        var series = _catalog.Series(kind, owner);
        if (series is null)
        {
            return null;
        }
        var files = _catalog.FilesOf(kind, owner);
        var full = files.FirstOrDefault(f => f.File == series.File);
        if (full is null)
        {
            return null;
        }
        var chain = new List<ManifestDelta>();
        var target = series.Version;
        while (chain.Count < SnapshotManifest.MaxDeltas && files.FirstOrDefault(f => f.IsDelta && f.Version == target) is { } delta)
        {
            chain.Add(new ManifestDelta(delta.File, delta.BaseVersion, delta.Length));
            target = delta.BaseVersion;
        }
        return new SnapshotManifest(kind, series.Version, full.File, full.Length, full.Tag, [.. chain], _http.BaseUrl);
    }

    /// <summary>Publishes every manifest that changed since its last successful publish; returns how many were published.</summary>
    public async Task<int> PublishAllAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var count = 0;
            foreach (var series in _catalog.AllSeries())
            {
                if (TopicOf(series) is { } topic && ManifestOf(series.Kind, series.Owner) is { } manifest
                    && await PublishAsync(topic, series, manifest, ct).ConfigureAwait(false))
                {
                    count++;
                }
            }
            return count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets what was published, so the next <see cref="PublishAllAsync"/> sends every manifest (after a broker reconnect).</summary>
    public void Invalidate()
    {
        lock (_published)
        {
            _published.Clear();
        }
    }

    private async Task<bool> PublishAsync(string topic, SnapshotSeries series, SnapshotManifest manifest, CancellationToken ct)
    {
        var payload = manifest.Encode();
        var hash = SHA256.HashData(payload);
        lock (_published)
        {
            if (_published.TryGetValue(topic, out var last) && last.AsSpan().SequenceEqual(hash))
            {
                return false;
            }
        }
        var delivered = await _transport.PublishAsync(topic, payload, retain: true, ct).ConfigureAwait(false);
        if (delivered)
        {
            lock (_published)
            {
                _published[topic] = hash;
            }
            SnapshotLog.ManifestPublished(_logger, topic, manifest.Version, manifest.DeltaCount);
        }
        else
        {
            SnapshotLog.ManifestNotPublished(_logger, topic);
        }
        _events.Raise(new ManifestPublished(topic, series.Kind, series.Owner, manifest.Version, delivered));
        return delivered;
    }

    private string? TopicOf(SnapshotSeries series)
    {
        if (series.Kind == SnapshotKind.Allowlist)
        {
            return uint.TryParse(series.Owner, NumberStyles.None, CultureInfo.InvariantCulture, out var cs) ? DistributionTopics.Allowlist(cs) : null;
        }
        return series.Kind == SnapshotKind.Events && _devices.TryGet(series.Owner, out _) ? DistributionTopics.Events(series.Owner) : null;
    }
}
