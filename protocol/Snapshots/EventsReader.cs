namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// The events snapshot of a terminal, read from a verified file (<see cref="SnapshotVerifier"/>).
    /// Opening checks every entry; the reader then keeps in RAM only what a tap needs per event
    /// (id, window, limit, period, where the entry lies: at most 32 events, ids ≤ 48 bytes) and
    /// decodes a whole event with its tariffs from the file on demand (<see cref="Read"/>).
    /// Never throws on bad bytes.
    /// </summary>
    public sealed class EventsReader
    {
        private readonly IFlashReader _file;
        private readonly SnapshotHeader _header;
        private readonly string _deviceId;
        private readonly string[] _ids;
        private readonly long[] _from;
        private readonly long[] _until;
        private readonly int[] _limits;
        private readonly byte[] _periods;
        private readonly long[] _bodies;
        private readonly int[] _lengths;

        private EventsReader(IFlashReader file, SnapshotHeader header, string deviceId, int count)
        {
            _file = file;
            _header = header;
            _deviceId = deviceId;
            _ids = new string[count];
            _from = new long[count];
            _until = new long[count];
            _limits = new int[count];
            _periods = new byte[count];
            _bodies = new long[count];
            _lengths = new int[count];
        }

        public SnapshotHeader Header
        {
            get { return _header; }
        }

        /// <summary>The terminal the events are assigned to.</summary>
        public string DeviceId
        {
            get { return _deviceId; }
        }

        public int Count
        {
            get { return _ids.Length; }
        }

        public string EventId(int index)
        {
            return _ids[index];
        }

        /// <summary>
        /// Opens an events snapshot: header, device id and every entry checked, within the
        /// bounds of <see cref="EventsFormat"/>. <paramref name="expectedDeviceId"/>: this terminal
        /// (a file for another one is refused); null skips that check. Never throws.
        /// </summary>
        public static bool TryOpen(IFlashReader file, string expectedDeviceId, out EventsReader reader, out string reason)
        {
            reader = null;
            SnapshotHeader header;
            if (!SnapshotHeader.TryRead(file, out header, out reason))
            {
                return false;
            }
            if (header.Kind != SnapshotKind.Events)
            {
                reason = "wrong kind: " + header.Kind + ", expected " + SnapshotKind.Events;
                return false;
            }
            if (header.PayloadLength > EventsFormat.MaxPayloadLength)
            {
                reason = "over bound: a " + header.PayloadLength + "-byte events payload, at most " + EventsFormat.MaxPayloadLength;
                return false;
            }
            long end = header.PayloadOffset + header.PayloadLength;
            long at = header.PayloadOffset;
            byte[] body = new byte[EventsFormat.MaxBodyLength];
            string deviceId;
            if (!ReadDeviceId(file, ref at, end, body, out deviceId))
            {
                reason = "malformed payload: no valid device id";
                return false;
            }
            if (expectedDeviceId != null && deviceId != expectedDeviceId)
            {
                reason = "wrong device: the events are for " + deviceId + ", this terminal is " + expectedDeviceId;
                return false;
            }
            EventsReader result = new EventsReader(file, header, deviceId, CountEntries(file, at, end, body, out reason));
            if (reason != null)
            {
                return false;
            }
            for (int i = 0; i < result.Count; i++)
            {
                int length = (int)ReadLength(file, at, body);
                EventRules rules;
                if (!FlashIo.ReadExactly(file, at + 2, body, 0, length)
                    || !EventEntryCodec.TryDecode(body, length, out rules, out reason))
                {
                    reason = reason == null ? "truncated: event entry " + i + " could not be read" : reason;
                    return false;
                }
                result._ids[i] = rules.EventId;
                result._from[i] = rules.ValidFromUnixMs;
                result._until[i] = rules.ValidUntilUnixMs;
                result._limits[i] = rules.CheckinLimit;
                result._periods[i] = (byte)rules.LimitPeriod;
                result._bodies[i] = at + 2;
                result._lengths[i] = length;
                at += 2 + length;
            }
            reader = result;
            return true;
        }

        /// <summary>Index of the first event whose window includes the instant; -1 when none does.</summary>
        public int IndexAt(long unixMs)
        {
            for (int i = 0; i < _ids.Length; i++)
            {
                if (Validity.Includes(_from[i], _until[i], unixMs))
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>The event in force at the instant, decoded with its tariffs; null when none (or the file can no longer be read).</summary>
        public EventRules EventAt(long unixMs)
        {
            int index = IndexAt(unixMs);
            return index < 0 ? null : Read(index);
        }

        /// <summary>
        /// The check-in period of a tap at <paramref name="unixMs"/> for the event in force then
        /// (<see cref="LimitPeriod.Key"/>, Brussels civil time), with the check-ins allowed in it
        /// (0 = no limit); null when no event is in force or the clock is not set (≤ 0). No flash read.
        /// </summary>
        public string CheckinPeriod(long unixMs, out int limit)
        {
            limit = 0;
            int index = unixMs <= 0 ? -1 : IndexAt(unixMs);
            if (index < 0)
            {
                return null;
            }
            limit = _limits[index];
            return LimitPeriod.Key(_ids[index], _periods[index], unixMs);
        }

        /// <summary>Decodes event <paramref name="index"/> from the file (allocates about one entry); null when it can no longer be read.</summary>
        public EventRules Read(int index)
        {
            if (index < 0 || index >= _ids.Length)
            {
                return null;
            }
            byte[] body = new byte[_lengths[index]];
            EventRules rules;
            string reason;
            if (!FlashIo.ReadExactly(_file, _bodies[index], body, 0, body.Length)
                || !EventEntryCodec.TryDecode(body, body.Length, out rules, out reason))
            {
                return null;
            }
            return rules;
        }

        /// <summary>Every event, decoded (for the agent and tests; a terminal reads one at a time).</summary>
        public EventRules[] ReadAll()
        {
            EventRules[] all = new EventRules[_ids.Length];
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = Read(i);
            }
            return all;
        }

        private static bool ReadDeviceId(IFlashReader file, ref long at, long end, byte[] buffer, out string deviceId)
        {
            deviceId = null;
            if (at >= end || !FlashIo.ReadExactly(file, at, buffer, 0, 1))
            {
                return false;
            }
            int n = buffer[0];
            if (n < 1 || n > 32 || at + 1 + n > end || !FlashIo.ReadExactly(file, at + 1, buffer, 0, n))
            {
                return false;
            }
            for (int i = 0; i < n; i++)
            {
                if (buffer[i] >= 0x80)
                {
                    return false;
                }
            }
            string id = System.Text.Encoding.UTF8.GetString(buffer, 0, n);
            if (!DeviceIds.IsValid(id))
            {
                return false;
            }
            deviceId = id;
            at += 1 + n;
            return true;
        }

        /// <summary>Walks the entry lengths to the payload's end; the count, with reason set when they do not tile it.</summary>
        private static int CountEntries(IFlashReader file, long at, long end, byte[] buffer, out string reason)
        {
            int count = 0;
            while (at < end)
            {
                if (count == EventsFormat.MaxEvents)
                {
                    reason = "over bound: more than " + EventsFormat.MaxEvents + " events";
                    return 0;
                }
                long length = at + 2 <= end ? ReadLength(file, at, buffer) : -1;
                if (length < 0 || length > EventsFormat.MaxBodyLength || at + 2 + length > end)
                {
                    reason = "malformed payload: event entry " + count + " runs past the payload or over "
                        + EventsFormat.MaxBodyLength + " bytes";
                    return 0;
                }
                at += 2 + length;
                count++;
            }
            reason = null;
            return count;
        }

        /// <summary>The u16 entry length at a position; -1 when unreadable.</summary>
        private static long ReadLength(IFlashReader file, long at, byte[] buffer)
        {
            return FlashIo.ReadExactly(file, at, buffer, 0, 2) ? BigEndian.ReadUInt16(buffer, 0) : -1;
        }
    }
}
