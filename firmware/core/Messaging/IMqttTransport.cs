namespace Uitpas.Edge.Core.Messaging
{
    /// <summary>
    /// The MQTT session as the core needs it. The adapter (M2Mqtt on the device, MQTTnet on a
    /// PC) owns the connection, reconnects by itself, and queues what arrives until the core
    /// polls it, so the core never runs on the network's threads. Nothing here blocks.
    /// </summary>
    public interface IMqttTransport
    {
        bool IsConnected { get; }

        /// <summary>
        /// Hands a QoS 1 message to the client's outgoing queue. False when it could not be
        /// queued (not connected, queue full); the caller keeps the message and tries later.
        /// </summary>
        bool Publish(string topic, byte[] payload);

        /// <summary>The next message received on a subscribed topic, or null when none is waiting.</summary>
        InboundMessage Receive();
    }
}
