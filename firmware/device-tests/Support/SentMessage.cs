namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>One message the terminal published.</summary>
    public sealed class SentMessage
    {
        public SentMessage(string topic, byte[] payload, bool retained)
        {
            Topic = topic;
            Payload = payload;
            Retained = retained;
        }

        public string Topic { get; }

        public byte[] Payload { get; }

        public bool Retained { get; }
    }
}
