using Uitpas.Edge.Agent.Events;

namespace Uitpas.Edge.Agent.Access;

/// <summary>What the access policy says about a publish or a subscription.</summary>
public readonly record struct AccessDecision(bool IsAllowed, RefusalKind Kind, string Reason)
{
    /// <summary>Allowed.</summary>
    public static AccessDecision Allow { get; } = new(true, default, string.Empty);

    /// <summary>Refused, with the reason sent back (PUBACK/SUBACK reason string) and logged.</summary>
    public static AccessDecision Deny(RefusalKind kind, string reason) => new(false, kind, reason);
}

/// <summary>Who is publishing or subscribing: the MQTT client id and user name (null when none).</summary>
public sealed record MqttIdentity(string ClientId, string? UserName);
