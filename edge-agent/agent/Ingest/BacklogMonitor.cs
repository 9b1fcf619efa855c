using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Ingest;

/// <summary>
/// Recounts the relay backlog from the store every few seconds (<see cref="TapBacklog.Refresh"/>):
/// seeds it at start, and corrects the in-memory count for taps other agent instances settled
/// (several instances on one PostgreSQL store), so the StoreFull alarm also clears then.
/// </summary>
public sealed class BacklogMonitor : BackgroundService
{
    /// <summary>Time between recounts.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly TapBacklog _backlog;
    private readonly TimeProvider _time;
    private readonly ILogger<BacklogMonitor> _logger;

    /// <summary>Creates the monitor.</summary>
    public BacklogMonitor(TapBacklog backlog, TimeProvider time, ILogger<BacklogMonitor> logger)
    {
        _backlog = backlog;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _backlog.Refresh();
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                BacklogLog.RefreshFailed(_logger, exception);
            }
            try
            {
                await Task.Delay(Interval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
