using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Events;

/// <summary>Why the agent refused a publish (mapped to an MQTT 5 PUBACK reason code by the embedded broker).</summary>
public enum RefusalKind
{
    /// <summary>The topic is not a known uitpas/v1 shape.</summary>
    TopicInvalid,

    /// <summary>The publisher may not publish there (e.g. a terminal on a result topic).</summary>
    NotAuthorized,

    /// <summary>The device id is not in the registry.</summary>
    UnknownDevice,

    /// <summary>The payload is larger than a tap can be; it was not decoded.</summary>
    PayloadTooLarge,

    /// <summary>The payload is not a valid tap.</summary>
    PayloadInvalid,

    /// <summary>The tap could not be stored; the terminal keeps it and sends it again.</summary>
    StoreUnavailable,
}

/// <summary>A new tap is durable (its acknowledgement may now be sent).</summary>
public sealed record TapCommitted(string DeviceId, uint BootEpoch, uint Sequence, long TapId, bool IsReplay);

/// <summary>A tap whose (device, epoch, sequence) was already stored arrived again; it is acknowledged, not stored.</summary>
public sealed record TapDuplicate(string DeviceId, uint BootEpoch, uint Sequence, long TapId, bool ResultRepublished);

/// <summary>A publish was refused. Epoch and sequence are set when the payload was decoded.</summary>
public sealed record TapRefused(string ClientId, string Topic, string? DeviceId, uint? BootEpoch, uint? Sequence, RefusalKind Kind, string Reason);

/// <summary>A result was handed to the broker for the device's result topic.</summary>
public sealed record ResultPublished(string DeviceId, uint BootEpoch, uint Sequence, TapOutcome Outcome, string Reason, bool Delivered);

/// <summary>One call to central for a tap ended; <see cref="RetryIn"/> is set when the tap will be tried again.</summary>
public sealed record RelayAttempted(string DeviceId, uint BootEpoch, uint Sequence, int Attempt, CentralOutcome Outcome, TimeSpan? RetryIn);
