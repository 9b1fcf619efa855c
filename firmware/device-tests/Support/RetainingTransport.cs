using System.Collections;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Snapshots;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>
    /// An MQTT link with retained publishing and a last will, as the image's M2Mqtt transport has:
    /// keeps what was published with the retain flag, can refuse publishes (a full queue).
    /// </summary>
    public sealed class RetainingTransport : IMqttTransport, IRetainedPublisher, IWillTransport
    {
        private readonly Queue _inbound = new Queue();
        private readonly ArrayList _published = new ArrayList();

        public RetainingTransport()
        {
            IsConnected = true;
        }

        public bool IsConnected { get; set; }

        /// <summary>When set, every publish fails although connected.</summary>
        public bool Refuse { get; set; }

        public string WillTopic { get; private set; }

        public byte[] Will { get; private set; }

        public int Count
        {
            get { return _published.Count; }
        }

        public SentMessage At(int index)
        {
            return (SentMessage)_published[index];
        }

        public void Clear()
        {
            _published.Clear();
        }

        /// <summary>The messages published on <paramref name="topic"/>, oldest first.</summary>
        public SentMessage[] On(string topic)
        {
            ArrayList found = new ArrayList();
            for (int i = 0; i < _published.Count; i++)
            {
                SentMessage m = (SentMessage)_published[i];
                if (m.Topic == topic)
                {
                    found.Add(m);
                }
            }
            return (SentMessage[])found.ToArray(typeof(SentMessage));
        }

        public bool Publish(string topic, byte[] payload)
        {
            return Add(topic, payload, false);
        }

        public bool PublishRetained(string topic, byte[] payload)
        {
            return Add(topic, payload, true);
        }

        public void SetWill(string topic, byte[] payload)
        {
            WillTopic = topic;
            Will = payload;
        }

        public void Deliver(string topic, byte[] payload)
        {
            _inbound.Enqueue(new InboundMessage(topic, payload));
        }

        public InboundMessage Receive()
        {
            return _inbound.Count > 0 ? (InboundMessage)_inbound.Dequeue() : null;
        }

        private bool Add(string topic, byte[] payload, bool retained)
        {
            if (!IsConnected || Refuse)
            {
                return false;
            }
            _published.Add(new SentMessage(topic, payload, retained));
            return true;
        }
    }
}
