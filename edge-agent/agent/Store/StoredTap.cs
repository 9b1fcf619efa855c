using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Store;

/// <summary>Where a stored tap stands in the relay to central.</summary>
public enum RelayState
{
    /// <summary>Not sent yet, or to be sent again after central was unavailable.</summary>
    Pending = 0,

    /// <summary>A call to central was started and its answer is not stored yet; found so at start-up it becomes <see cref="Unknown"/>.</summary>
    InFlight = 1,

    /// <summary>Central gave a definitive answer; <see cref="StoredTap.Result"/> is set.</summary>
    Done = 2,

    /// <summary>
    /// A call may have reached central but its answer was lost (timeout, dropped connection, agent
    /// stopped mid-call): central's check-in history is consulted before the tap is sent again.
    /// </summary>
    Unknown = 3,
}

/// <summary>A tap as the store holds it. <see cref="ChipUid"/> is personal data: never log it in full.</summary>
public sealed record StoredTap(
    long Id,
    string DeviceId,
    uint BootEpoch,
    uint Sequence,
    byte[] ChipUid,
    long TappedAtUnixMs,
    byte Flags,
    RelayState State,
    int Attempts,
    long NextAttemptAtUnixMs,
    bool QueuedNotified,
    TapResult? Result)
{
    /// <summary>The result the terminal was last told: the definitive one, or Queued when only that was sent.</summary>
    public TapResult? KnownResult => Result ?? (QueuedNotified ? TapResults.Queued(BootEpoch, Sequence) : null);
}

/// <summary>Results the agent builds itself.</summary>
public static class TapResults
{
    /// <summary>"Registered, points follow": the tap is held durably and will be relayed.</summary>
    public static TapResult Queued(uint bootEpoch, uint sequence) =>
        new(bootEpoch, sequence, TapOutcome.Queued, 0, -1, "queued", string.Empty);
}
