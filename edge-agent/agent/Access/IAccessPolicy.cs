namespace Uitpas.Edge.Agent.Access;

/// <summary>
/// Which MQTT client may publish or subscribe where on the embedded broker. The agent's own
/// publishes never reach it. A per-device policy (a terminal's credentials bound to its device
/// id, so it may publish only in its own subtree) replaces <see cref="BaselineAccessPolicy"/>
/// by registering another implementation.
/// </summary>
public interface IAccessPolicy
{
    /// <summary>May <paramref name="identity"/> publish on <paramref name="topic"/>?</summary>
    AccessDecision AuthorizePublish(MqttIdentity identity, string topic);

    /// <summary>May <paramref name="identity"/> subscribe to <paramref name="topicFilter"/>?</summary>
    AccessDecision AuthorizeSubscribe(MqttIdentity identity, string topicFilter);
}
