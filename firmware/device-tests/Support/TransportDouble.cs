using System;
using System.Collections;
using Uitpas.Edge.Core.Messaging;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>The MQTT link as the test sets it: connected or not, what was published, what the broker delivers.</summary>
    public sealed class TransportDouble : IMqttTransport
    {
        private readonly Queue _inbound = new Queue();
        private readonly ArrayList _published = new ArrayList();

        public TransportDouble()
        {
            IsConnected = true;
        }

        public bool IsConnected { get; set; }

        /// <summary>Called at each accepted publish, before the message is recorded.</summary>
        public Action OnPublish { get; set; }

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
            if (!IsConnected)
            {
                return false;
            }
            if (OnPublish != null)
            {
                OnPublish();
            }
            _published.Add(new SentMessage(topic, payload, false));
            return true;
        }

        public void Deliver(string topic, byte[] payload)
        {
            _inbound.Enqueue(new InboundMessage(topic, payload));
        }

        public InboundMessage Receive()
        {
            return _inbound.Count > 0 ? (InboundMessage)_inbound.Dequeue() : null;
        }
    }
}
