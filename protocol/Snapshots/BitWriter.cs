namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>Writes bits MSB first into a small buffer that goes out to a snapshot payload.</summary>
    internal sealed class BitWriter
    {
        private const int Chunk = 24;
        private readonly SnapshotWriter _output;
        private readonly byte[] _buffer = new byte[64];
        private int _length;
        private uint _pending;
        private int _pendingBits;

        public BitWriter(SnapshotWriter output)
        {
            _output = output;
        }

        /// <summary>Writes the low <paramref name="count"/> bits of <paramref name="value"/> (count ≤ 64).</summary>
        public void WriteBits(ulong value, int count)
        {
            while (count > 0)
            {
                int take = count > Chunk ? Chunk : count;
                count -= take;
                uint part = (uint)(value >> count) & ((1u << take) - 1);
                _pending = (_pending << take) | part;
                _pendingBits += take;
                while (_pendingBits >= 8)
                {
                    _pendingBits -= 8;
                    Put((byte)(_pending >> _pendingBits));
                }
                _pending &= (1u << _pendingBits) - 1;
            }
        }

        /// <summary>Writes <paramref name="ones"/> one-bits and a zero bit.</summary>
        public void WriteUnary(ulong ones)
        {
            while (ones >= Chunk)
            {
                WriteBits((1u << Chunk) - 1, Chunk);
                ones -= Chunk;
            }
            int n = (int)ones;
            WriteBits(((1UL << n) - 1) << 1, n + 1);
        }

        /// <summary>Pads the last byte with zero bits and hands everything to the payload.</summary>
        public void AlignAndFlush()
        {
            if (_pendingBits > 0)
            {
                Put((byte)(_pending << (8 - _pendingBits)));
                _pending = 0;
                _pendingBits = 0;
            }
            if (_length > 0)
            {
                _output.Write(_buffer, 0, _length);
                _length = 0;
            }
        }

        private void Put(byte value)
        {
            if (_length == _buffer.Length)
            {
                _output.Write(_buffer, 0, _length);
                _length = 0;
            }
            _buffer[_length++] = value;
        }
    }
}
