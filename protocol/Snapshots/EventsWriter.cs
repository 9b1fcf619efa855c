namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Writes the events snapshot (kind 2) of one terminal: its device id, then each assigned
    /// event through <see cref="Add"/>, then <see cref="Finish"/>. Events out of the format's
    /// bounds (<see cref="EventsFormat.Check"/>) throw <see cref="System.ArgumentException"/> with
    /// the reason; nothing is written for them.
    /// </summary>
    public sealed class EventsWriter
    {
        private readonly SnapshotWriter _snapshot;
        private readonly byte[] _body = new byte[EventsFormat.MaxBodyLength];
        private readonly byte[] _length = new byte[2];
        private int _count;

        /// <param name="cardSystemId">The terminal's card system: its key tags the file.</param>
        /// <param name="deviceId">The terminal the events are assigned to.</param>
        public EventsWriter(IFlashWriter output, IHmacSha256 hmac, byte[] key, uint cardSystemId, string deviceId,
            uint version, long createdAtUnixMs)
        {
            if (!DeviceIds.IsValid(deviceId))
            {
                throw new System.ArgumentException("an events snapshot needs a valid device id");
            }
            _snapshot = new SnapshotWriter(output, hmac, key, SnapshotKind.Events, cardSystemId, version, 0, createdAtUnixMs);
            int n = EventEntryCodec.PutText(_body, 0, deviceId);
            _snapshot.Write(_body, 0, n);
        }

        /// <summary>Events written so far.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Adds one event; in the file's order, which decides between overlapping windows (the first wins).</summary>
        public void Add(EventRules rules)
        {
            string why = EventsFormat.Check(rules);
            if (why != null)
            {
                throw new System.ArgumentException(why);
            }
            if (_count >= EventsFormat.MaxEvents)
            {
                throw new System.ArgumentException("an events snapshot holds at most " + EventsFormat.MaxEvents + " events");
            }
            int length = EventEntryCodec.Encode(rules, _body);
            BigEndian.WriteUInt16(_length, 0, length);
            _snapshot.Write(_length, 0, 2);
            _snapshot.Write(_body, 0, length);
            _count++;
        }

        /// <summary>Writes the trailer; returns the tag.</summary>
        public byte[] Finish()
        {
            return _snapshot.Finish();
        }
    }
}
