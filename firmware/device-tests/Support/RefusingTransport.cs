using System.Collections;
using Uitpas.Edge.Core.Messaging;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>A connected transport that reports PUBACK refusals, as the virtual terminal's MQTTnet transport does.</summary>
    public sealed class RefusingTransport : IMqttTransport, IPublishRefusals
    {
        private readonly Queue _inbound = new Queue();
        private readonly Queue _refusals = new Queue();
        private readonly ArrayList _published = new ArrayList();

        public bool IsConnected
        {
            get { return true; }
        }

        public int Count
        {
            get { return _published.Count; }
        }

        public SentMessage At(int index)
        {
            return (SentMessage)_published[index];
        }

        public SentMessage Last
        {
            get { return (SentMessage)_published[_published.Count - 1]; }
        }

        public bool Publish(string topic, byte[] payload)
        {
            _published.Add(new SentMessage(topic, payload, false));
            return true;
        }

        /// <summary>The broker refuses the last published message with <paramref name="reasonCode"/>.</summary>
        public void RefuseLast(int reasonCode)
        {
            _refusals.Enqueue(new PublishRefusal(Last.Topic, Last.Payload, reasonCode));
        }

        public void Deliver(string topic, byte[] payload)
        {
            _inbound.Enqueue(new InboundMessage(topic, payload));
        }

        public InboundMessage Receive()
        {
            return _inbound.Count > 0 ? (InboundMessage)_inbound.Dequeue() : null;
        }

        public PublishRefusal ReceiveRefusal()
        {
            return _refusals.Count > 0 ? (PublishRefusal)_refusals.Dequeue() : null;
        }
    }
}
