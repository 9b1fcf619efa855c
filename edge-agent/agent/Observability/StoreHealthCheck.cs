using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Store;

namespace Uitpas.Edge.Agent.Observability;

/// <summary>
/// The store: a no-op transaction through the store writer (the path every tap takes), within
/// <see cref="OperationsOptions.StoreProbeTimeout"/>. Unhealthy when the writer is stopped,
/// the transaction fails or it does not commit in time: taps cannot be acknowledged.
/// </summary>
internal sealed class StoreHealthCheck : IHealthCheck
{
    private readonly StoreWriter _writer;
    private readonly TimeSpan _timeout;

    public StoreHealthCheck(StoreWriter writer, IOptions<OperationsOptions> options)
    {
        _writer = writer;
        _timeout = options.Value.StoreProbeTimeout;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await _writer.ExecuteAsync((_, _) => true, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the store did not commit a probe within {_timeout.TotalSeconds:0.###} s");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the store refused a probe: " + exception.GetType().Name + ": " + exception.Message);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        return HealthCheckResult.Healthy("store commits", new Dictionary<string, object> { ["probeMilliseconds"] = Math.Round(elapsed.TotalMilliseconds, 2) });
    }
}
