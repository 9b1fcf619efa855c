namespace Uitpas.Edge.Core.Messaging
{
    /// <summary>
    /// Optional capability of an MQTT transport: the last will it hands the broker at CONNECT
    /// (QoS 1, retained). The broker publishes it when the connection ends without a clean
    /// DISCONNECT. A new will takes effect at the next (re)connect; a transport built to wait for
    /// its will does not connect before the first call.
    /// </summary>
    public interface IWillTransport
    {
        void SetWill(string topic, byte[] payload);
    }
}
