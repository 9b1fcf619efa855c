using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Access;

/// <summary>
/// The rules every deployment needs, before per-device credentials exist: clients publish only
/// taps and status on uitpas/v1/t/{deviceId}/…, never results (only the agent does); and they
/// subscribe only to topics of one named device (no wildcard at the device level, so no
/// terminal reads every terminal's results) and never to taps.
/// </summary>
public sealed class BaselineAccessPolicy : IAccessPolicy
{
    /// <inheritdoc />
    public AccessDecision AuthorizePublish(MqttIdentity identity, string topic)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!Topics.TryParseTerminalTopic(topic, out _, out var suffix))
        {
            return AccessDecision.Deny(RefusalKind.TopicInvalid, "topic is not uitpas/v1/t/{deviceId}/{tap|status}");
        }
        return suffix switch
        {
            Topics.TapSuffix or Topics.StatusSuffix => AccessDecision.Allow,
            Topics.ResultSuffix => AccessDecision.Deny(RefusalKind.NotAuthorized, "only the agent publishes results"),
            _ => AccessDecision.Deny(RefusalKind.TopicInvalid, "unknown terminal topic suffix"),
        };
    }

    /// <inheritdoc />
    public AccessDecision AuthorizeSubscribe(MqttIdentity identity, string topicFilter)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!Topics.TryParseTerminalTopic(topicFilter, out _, out var suffix) || suffix.Contains('+') || suffix.Contains('#'))
        {
            return AccessDecision.Deny(RefusalKind.NotAuthorized, "subscribe to the topics of one device only");
        }
        return suffix == Topics.TapSuffix
            ? AccessDecision.Deny(RefusalKind.NotAuthorized, "taps are for the agent only")
            : AccessDecision.Allow;
    }
}
