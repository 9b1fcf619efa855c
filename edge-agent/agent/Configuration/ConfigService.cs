using System.Collections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Fleet;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.Agent.Configuration;

/// <summary>
/// Makes and publishes the desired documents. A change of a layer (through
/// <see cref="SetLayerAsync"/>), of the device registry (sites, retirement, new devices) or a
/// report showing a terminal ahead of the agent recomputes every non-retired device with a
/// config key; where its effective settings changed, its desired version becomes
/// max(desired, reported applied) + 1, the document is signed with the device's key, stored,
/// and published retained on <c>uitpas/v1/t/{id}/config</c>. After the host started, and
/// whenever the external broker reconnects, every stored document is published again (the same
/// bytes: the terminal re-reports it as applied); a publish that failed is retried every 5 s,
/// and a document its terminal has not reported is published again after 10 s, 20 s, … up to
/// every 5 min (<see cref="LaggingResends"/>).
/// A retired device's retained document is cleared.
/// </summary>
public sealed class ConfigService : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);
    private const int PublishParallelism = 32;

    private readonly ConfigTwins _twins;
    private readonly DeviceRegistry _devices;
    private readonly IDeviceKeys _keys;
    private readonly ISnapshotTransport _transport;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _time;
    private readonly ILogger<ConfigService> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly HashSet<string> _published = new(StringComparer.Ordinal);
    private readonly LaggingResends _resends = new();
    private volatile bool _recompute = true;
    private volatile bool _republishAll = true;

    /// <summary>Creates the service.</summary>
    public ConfigService(ConfigTwins twins, DeviceRegistry devices, IDeviceKeys keys, ISnapshotTransport transport, IHostApplicationLifetime lifetime,
        TimeProvider time, ILogger<ConfigService> logger)
    {
        _twins = twins;
        _devices = devices;
        _keys = keys;
        _transport = transport;
        _lifetime = lifetime;
        _time = time;
        _logger = logger;
    }

    /// <summary>One layer's settings; NotFound for an unknown scope or a device scope naming an unknown device.</summary>
    public ConfigPushResult GetLayer(string scope, string scopeId)
    {
        var problem = CheckScope(scope, scopeId, forChange: false);
        return problem ?? new ConfigPushResult(ConfigPushOutcome.Done, null, _twins.Layers.Get(scope, scopeId), []);
    }

    /// <summary>
    /// Sets (value) or removes (null) settings of one layer, after checking every key and value
    /// with <see cref="ConfigSettings"/> (nothing is stored when one is bad); then recomputes and
    /// publishes. The result names the devices whose document changed, with their new version.
    /// </summary>
    public async Task<ConfigPushResult> SetLayerAsync(string scope, string scopeId, IReadOnlyDictionary<string, string?> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (CheckScope(scope, scopeId, forChange: true) is { } problem)
        {
            return problem;
        }
        foreach (var (setting, value) in changes.OrderBy(p => ConfigSettings.IndexOf(p.Key)))
        {
            var error = ConfigSettings.IsKnown(setting) ? value is null ? null : ConfigSettings.Validate(setting, value) : ConfigSettings.Validate(setting, null);
            if (error is not null)
            {
                return ConfigPushResult.Refused(ConfigPushOutcome.Invalid, error);
            }
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _twins.Store.SaveLayerAsync(scope, scopeId, changes, _time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
            var layer = _twins.Layers.Apply(scope, scopeId, changes);
            var devices = await RecomputeAsync(cancellationToken).ConfigureAwait(false);
            ConfigLog.LayerChanged(_logger, scope, scopeId, changes.Count, devices.Count);
            await PublishPendingAsync(cancellationToken).ConfigureAwait(false);
            return new ConfigPushResult(ConfigPushOutcome.Done, null, layer, devices);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Asks for a recomputation soon (the device registry changed).</summary>
    public void RequestRecompute()
    {
        _recompute = true;
        Wake();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _devices.Reloaded += OnRegistryReloaded;
        _twins.WorkNeeded += OnWorkNeeded;
        try
        {
            await WhenStartedAsync(stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                await RoundAsync(stoppingToken).ConfigureAwait(false);
                await _wake.WaitAsync(RetryInterval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _devices.Reloaded -= OnRegistryReloaded;
            _twins.WorkNeeded -= OnWorkNeeded;
        }
    }

    /// <summary>Publishes only once the host started, so the embedded broker listens (and holds the retained documents).</summary>
    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = _lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
    }

    private async Task RoundAsync(CancellationToken ct)
    {
        try
        {
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (_republishAll)
                {
                    _republishAll = false;
                    lock (_published)
                    {
                        _published.Clear();
                    }
                }
                if (_recompute)
                {
                    _recompute = false;
                    await RecomputeAsync(ct).ConfigureAwait(false);
                }
                ResendLagging();
                await PublishPendingAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // One failing round (a database error) must not end the service: the next one tries again.
            _recompute = true;
            ConfigLog.RoundFailed(_logger, exception);
        }
    }

    /// <summary>Makes and stores a new document for every device whose effective settings changed or whose terminal is ahead; under the gate.</summary>
    private async Task<IReadOnlyList<DesiredVersion>> RecomputeAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var made = new List<ConfigTwin>();
        foreach (var device in _devices.All.Where(d => !d.Retired).OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            var twin = _twins.Get(device.Id);
            var effective = _twins.Layers.EffectiveFor(device);
            var canonical = ConfigTwin.Canonical(effective);
            if (canonical == twin.DesiredSettings && !twin.TerminalIsAhead)
            {
                continue;
            }
            if (_keys.ConfigKeyOf(device.Id) is not { Length: ConfigDocument.KeyLength } key)
            {
                continue;
            }
            var version = twin.NextVersion;
            if (twin.TerminalIsAhead)
            {
                ConfigLog.TerminalAhead(_logger, device.Id, twin.Report?.Applied ?? 0, twin.DesiredVersion, version);
            }
            var settings = new Hashtable();
            foreach (var (name, value) in effective)
            {
                settings[name] = value;
            }
            try
            {
                var payload = new ConfigDocument(device.Id, version, now, settings).Sign(NetHmacSha256.Instance, key);
                made.Add(twin with { DesiredVersion = version, DesiredSettings = canonical, Document = payload, IssuedAtMs = now });
                ConfigLog.DocumentMade(_logger, device.Id, version, effective.Count);
            }
            catch (ArgumentException exception)
            {
                ConfigLog.SignFailed(_logger, device.Id, exception.Message);
            }
        }
        await _twins.SaveDesiredAsync(made, ct).ConfigureAwait(false);
        lock (_published)
        {
            foreach (var twin in made)
            {
                _published.Remove(twin.DeviceId);
            }
        }
        return made.Select(t => new DesiredVersion(t.DeviceId, t.DesiredVersion)).ToArray();
    }

    /// <summary>Marks for publishing again the documents whose terminal has not reported them for a while (see <see cref="LaggingResends"/>).</summary>
    private void ResendLagging()
    {
        var now = _time.GetUtcNow();
        foreach (var device in _devices.All)
        {
            var twin = _twins.Get(device.Id);
            var lagging = !device.Retired && twin.Document is not null && twin.State == "pending";
            if (_resends.IsDue(device.Id, twin.DesiredVersion, lagging, now, out var waited))
            {
                ConfigLog.Resent(_logger, device.Id, twin.DesiredVersion, waited);
                lock (_published)
                {
                    _published.Remove(device.Id);
                }
            }
        }
    }

    /// <summary>Publishes every document not on the broker yet (retained, QoS 1) and clears retired devices' documents; under the gate.</summary>
    private async Task PublishPendingAsync(CancellationToken ct)
    {
        var pending = new List<(string DeviceId, uint Version, byte[] Payload)>();
        lock (_published)
        {
            foreach (var device in _devices.All)
            {
                if (!_published.Contains(device.Id) && _twins.Get(device.Id) is { Document: { } document } twin)
                {
                    // A retired device's document is replaced by an empty retained message: the broker forgets it.
                    pending.Add((device.Id, twin.DesiredVersion, device.Retired ? [] : document));
                }
            }
        }
        if (pending.Count == 0)
        {
            return;
        }
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = PublishParallelism, CancellationToken = ct }, async (item, token) =>
        {
            if (await _transport.PublishAsync(Topics.Config(item.DeviceId), item.Payload, retain: true, token).ConfigureAwait(false))
            {
                lock (_published)
                {
                    _published.Add(item.DeviceId);
                }
                _resends.Published(item.DeviceId, item.Version, _time.GetUtcNow());
            }
            else
            {
                ConfigLog.NotPublished(_logger, item.DeviceId);
            }
        }).ConfigureAwait(false);
    }

    private ConfigPushResult? CheckScope(string scope, string scopeId, bool forChange)
    {
        if (!ConfigScope.IsKnown(scope))
        {
            return ConfigPushResult.Refused(ConfigPushOutcome.NotFound,
                $"unknown scope '{scope}'; the scopes are {string.Join(", ", ConfigScope.All)}");
        }
        if (ConfigScope.ValidateId(scopeId) is { } error)
        {
            return ConfigPushResult.Refused(ConfigPushOutcome.Invalid, error);
        }
        if (scope != ConfigScope.Device)
        {
            return null;
        }
        if (!_devices.TryGet(scopeId, out var device))
        {
            return ConfigPushResult.Refused(ConfigPushOutcome.NotFound, $"device {scopeId} is not registered");
        }
        return forChange && device.Retired
            ? ConfigPushResult.Refused(ConfigPushOutcome.Conflict, $"device {scopeId} is retired; it gets no configuration")
            : null;
    }

    private void OnRegistryReloaded(object? sender, EventArgs e) => RequestRecompute();

    private void OnWorkNeeded(bool republishAll)
    {
        if (republishAll)
        {
            _republishAll = true;
        }
        RequestRecompute();
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }
}
