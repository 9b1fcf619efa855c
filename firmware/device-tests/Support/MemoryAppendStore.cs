using System.Collections;
using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>
    /// A pair of in-memory logs for the journal: this one and <see cref="Other"/>, each the other's
    /// sibling. The bytes live in small blocks, so a log of tens of kilobytes never needs one large
    /// array on the device's heap.
    /// </summary>
    public sealed class MemoryAppendStore : IAppendStore
    {
        private const int BlockSize = 256;

        private readonly ArrayList _blocks = new ArrayList();
        private readonly MemoryAppendStore _other;
        private readonly bool _paired;
        private long _length;

        public MemoryAppendStore()
            : this(true)
        {
        }

        private MemoryAppendStore(bool paired)
        {
            _paired = paired;
            _other = paired ? new MemoryAppendStore(this) : null;
        }

        private MemoryAppendStore(MemoryAppendStore other)
        {
            _paired = true;
            _other = other;
        }

        /// <summary>A single log with no sibling (a store the journal can never compact into).</summary>
        public static MemoryAppendStore Single()
        {
            return new MemoryAppendStore(false);
        }

        public int Flushes { get; private set; }

        public MemoryAppendStore Other
        {
            get { return _other; }
        }

        public IAppendStore Sibling
        {
            get { return _paired ? _other : null; }
        }

        public long Length
        {
            get { return _length; }
        }

        public byte this[long position]
        {
            get { return Block(position)[(int)(position % BlockSize)]; }
            set { Block(position)[(int)(position % BlockSize)] = value; }
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (_length % BlockSize == 0 && _length / BlockSize == _blocks.Count)
                {
                    _blocks.Add(new byte[BlockSize]);
                }
                this[_length] = buffer[offset + i];
                _length++;
            }
        }

        /// <summary>Raw bytes at the end (a torn write: no flush, no format).</summary>
        public void AppendRaw(byte[] bytes)
        {
            Append(bytes, 0, bytes.Length);
        }

        public void Flush()
        {
            Flushes++;
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && position + n < _length)
            {
                buffer[offset + n] = this[position + n];
                n++;
            }
            return n;
        }

        public void Truncate(long length)
        {
            if (length < _length)
            {
                _length = length;
                int keep = (int)((length + BlockSize - 1) / BlockSize);
                while (_blocks.Count > keep)
                {
                    _blocks.RemoveAt(_blocks.Count - 1);
                }
            }
        }

        /// <summary>A new pair whose log holds the first <paramref name="count"/> bytes of this one (a power cut mid-write).</summary>
        public MemoryAppendStore CopyPrefix(long count)
        {
            MemoryAppendStore copy = new MemoryAppendStore();
            byte[] buffer = new byte[64];
            for (long at = 0; at < count;)
            {
                int n = Read(at, buffer, 0, count - at < buffer.Length ? (int)(count - at) : buffer.Length);
                copy.Append(buffer, 0, n);
                at += n;
            }
            return copy;
        }

        private byte[] Block(long position)
        {
            if (position < 0 || position >= _blocks.Count * (long)BlockSize)
            {
                throw new System.ArgumentOutOfRangeException("position");
            }
            return (byte[])_blocks[(int)(position / BlockSize)];
        }
    }
}
