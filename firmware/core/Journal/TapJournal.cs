using System.Collections;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Journal
{
    /// <summary>
    /// The terminal's append-only journal: every tap is written (and flushed) before it is
    /// published, every answer after it arrives. A tap with no final answer stays pending and
    /// is replayed. Entry layout (docs/protocol.md, "journal"):
    /// <code>
    /// u8 0xA5 marker · u8 kind (1 tap, 2 result) · u8 body length n · n body · u32 CRC-32 of kind..body
    /// tap body:    u32 epoch · u32 sequence · i64 tapped at (Unix ms) · u8 uid length · uid
    /// result body: u32 epoch · u32 sequence · u8 outcome
    /// </code>
    /// Opening stops at the first entry that is incomplete or fails its CRC (a write cut by
    /// power loss) and cuts the log there, so later appends follow the last good entry.
    /// </summary>
    public sealed class TapJournal
    {
        private const byte Marker = 0xA5;
        private const byte KindTap = 1;
        private const byte KindResult = 2;
        private const int Overhead = 3 + 4;
        private const int MaxBody = 255;

        private readonly IAppendStore _store;
        private readonly ArrayList _pending = new ArrayList();

        public TapJournal(IAppendStore store)
        {
            _store = store;
        }

        /// <summary>Highest boot epoch found in the journal; 0 for an empty one.</summary>
        public uint HighestEpoch { get; private set; }

        /// <summary>Bytes cut from a torn tail when the journal was opened.</summary>
        public long DiscardedBytes { get; private set; }

        public int PendingCount
        {
            get { return _pending.Count; }
        }

        public JournaledTap PendingAt(int index)
        {
            return (JournaledTap)_pending[index];
        }

        /// <summary>Reads the whole journal, rebuilding the pending taps; cuts a torn tail.</summary>
        public void Open()
        {
            _pending.Clear();
            HighestEpoch = 0;
            DiscardedBytes = 0;
            long length = _store.Length;
            long position = 0;
            byte[] header = new byte[3];
            while (position < length)
            {
                if (_store.Read(position, header, 0, 3) != 3 || header[0] != Marker)
                {
                    break;
                }
                int total = Overhead + header[2];
                if (position + total > length)
                {
                    break;
                }
                byte[] entry = new byte[total];
                if (_store.Read(position, entry, 0, total) != total || !CrcMatches(entry) || !Apply(entry))
                {
                    break;
                }
                position += total;
            }
            if (position < length)
            {
                DiscardedBytes = length - position;
                _store.Truncate(position);
            }
        }

        public JournaledTap AppendTap(uint bootEpoch, uint sequence, long tappedAtUnixMs, byte[] chipUid)
        {
            byte[] body = new byte[17 + chipUid.Length];
            BigEndian.WriteUInt32(body, 0, bootEpoch);
            BigEndian.WriteUInt32(body, 4, sequence);
            BigEndian.WriteInt64(body, 8, tappedAtUnixMs);
            body[16] = (byte)chipUid.Length;
            System.Array.Copy(chipUid, 0, body, 17, chipUid.Length);
            Write(KindTap, body);
            JournaledTap tap = new JournaledTap(bootEpoch, sequence, tappedAtUnixMs, chipUid);
            _pending.Add(tap);
            Track(bootEpoch);
            return tap;
        }

        /// <summary>Records an answer; a final one (anything but Queued) ends the tap's pending state.</summary>
        public void AppendResult(uint bootEpoch, uint sequence, TapOutcome outcome)
        {
            byte[] body = new byte[9];
            BigEndian.WriteUInt32(body, 0, bootEpoch);
            BigEndian.WriteUInt32(body, 4, sequence);
            body[8] = (byte)outcome;
            Write(KindResult, body);
            Settle(bootEpoch, sequence, outcome);
        }

        public JournaledTap FindPending(uint bootEpoch, uint sequence)
        {
            for (int i = 0; i < _pending.Count; i++)
            {
                JournaledTap tap = (JournaledTap)_pending[i];
                if (tap.Is(bootEpoch, sequence))
                {
                    return tap;
                }
            }
            return null;
        }

        private void Write(byte kind, byte[] body)
        {
            if (body.Length > MaxBody)
            {
                throw new System.ArgumentException("journal entry body too long");
            }
            byte[] entry = new byte[Overhead + body.Length];
            entry[0] = Marker;
            entry[1] = kind;
            entry[2] = (byte)body.Length;
            System.Array.Copy(body, 0, entry, 3, body.Length);
            BigEndian.WriteUInt32(entry, 3 + body.Length, Crc32.Compute(entry, 1, 2 + body.Length));
            _store.Append(entry, 0, entry.Length);
            _store.Flush();
        }

        /// <summary>Applies one CRC-checked entry; false when its body does not have its kind's shape.</summary>
        private bool Apply(byte[] entry)
        {
            int bodyLength = entry[2];
            if (bodyLength < 9)
            {
                return false;
            }
            uint epoch = BigEndian.ReadUInt32(entry, 3);
            uint sequence = BigEndian.ReadUInt32(entry, 7);
            if (entry[1] == KindTap)
            {
                int uidLength = bodyLength >= 17 ? entry[19] : 0;
                if (!ChipUid.IsValidLength(uidLength) || bodyLength != 17 + uidLength)
                {
                    return false;
                }
                byte[] uid = new byte[uidLength];
                System.Array.Copy(entry, 20, uid, 0, uidLength);
                _pending.Add(new JournaledTap(epoch, sequence, BigEndian.ReadInt64(entry, 11), uid));
            }
            else if (entry[1] == KindResult && bodyLength == 9)
            {
                Settle(epoch, sequence, (TapOutcome)entry[11]);
            }
            else
            {
                return false;
            }
            Track(epoch);
            return true;
        }

        private void Settle(uint bootEpoch, uint sequence, TapOutcome outcome)
        {
            JournaledTap tap = FindPending(bootEpoch, sequence);
            if (tap == null)
            {
                return;
            }
            if (outcome == TapOutcome.Queued)
            {
                tap.HeldByAgent = true;
            }
            else
            {
                _pending.Remove(tap);
            }
        }

        private void Track(uint epoch)
        {
            if (epoch > HighestEpoch)
            {
                HighestEpoch = epoch;
            }
        }

        private static bool CrcMatches(byte[] entry)
        {
            int crcAt = entry.Length - 4;
            return BigEndian.ReadUInt32(entry, crcAt) == Crc32.Compute(entry, 1, crcAt - 1);
        }
    }
}
