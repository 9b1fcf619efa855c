namespace Uitpas.Edge.Core.Messaging
{
    public sealed class InboundMessage
    {
        public InboundMessage(string topic, byte[] payload)
        {
            Topic = topic;
            Payload = payload;
        }

        public string Topic { get; }
        public byte[] Payload { get; }
    }
}
