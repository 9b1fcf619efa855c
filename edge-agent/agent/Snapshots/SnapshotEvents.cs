namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>A new snapshot version was built and stored.</summary>
public sealed record SnapshotBuilt(int Kind, string Owner, uint Version, string File, long Length, int Deltas);

/// <summary>A manifest was published (retained) on the broker.</summary>
public sealed record ManifestPublished(string Topic, int Kind, string Owner, uint Version, bool Delivered);

/// <summary>A terminal's applied report was stored.</summary>
public sealed record SnapshotReported(string DeviceId, int Kind, uint AppliedVersion, bool Refused, string? Reason);

/// <summary>A chunk request was answered; <see cref="Status"/> is the chunk status (0 ok).</summary>
public sealed record ChunkServed(string DeviceId, string File, long Offset, int Length, int Status, string? Reason);

/// <summary>
/// In-process notifications of the snapshot component, for the demo, the fleet view and tests
/// (which wait on these rather than on time). Handlers run on the agent's threads: keep them short.
/// </summary>
public sealed class SnapshotEvents
{
    /// <summary>A snapshot version was built.</summary>
    public event Action<SnapshotBuilt>? Built;

    /// <summary>A manifest was published.</summary>
    public event Action<ManifestPublished>? ManifestPublished;

    /// <summary>A terminal reported what it applied or refused.</summary>
    public event Action<SnapshotReported>? Reported;

    /// <summary>A chunk request was answered.</summary>
    public event Action<ChunkServed>? ChunkServed;

    internal void Raise(SnapshotBuilt e) => Built?.Invoke(e);

    internal void Raise(ManifestPublished e) => ManifestPublished?.Invoke(e);

    internal void Raise(SnapshotReported e) => Reported?.Invoke(e);

    internal void Raise(ChunkServed e) => ChunkServed?.Invoke(e);
}
