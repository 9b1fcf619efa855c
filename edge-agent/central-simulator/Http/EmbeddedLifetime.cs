using Microsoft.Extensions.Hosting;

namespace Uitpas.Edge.Simulator;

/// <summary>
/// Replaces the console lifetime: an embedded simulator must not take Ctrl+C or SIGTERM away
/// from the process that hosts it. The owner stops it by disposing it.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
