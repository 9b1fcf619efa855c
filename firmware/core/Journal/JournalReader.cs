using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Journal
{
    /// <summary>
    /// Reads a log's entries in order through one small buffer (few, large reads: the flash
    /// file system's cost is per call), and stops at the first entry that is incomplete, has no
    /// marker, fails its CRC or does not have its kind's shape: the end of the readable log.
    /// </summary>
    internal sealed class JournalReader
    {
        private readonly byte[] _buffer = new byte[1024];
        private IAppendStore _store;
        private long _length;
        private long _position;
        private long _bufferStart;
        private int _filled;
        private int _at;

        /// <summary>Where the current entry starts.</summary>
        public long Offset { get; private set; }

        /// <summary>Where the next entry starts: after <see cref="Read"/> returned false, the end of the readable log.</summary>
        public long Position
        {
            get { return _position; }
        }

        public byte Kind { get; private set; }

        /// <summary>Length of the current entry, marker to CRC.</summary>
        public int EntryLength { get; private set; }

        /// <summary>Starts reading <paramref name="store"/> at <paramref name="from"/>, up to <paramref name="length"/>.</summary>
        public void Reset(IAppendStore store, long from, long length)
        {
            _store = store;
            _length = length;
            _position = from;
            _bufferStart = from;
            _filled = 0;
        }

        /// <summary>Moves to the next entry; false at the end of the readable log.</summary>
        public bool Read()
        {
            if (!Ensure(3) || _buffer[_at] != JournalFormat.Marker)
            {
                return false;
            }
            int total = JournalFormat.Overhead + _buffer[_at + 2];
            if (!Ensure(total) || !JournalFormat.CrcMatches(_buffer, _at, total)
                || !JournalFormat.HasShape(_buffer[_at + 1], _buffer, _at + 3, _buffer[_at + 2]))
            {
                return false;
            }
            Kind = _buffer[_at + 1];
            EntryLength = total;
            Offset = _position;
            _position += total;
            return true;
        }

        public uint Epoch
        {
            get { return BigEndian.ReadUInt32(_buffer, _at + 3); }
        }

        public uint Sequence
        {
            get { return BigEndian.ReadUInt32(_buffer, _at + 7); }
        }

        /// <summary>The first u32 of a begin or seal entry.</summary>
        public uint Generation
        {
            get { return BigEndian.ReadUInt32(_buffer, _at + 3); }
        }

        /// <summary>The highest epoch a begin entry carries.</summary>
        public uint BeginHighestEpoch
        {
            get { return BigEndian.ReadUInt32(_buffer, _at + 7); }
        }

        public long TappedAtUnixMs
        {
            get { return BigEndian.ReadInt64(_buffer, _at + 11); }
        }

        public TapOutcome Outcome
        {
            get { return (TapOutcome)_buffer[_at + 11]; }
        }

        /// <summary>Copies the current entry, as it is on flash, into <paramref name="target"/> at <paramref name="at"/>.</summary>
        public void CopyEntry(byte[] target, int at)
        {
            System.Array.Copy(_buffer, _at, target, at, EntryLength);
        }

        public byte[] CopyUid()
        {
            byte[] uid = new byte[_buffer[_at + 19]];
            System.Array.Copy(_buffer, _at + 20, uid, 0, uid.Length);
            return uid;
        }

        /// <summary>Makes the <paramref name="count"/> bytes at <see cref="Position"/> contiguous in the buffer.</summary>
        private bool Ensure(int count)
        {
            if (_position + count > _length)
            {
                return false;
            }
            int at = (int)(_position - _bufferStart);
            if (at + count > _filled)
            {
                int keep = _filled - at;
                if (keep > 0)
                {
                    System.Array.Copy(_buffer, at, _buffer, 0, keep);
                }
                else
                {
                    keep = 0;
                }
                _bufferStart = _position;
                _filled = keep;
                while (_filled < count)
                {
                    long left = _length - (_bufferStart + _filled);
                    int want = _buffer.Length - _filled;
                    if (want > left)
                    {
                        want = (int)left;
                    }
                    int got = want > 0 ? _store.Read(_bufferStart + _filled, _buffer, _filled, want) : 0;
                    if (got <= 0)
                    {
                        return false;
                    }
                    _filled += got;
                }
                at = 0;
            }
            _at = at;
            return true;
        }
    }
}
