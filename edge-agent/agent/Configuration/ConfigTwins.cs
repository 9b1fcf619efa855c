using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.Agent.Configuration;

/// <summary>
/// Every device's config twin (desired document, last report) in memory and in config_twins,
/// and the layers, both loaded at start, before the broker can deliver the first report. The
/// brokers hand it each message of <c>uitpas/v1/t/{id}/config-state</c>; it answers
/// <see cref="IConfigStatus"/> for the API and the dashboard. It publishes nothing itself:
/// <see cref="ConfigService"/> does, woken by <see cref="WorkNeeded"/>.
/// </summary>
public sealed class ConfigTwins : IConfigStatus, IHostedService
{
    /// <summary>What an agent on an external broker subscribes to (not shared: every instance follows every report).</summary>
    public const string AllReports = Topics.TerminalPrefix + "+/" + Topics.ConfigStateSuffix;

    private readonly ConfigStore _store;
    private readonly DeviceRegistry _devices;
    private readonly TimeProvider _time;
    private readonly ILogger<ConfigTwins> _logger;
    private readonly Dictionary<string, ConfigTwin> _twins = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    internal ConfigTwins(ConfigStore store, ConfigLayers layers, DeviceRegistry devices, TimeProvider time, ILogger<ConfigTwins> logger)
    {
        _store = store;
        Layers = layers;
        _devices = devices;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public event Action<string>? Changed;

    /// <summary>Raised when a report shows the terminal ahead of the agent (a new version is due) or the broker (re)connected (republish everything); true = republish all.</summary>
    internal event Action<bool>? WorkNeeded;

    internal ConfigLayers Layers { get; }

    internal ConfigStore Store => _store;

    /// <summary>True for <c>uitpas/v1/t/{id}/config-state</c>.</summary>
    public static bool IsReportTopic(string topic) =>
        Topics.TryParseTerminalTopic(topic, out _, out var suffix) && suffix == Topics.ConfigStateSuffix;

    /// <inheritdoc />
    public DeviceConfigStatus? StatusOf(string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        if (!_devices.TryGet(deviceId, out var device))
        {
            return null;
        }
        var twin = Get(deviceId);
        var refusal = twin.Refusal;
        return new DeviceConfigStatus(twin.DesiredVersion, twin.State, twin.Report?.Applied ?? 0, refusal, Layers.EffectiveFor(device));
    }

    /// <summary>The device's twin (an empty one when nothing was stored).</summary>
    internal ConfigTwin Get(string deviceId)
    {
        lock (_gate)
        {
            return _twins.TryGetValue(deviceId, out var twin) ? twin : ConfigTwin.Empty(deviceId);
        }
    }

    /// <summary>Stores twins with new desired documents (one transaction); completes after the commit.</summary>
    internal async Task SaveDesiredAsync(IReadOnlyList<ConfigTwin> twins, CancellationToken cancellationToken)
    {
        if (twins.Count == 0)
        {
            return;
        }
        var merged = new List<ConfigTwin>(twins.Count);
        Task saved;
        lock (_gate)
        {
            foreach (var twin in twins)
            {
                // Keep the latest report: it may have arrived while the document was being made.
                var current = _twins.TryGetValue(twin.DeviceId, out var known) ? known : ConfigTwin.Empty(twin.DeviceId);
                var next = twin with { Report = current.Report, Refusal = current.Refusal, ReceivedAt = current.ReceivedAt };
                _twins[twin.DeviceId] = next;
                merged.Add(next);
            }
            saved = _store.SaveAllAsync(merged, cancellationToken);
        }
        await saved.ConfigureAwait(false);
        foreach (var twin in merged)
        {
            Changed?.Invoke(twin.DeviceId);
        }
    }

    /// <summary>Asks the publisher to publish every document again (the external broker reconnected).</summary>
    public void BrokerConnected() => WorkNeeded?.Invoke(true);

    /// <summary>
    /// Takes one message of a config-state topic. False (nothing changes) for another topic, an
    /// unregistered device, an empty (cleared) payload, a malformed report or the report already
    /// known; never throws for bad input. Completes after the report was stored (or failed to be).
    /// </summary>
    public async Task<bool> ObserveReportAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        if (!Topics.TryParseTerminalTopic(topic, out var deviceId, out var suffix) || suffix != Topics.ConfigStateSuffix
            || payload.IsEmpty || !_devices.TryGet(deviceId, out _))
        {
            return false;
        }
        if (!ConfigReport.TryParse(payload.ToArray(), out var report, out var error))
        {
            ConfigLog.ReportInvalid(_logger, deviceId, error);
            return false;
        }
        ConfigTwin twin;
        Task saved;
        lock (_gate)
        {
            var previous = _twins.TryGetValue(deviceId, out var known) ? known : ConfigTwin.Empty(deviceId);
            if (previous.Report is { } last && last.ToText() == report.ToText())
            {
                return false;
            }
            twin = previous.WithReport(report, _time.GetUtcNow());
            _twins[deviceId] = twin;
            saved = _store.SaveAsync(twin, cancellationToken);
        }
        if (report.IsRefused)
        {
            ConfigLog.Refused(_logger, deviceId, report.Version, report.Reason, report.Detail ?? "", report.Applied);
        }
        else
        {
            ConfigLog.Applied(_logger, deviceId, report.Applied, twin.DesiredVersion);
        }
        try
        {
            await saved.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            ConfigLog.StoreFailed(_logger, deviceId, exception);
        }
        Changed?.Invoke(deviceId);
        if (twin.TerminalIsAhead)
        {
            WorkNeeded?.Invoke(false);
        }
        return true;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Layers.Load(_store.LoadLayers());
        var twins = _store.LoadTwins();
        lock (_gate)
        {
            _twins.Clear();
            foreach (var twin in twins)
            {
                _twins[twin.DeviceId] = twin;
            }
        }
        ConfigLog.Loaded(_logger, twins.Count);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
