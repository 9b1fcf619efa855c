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

    /// <summary>
    /// The store holds Agent:Store:MaxBacklog unrelayed taps: the tap is not stored now; the
    /// terminal keeps it journaled and sends it again later (PUBACK QuotaExceeded).
    /// </summary>
    Backpressure,
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

/// <summary>An alarm became active (see Alarms.AlarmBoard); <see cref="Detail"/> is for operators.</summary>
public sealed record AlarmRaised(Alarms.AlarmKind Kind, DateTimeOffset Since, string Detail);

/// <summary>An alarm ended: it had been active from <see cref="Since"/> to <see cref="ClearedAt"/>.</summary>
public sealed record AlarmCleared(Alarms.AlarmKind Kind, DateTimeOffset Since, DateTimeOffset ClearedAt, string Detail);

/// <summary>A tap got its final answer from central (stored; no longer in the relay's backlog).</summary>
public sealed record TapSettled(string DeviceId, uint BootEpoch, uint Sequence, long TapId, Reconcile.TapCredit Credit);
