using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Offline
{
    /// <summary>
    /// The check-ins this terminal knows of per card and period (registered offline, or
    /// confirmed by central while online), so the event's limit holds when it decides alone.
    /// Fixed RAM: a ring of <see cref="Capacity"/> entries, each a CRC-32 of (UID, period) and a
    /// count, 5 bytes an entry and no UID kept in the clear. When the ring is full the oldest
    /// entry gives way (central still enforces the limit when the tap is replayed); two cards
    /// sharing a 32-bit key in one period is about one chance in ten million per tap.
    /// </summary>
    public sealed class OfflineLedger
    {
        private readonly uint[] _keys;
        private readonly byte[] _counts;
        private int _used;
        private int _next;

        public OfflineLedger(int capacity)
        {
            if (capacity < 1)
            {
                throw new System.ArgumentException("capacity must be at least 1");
            }
            _keys = new uint[capacity];
            _counts = new byte[capacity];
        }

        public int Capacity
        {
            get { return _keys.Length; }
        }

        public int Count(byte[] chipUid, string period)
        {
            int at = Find(Key(chipUid, period));
            return at < 0 ? 0 : _counts[at];
        }

        public void Add(byte[] chipUid, string period)
        {
            uint key = Key(chipUid, period);
            int at = Find(key);
            if (at >= 0)
            {
                if (_counts[at] < 255)
                {
                    _counts[at]++;
                }
                return;
            }
            _keys[_next] = key;
            _counts[_next] = 1;
            _next = (_next + 1) % _keys.Length;
            if (_used < _keys.Length)
            {
                _used++;
            }
        }

        private int Find(uint key)
        {
            for (int i = 0; i < _used; i++)
            {
                if (_keys[i] == key)
                {
                    return i;
                }
            }
            return -1;
        }

        private static uint Key(byte[] chipUid, string period)
        {
            byte[] periodBytes = System.Text.Encoding.UTF8.GetBytes(period);
            byte[] data = new byte[chipUid.Length + 1 + periodBytes.Length];
            System.Array.Copy(chipUid, 0, data, 0, chipUid.Length);
            data[chipUid.Length] = (byte)'|';
            System.Array.Copy(periodBytes, 0, data, chipUid.Length + 1, periodBytes.Length);
            return Crc32.Compute(data, 0, data.Length);
        }
    }
}
