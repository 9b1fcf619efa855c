namespace Uitpas.Edge.Core.Snapshots
{
    /// <summary>
    /// Optional capability of an MQTT transport: a QoS 1 publish with the retain flag (the
    /// applied report is retained). A transport without it gets a plain publish.
    /// </summary>
    public interface IRetainedPublisher
    {
        bool PublishRetained(string topic, byte[] payload);
    }
}
