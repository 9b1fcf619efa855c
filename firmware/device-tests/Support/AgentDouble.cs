using System.Collections;
using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>
    /// The agent as the network shows it to one terminal: retained manifests (sent again at every
    /// connect), chunk answers from real files, applied reports kept as retained. It stands in
    /// for the broker and the agent's file service, not for the terminal's logic.
    /// </summary>
    public sealed class AgentDouble : IMqttTransport, IRetainedPublisher
    {
        private readonly Queue _inbound = new Queue();
        private readonly Hashtable _retained = new Hashtable();
        private readonly ArrayList _retainedTopics = new ArrayList();
        private bool _connected = true;

        public AgentDouble()
        {
            Files = new Hashtable();
            Requests = new ArrayList();
            Reports = new ArrayList();
            AnswersLeft = -1;
            ClaimedTotal = -1;
        }

        /// <summary>The agent's files by name (byte[]).</summary>
        public Hashtable Files { get; }

        /// <summary>Every chunk request received (ChunkRequest), oldest first.</summary>
        public ArrayList Requests { get; }

        /// <summary>Every applied report received (AppliedReport), oldest first.</summary>
        public ArrayList Reports { get; }

        /// <summary>Answers left before the agent goes silent (the link breaks); -1 = no limit.</summary>
        public int AnswersLeft { get; set; }

        /// <summary>Serves this length as the file's total instead of the real one (a lying agent); -1 = the real one.</summary>
        public long ClaimedTotal { get; set; }

        public bool IsConnected
        {
            get { return _connected; }
        }

        public ChunkRequest RequestAt(int index)
        {
            return (ChunkRequest)Requests[index];
        }

        public AppliedReport ReportAt(int index)
        {
            return (AppliedReport)Reports[index];
        }

        /// <summary>Whether any report so far is a refusal.</summary>
        public bool AnyRefused()
        {
            for (int i = 0; i < Reports.Count; i++)
            {
                if (ReportAt(i).IsRefused)
                {
                    return true;
                }
            }
            return false;
        }

        public void Disconnect()
        {
            _connected = false;
        }

        /// <summary>Connects again; the broker sends the retained manifests, as at every subscribe.</summary>
        public void Connect()
        {
            _connected = true;
            for (int i = 0; i < _retainedTopics.Count; i++)
            {
                string topic = (string)_retainedTopics[i];
                _inbound.Enqueue(new InboundMessage(topic, (byte[])_retained[topic]));
            }
        }

        public void Announce(string topic, SnapshotManifest manifest)
        {
            Announce(topic, manifest.Encode());
        }

        public void Announce(string topic, byte[] payload)
        {
            if (!_retained.Contains(topic))
            {
                _retainedTopics.Add(topic);
            }
            _retained[topic] = payload;
            if (_connected)
            {
                _inbound.Enqueue(new InboundMessage(topic, payload));
            }
        }

        /// <summary>Offers <paramref name="file"/> under <paramref name="name"/> and announces its manifest on <paramref name="topic"/>.</summary>
        public void Offer(string topic, int kind, uint version, string name, byte[] file, params ManifestDelta[] deltas)
        {
            Files[name] = file;
            Announce(topic, SnapshotMaker.Manifest(kind, version, name, file, deltas));
        }

        public void Deliver(string topic, byte[] payload)
        {
            _inbound.Enqueue(new InboundMessage(topic, payload));
        }

        public bool Publish(string topic, byte[] payload)
        {
            if (!_connected)
            {
                return false;
            }
            if (topic == DistributionTopics.Get(SnapshotMaker.Device))
            {
                ChunkRequest request;
                string error;
                Assert.IsTrue(ChunkRequest.TryParse(payload, out request, out error), "a chunk request: " + error);
                Requests.Add(request);
                Answer(request);
            }
            return true;
        }

        public bool PublishRetained(string topic, byte[] payload)
        {
            if (!_connected)
            {
                return false;
            }
            Assert.AreEqual(DistributionTopics.Applied(SnapshotMaker.Device), topic, "applied reports only");
            AppliedReport report;
            string error;
            Assert.IsTrue(AppliedReport.TryParse(payload, out report, out error), "an applied report: " + error);
            Reports.Add(report);
            return true;
        }

        public InboundMessage Receive()
        {
            return _inbound.Count > 0 ? (InboundMessage)_inbound.Dequeue() : null;
        }

        private void Answer(ChunkRequest request)
        {
            if (AnswersLeft >= 0)
            {
                if (AnswersLeft == 0)
                {
                    return;
                }
                AnswersLeft--;
            }
            string topic = DistributionTopics.Chunk(SnapshotMaker.Device);
            byte[] file = (byte[])Files[request.File];
            if (file == null)
            {
                _inbound.Enqueue(new InboundMessage(topic, ChunkAnswer.Encode(ChunkStatus.UnknownFile, request.File, 0, 0, new byte[0], 0, 0)));
                return;
            }
            long total = ClaimedTotal >= 0 ? ClaimedTotal : file.Length;
            long end = file.Length < total ? file.Length : total;
            long count = end - request.Offset;
            if (count > request.Count)
            {
                count = request.Count;
            }
            if (count < 0)
            {
                count = 0;
            }
            _inbound.Enqueue(new InboundMessage(topic,
                ChunkAnswer.Encode(ChunkStatus.Ok, request.File, request.Offset, total, file, (int)request.Offset, (int)count)));
        }
    }
}
