using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.Agent.Access;

/// <summary>
/// Binds an authenticated terminal to its device: its user name (= client id) is its device id,
/// and it may publish only <c>uitpas/v1/t/{own}/tap|status|config-state|snapshot/get|snapshot/applied</c>
/// (never <c>config</c>: the desired configuration is the agent's alone) and subscribe only to
/// <c>uitpas/v1/t/{own}/result|config|events|snapshot/chunk</c> and to the
/// allowlist manifest of its own card system (from the device registry), each topic exactly (no
/// wildcards). A client that is not authenticated (the anonymous loopback set-up for
/// development, or taps relayed by an external broker, which enforces its own ACL) gets the
/// topic rules of <see cref="BaselineAccessPolicy"/>.
/// </summary>
public sealed class DeviceBoundAccessPolicy : IAccessPolicy
{
    private readonly BaselineAccessPolicy _baseline = new();
    private readonly DeviceRegistry _devices;

    /// <summary>Creates the policy over the device registry (for each terminal's card system).</summary>
    public DeviceBoundAccessPolicy(DeviceRegistry devices) => _devices = devices;

    /// <inheritdoc />
    public AccessDecision AuthorizePublish(MqttIdentity identity, string topic)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var baseline = _baseline.AuthorizePublish(identity, topic);
        if (!baseline.IsAllowed || !identity.IsAuthenticated)
        {
            return baseline;
        }
        var own = identity.UserName!;
        if (Topics.TryParseTerminalTopic(topic, out var deviceId, out _) || DistributionTopics.TryParseTerminal(topic, out deviceId, out _))
        {
            return deviceId == own
                ? AccessDecision.Allow
                : AccessDecision.Deny(RefusalKind.NotAuthorized, $"terminal {own} publishes only on its own topics, not those of {deviceId}");
        }
        return AccessDecision.Deny(RefusalKind.NotAuthorized, $"terminal {own} publishes only on its own topics");
    }

    /// <inheritdoc />
    public AccessDecision AuthorizeSubscribe(MqttIdentity identity, string topicFilter)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!identity.IsAuthenticated)
        {
            return _baseline.AuthorizeSubscribe(identity, topicFilter);
        }
        var own = identity.UserName!;
        if (topicFilter == Topics.Result(own) || topicFilter == Topics.Config(own)
            || topicFilter == DistributionTopics.Events(own) || topicFilter == DistributionTopics.Chunk(own))
        {
            return AccessDecision.Allow;
        }
        if (DistributionTopics.TryParseAllowlist(topicFilter, out var cardSystem))
        {
            return _devices.TryGet(own, out var device) && device.CardSystemId > 0 && (uint)device.CardSystemId == cardSystem
                ? AccessDecision.Allow
                : AccessDecision.Deny(RefusalKind.NotAuthorized, $"terminal {own} reads only its own card system's allowlist");
        }
        return AccessDecision.Deny(RefusalKind.NotAuthorized,
            $"terminal {own} subscribes only to its own result, config, events and snapshot/chunk topics");
    }
}
