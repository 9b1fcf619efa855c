namespace Uitpas.Edge.Core.Messaging
{
    /// <summary>
    /// Optional capability of an <see cref="IMqttTransport"/> whose client sees MQTT 5 PUBACK
    /// reason codes (MQTTnet in the virtual terminal): it queues every refused publish for the
    /// core to poll, like received messages. nanoFramework's M2Mqtt reports only that a publish
    /// was acknowledged, not its reason code, so the device's transport does not offer it; the
    /// core then notices a refusal only as a missing answer (see TapFlow).
    /// </summary>
    public interface IPublishRefusals
    {
        /// <summary>The next refused publish, or null when none is waiting. Never blocks.</summary>
        PublishRefusal ReceiveRefusal();
    }
}
