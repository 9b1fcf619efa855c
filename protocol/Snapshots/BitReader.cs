namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>Reads bits MSB first from a byte range; every read reports running past its end.</summary>
    internal sealed class BitReader
    {
        private byte[] _buffer;
        private int _position;
        private int _bit;
        private int _end;

        public void Reset(byte[] buffer, int offset, int end)
        {
            _buffer = buffer;
            _position = offset;
            _bit = 0;
            _end = end;
        }

        /// <summary>Counts one-bits up to the next zero bit (consumed); -1 when the range ends first.</summary>
        public long ReadUnary()
        {
            long ones = 0;
            while (_position < _end)
            {
                int current = _buffer[_position];
                if (_bit == 0 && current == 0xFF)
                {
                    ones += 8;
                    _position++;
                    continue;
                }
                int bit = (current >> (7 - _bit)) & 1;
                Step();
                if (bit == 0)
                {
                    return ones;
                }
                ones++;
            }
            return -1;
        }

        /// <summary>Reads <paramref name="count"/> bits (≤ 64) as a number; false when the range ends first.</summary>
        public bool ReadBits(int count, out ulong value)
        {
            value = 0;
            while (count > 0)
            {
                if (_position >= _end)
                {
                    return false;
                }
                int available = 8 - _bit;
                int take = count < available ? count : available;
                int bits = (_buffer[_position] >> (available - take)) & ((1 << take) - 1);
                value = (value << take) | (uint)bits;
                count -= take;
                _bit += take;
                if (_bit == 8)
                {
                    _bit = 0;
                    _position++;
                }
            }
            return true;
        }

        private void Step()
        {
            _bit++;
            if (_bit == 8)
            {
                _bit = 0;
                _position++;
            }
        }
    }
}
