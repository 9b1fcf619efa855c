namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>How the snapshot component publishes on the broker (embedded or external): manifests retained, chunk answers not.</summary>
public interface ISnapshotTransport
{
    /// <summary>Publishes with QoS 1; false when the broker could not take it now.</summary>
    Task<bool> PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken);
}

/// <summary>An answer to send back for an inbound snapshot message.</summary>
public sealed record SnapshotReply(string Topic, byte[] Payload);
