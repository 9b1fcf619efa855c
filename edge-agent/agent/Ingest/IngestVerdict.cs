using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Ingest;

/// <summary>What became of an inbound publish.</summary>
public enum IngestVerdictKind
{
    /// <summary>A new tap, committed: acknowledge it.</summary>
    Accepted,

    /// <summary>A tap already stored: acknowledge it, store nothing; publish <see cref="IngestVerdict.Republish"/> when set.</summary>
    Duplicate,

    /// <summary>Not a tap but allowed (e.g. a terminal's status): let the broker deliver it as usual.</summary>
    Forward,

    /// <summary>Refused: do not process or forward; answer with the refusal.</summary>
    Refused,
}

/// <summary>The verdict on one publish. For a refusal, <see cref="Refusal"/> and <see cref="Reason"/> say why.</summary>
public sealed record IngestVerdict(IngestVerdictKind Verdict, string? DeviceId, RefusalKind Refusal, string Reason, TapResult? Republish)
{
    /// <summary>A new tap committed.</summary>
    public static IngestVerdict Accepted(string deviceId) => new(IngestVerdictKind.Accepted, deviceId, default, string.Empty, null);

    /// <summary>A tap seen before; <paramref name="republish"/> is the result the terminal may have missed.</summary>
    public static IngestVerdict Duplicate(string deviceId, TapResult? republish) => new(IngestVerdictKind.Duplicate, deviceId, default, string.Empty, republish);

    /// <summary>Deliver as usual.</summary>
    public static IngestVerdict Forward { get; } = new(IngestVerdictKind.Forward, null, default, string.Empty, null);

    /// <summary>A refusal.</summary>
    public static IngestVerdict Refused(RefusalKind kind, string reason) => new(IngestVerdictKind.Refused, null, kind, reason, null);

    /// <summary>True for Accepted and Duplicate: the tap is durable and may be acknowledged.</summary>
    public bool IsDurable => Verdict is IngestVerdictKind.Accepted or IngestVerdictKind.Duplicate;
}
