using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Broker;

/// <summary>Sends a <see cref="TapResult"/> to a terminal's result topic with QoS 1.</summary>
public interface IResultPublisher
{
    /// <summary>Publishes the result; false when the broker could not take it (the terminal recovers by sending the tap again).</summary>
    Task<bool> PublishAsync(string deviceId, TapResult result, CancellationToken cancellationToken);
}
