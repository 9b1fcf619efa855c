using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Cards;
using Uitpas.Edge.Agent.Devices;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>
/// Runs the snapshot work: at start (before the host is up) it imports the configured supplier
/// CSV; then it builds every card system's allowlist and every terminal's events snapshot and
/// publishes the manifests; afterwards it rebuilds every <see cref="SnapshotOptions.RebuildInterval"/> and soon after an
/// input changed (card map, device registry), and retries manifests whose publish failed.
/// </summary>
public sealed class SnapshotService : BackgroundService
{
    private static readonly TimeSpan PublishRetry = TimeSpan.FromSeconds(5);

    private readonly AllowlistBuilder _allowlists;
    private readonly EventsBuilder _events;
    private readonly ManifestPublisher _manifests;
    private readonly DeviceRegistry _devices;
    private readonly CardMap _cards;
    private readonly SnapshotFileStore _files;
    private readonly SnapshotOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SnapshotService> _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _building = new(1, 1);
    private volatile bool _inputsChanged;

    /// <summary>Creates the service.</summary>
    public SnapshotService(AllowlistBuilder allowlists, EventsBuilder events, ManifestPublisher manifests, DeviceRegistry devices, CardMap cards,
        SnapshotFileStore files, IOptions<SnapshotOptions> options, TimeProvider time, ILogger<SnapshotService> logger)
    {
        _allowlists = allowlists;
        _events = events;
        _manifests = manifests;
        _devices = devices;
        _cards = cards;
        _files = files;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Asks for a rebuild soon (after <see cref="SnapshotOptions.RebuildDebounce"/>).</summary>
    public void RequestRebuild()
    {
        _inputsChanged = true;
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

    /// <summary>Builds everything once (one build at a time) and publishes the manifests: what the loop does, callable by tools and tests.</summary>
    public async Task RebuildAllAsync(CancellationToken ct)
    {
        await _building.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _inputsChanged = false;
            var devices = _devices.All.Where(d => d.CardSystemId > 0 && !d.Retired).ToArray();
            foreach (var cardSystem in devices.Select(d => d.CardSystemId).Distinct().Order())
            {
                await _allowlists.BuildAsync(cardSystem, ct).ConfigureAwait(false);
            }
            foreach (var device in devices)
            {
                await _events.BuildAsync(device, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _building.Release();
        }
        await _manifests.PublishAllAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Removes files a crash left half-written and imports the configured supplier CSV before the loop starts.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _files.RemoveLeftovers();
        await ImportSupplierCsvAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _cards.Changed += OnInputsChanged;
        _devices.Reloaded += OnInputsChanged;
        try
        {
            var nextBuild = DateTimeOffset.MinValue;
            while (!stoppingToken.IsCancellationRequested)
            {
                if (_inputsChanged || _time.GetUtcNow() >= nextBuild)
                {
                    await RunGuardedAsync(RebuildAllAsync, stoppingToken).ConfigureAwait(false);
                    nextBuild = _time.GetUtcNow() + _options.RebuildInterval;
                }
                else
                {
                    await RunGuardedAsync(ct => _manifests.PublishAllAsync(ct), stoppingToken).ConfigureAwait(false);
                }
                var wait = Min(nextBuild - _time.GetUtcNow(), PublishRetry);
                if (await WaitAsync(wait, stoppingToken).ConfigureAwait(false) && _options.RebuildDebounce > TimeSpan.Zero)
                {
                    await Task.Delay(_options.RebuildDebounce, _time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _cards.Changed -= OnInputsChanged;
            _devices.Reloaded -= OnInputsChanged;
        }
    }

    private void OnInputsChanged(object? sender, EventArgs e) => RequestRebuild();

    private async Task RunGuardedAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        try
        {
            await work(ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // One failing round (disk full, a database error) must not end the service: the next round tries again.
            SnapshotLog.RoundFailed(_logger, exception);
        }
    }

    /// <summary>True when woken by a signal, false after the timeout.</summary>
    private async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) =>
        await _wake.WaitAsync(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, ct).ConfigureAwait(false);

    private async Task ImportSupplierCsvAsync(CancellationToken ct)
    {
        var path = _options.SupplierCsv;
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }
        try
        {
            using var reader = new StreamReader(path);
            var result = SupplierCsv.Read(reader);
            if (!result.IsValid)
            {
                SnapshotLog.SupplierCsvRefused(_logger, path, result.Errors.Count, string.Join("; ", result.Errors.Take(5)));
                return;
            }
            var changed = await _cards.ImportAsync(result.Pairs, ct).ConfigureAwait(false);
            SnapshotLog.SupplierCsvImported(_logger, path, result.Pairs.Count, changed);
        }
        catch (IOException exception)
        {
            SnapshotLog.SupplierCsvUnreadable(_logger, path, exception.Message);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
