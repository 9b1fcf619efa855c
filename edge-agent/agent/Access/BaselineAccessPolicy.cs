using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.Agent.Access;

/// <summary>
/// The rules every deployment needs, before per-device credentials exist: clients publish only
/// taps, status and config reports (config-state) on uitpas/v1/t/{deviceId}/…, never results or
/// configuration documents (only the agent does); and they
/// subscribe only to topics of one named device (no wildcard at the device level, so no
/// terminal reads every terminal's results) and never to taps. Snapshot distribution: a client
/// may subscribe to one card system's allowlist manifest and to one device's events manifest,
/// chunk answers and applied report, never to chunk requests; it publishes only chunk requests and
/// applied reports there (manifests and chunk answers are the agent's).
/// </summary>
public sealed class BaselineAccessPolicy : IAccessPolicy
{
    /// <inheritdoc />
    public AccessDecision AuthorizePublish(MqttIdentity identity, string topic)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (DistributionTopics.TryParseAllowlist(topic, out _))
        {
            return AccessDecision.Deny(RefusalKind.NotAuthorized, "only the agent publishes manifests");
        }
        if (DistributionTopics.TryParseTerminal(topic, out _, out var distribution))
        {
            return distribution is DistributionTopics.GetSuffix or DistributionTopics.AppliedSuffix
                ? AccessDecision.Allow
                : AccessDecision.Deny(RefusalKind.NotAuthorized, "only the agent publishes manifests and chunk answers");
        }
        if (!Topics.TryParseTerminalTopic(topic, out _, out var suffix))
        {
            return AccessDecision.Deny(RefusalKind.TopicInvalid, "topic is not uitpas/v1/t/{deviceId}/{tap|status|config-state}");
        }
        return suffix switch
        {
            Topics.TapSuffix or Topics.StatusSuffix or Topics.ConfigStateSuffix => AccessDecision.Allow,
            Topics.ResultSuffix => AccessDecision.Deny(RefusalKind.NotAuthorized, "only the agent publishes results"),
            Topics.ConfigSuffix => AccessDecision.Deny(RefusalKind.NotAuthorized, "only the agent publishes configuration"),
            _ => AccessDecision.Deny(RefusalKind.TopicInvalid, "unknown terminal topic suffix"),
        };
    }

    /// <inheritdoc />
    public AccessDecision AuthorizeSubscribe(MqttIdentity identity, string topicFilter)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (DistributionTopics.TryParseAllowlist(topicFilter, out _))
        {
            return AccessDecision.Allow;
        }
        if (DistributionTopics.TryParseTerminal(topicFilter, out _, out var distribution))
        {
            return distribution == DistributionTopics.GetSuffix
                ? AccessDecision.Deny(RefusalKind.NotAuthorized, "chunk requests are for the agent only")
                : AccessDecision.Allow;
        }
        if (!Topics.TryParseTerminalTopic(topicFilter, out _, out var suffix) || suffix.Contains('+') || suffix.Contains('#'))
        {
            return AccessDecision.Deny(RefusalKind.NotAuthorized, "subscribe to the topics of one device only");
        }
        return suffix == Topics.TapSuffix
            ? AccessDecision.Deny(RefusalKind.NotAuthorized, "taps are for the agent only")
            : AccessDecision.Allow;
    }
}
