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

/// <summary>
/// Who is publishing or subscribing: the MQTT client id and user name (null when none).
/// <see cref="IsAuthenticated"/> is true only when the broker checked the user name's password
/// (and that the client id equals it) at CONNECT; a user name sent to a broker without a
/// password file proves nothing.
/// </summary>
public sealed record MqttIdentity(string ClientId, string? UserName)
{
    /// <summary>The user name was verified against the password file at CONNECT.</summary>
    public bool IsAuthenticated { get; init; }
}
