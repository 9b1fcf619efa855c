using System.Diagnostics;
using System.Globalization;
using Uitpas.Edge.Bench.Ingest.Targets;

namespace Uitpas.Edge.Bench.Ingest.Load;

/// <summary>
/// One line per second while a load runs: PUBACKs and results per second, taps outstanding,
/// the bench's own thread pool, and the target process's RSS and threads. A stall shows here
/// as PUBACKs/s falling while outstanding stays at the fleet size.
/// </summary>
public sealed class ProgressMonitor : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProgressMonitor(string label, Fleet fleet, ChildProcess? target, Func<string>? extra = null) =>
        _loop = RunAsync(label, fleet, target, extra);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(string label, Fleet fleet, ChildProcess? target, Func<string>? extra)
    {
        var started = Stopwatch.GetTimestamp();
        long lastAcks = 0, lastResults = 0;
        try
        {
            while (true)
            {
                await Task.Delay(1000, _stop.Token).ConfigureAwait(false);
                var acks = fleet.Terminals.Sum(t => t.Acks);
                var results = fleet.Terminals.Sum(t => t.ResultsReceived);
                var outstanding = fleet.Terminals.Sum(t => t.Outstanding);
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"  [{label} {Stopwatch.GetElapsedTime(started).TotalSeconds,5:F0}s] pubacks/s {acks - lastAcks,7:N0}  results/s {results - lastResults,7:N0}  outstanding {outstanding,5}  disconnects {fleet.Disconnects}  bench pool {ThreadPool.ThreadCount} thr/{ThreadPool.PendingWorkItemCount} queued");
                if (target is { HasExited: false })
                {
                    line += string.Create(CultureInfo.InvariantCulture, $"  {target.Name} rss {target.RssKb() / 1024.0:N0} MB thr {target.Threads()}");
                }
                if (extra is not null)
                {
                    line += "  " + extra();
                }
                Console.WriteLine(line);
                lastAcks = acks;
                lastResults = results;
            }
        }
        catch (OperationCanceledException)
        {
            // load over
        }
    }
}
