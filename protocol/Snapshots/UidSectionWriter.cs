namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Streams one UID section (<see cref="UidSectionFormat"/>) into a payload from keys given in
    /// strictly increasing order. RAM: one block of keys, and one page per tree level (≤ 7).
    /// Pages are written when full, so the root comes last.
    /// </summary>
    internal sealed class UidSectionWriter
    {
        private const int MaxLevels = 8;

        private readonly SnapshotWriter _output;
        private readonly BitWriter _bits;
        private readonly int _uidClass;
        private readonly int _keyLength;
        private readonly int _keyBits;
        private readonly int _keysPerBlock;
        private readonly long _start;
        private readonly byte[] _lastKey;
        private readonly ulong[] _gaps;
        private readonly byte[][] _pages = new byte[MaxLevels][];
        private readonly int[] _pageEntries = new int[MaxLevels];
        private readonly long[] _pagesWritten = new long[MaxLevels];
        private readonly byte[] _word = new byte[4];
        private long _count;
        private ulong _previous;
        private int _gapCount;
        private bool _blockOpen;

        public UidSectionWriter(SnapshotWriter output, int uidClass)
        {
            _output = output;
            _bits = new BitWriter(output);
            _uidClass = uidClass;
            _keyLength = UidClass.KeyLength(uidClass);
            _keyBits = _keyLength * 8;
            _keysPerBlock = UidSectionFormat.KeysPerBlockOf(uidClass);
            _start = output.PayloadPosition;
            _lastKey = new byte[_keyLength];
            _gaps = new ulong[_keysPerBlock];
        }

        /// <summary>Adds the next key; it must be greater than the previous one.</summary>
        public void Add(byte[] key, int offset)
        {
            if (_count > 0 && UidClass.CompareKeys(key, offset, _lastKey, 0, _keyLength) <= 0)
            {
                throw new System.ArgumentException("UIDs must come in snapshot order (class, then key), without duplicates");
            }
            if (_count >= 0x7FFFFFFF)
            {
                throw new System.InvalidOperationException("too many UIDs in one section");
            }
            System.Array.Copy(key, offset, _lastKey, 0, _keyLength);
            ulong value = _keyLength <= 8 ? UidClass.KeyToNumber(key, offset, _keyLength) : 0;
            if (_count % _keysPerBlock == 0)
            {
                CloseBlock();
                EnsureRoom(0);
                long pointer = _keysPerBlock == 1 ? 0 : _output.PayloadPosition;
                Append(0, key, offset, pointer);
                _blockOpen = _keysPerBlock > 1;
                _gapCount = 0;
            }
            else
            {
                _gaps[_gapCount++] = value - _previous - 1;
            }
            _previous = value;
            _count++;
        }

        /// <summary>Writes what is pending and the upper pages; returns where the section lies.</summary>
        public SectionDescriptor Finish()
        {
            CloseBlock();
            long root = 0;
            int levels = 0;
            for (int level = 0; level < MaxLevels && _pageEntries[level] > 0; level++)
            {
                long position = WritePage(level);
                if (_pagesWritten[level] == 1)
                {
                    root = position;
                    levels = level + 1;
                    break;
                }
                Push(level + 1, _pages[level], 1, position);
            }
            return new SectionDescriptor(_uidClass, _keysPerBlock, levels, _count, _start, _output.PayloadPosition, root);
        }

        private void CloseBlock()
        {
            if (!_blockOpen)
            {
                return;
            }
            _blockOpen = false;
            int r = RiceCode.ChooseParameter(_gaps, _gapCount, _keyBits);
            _bits.WriteBits((ulong)r, 8);
            for (int i = 0; i < _gapCount; i++)
            {
                RiceCode.Write(_bits, _gaps[i], r);
            }
            _bits.AlignAndFlush();
        }

        private void EnsureRoom(int level)
        {
            if (_pageEntries[level] < UidSectionFormat.FanOut)
            {
                return;
            }
            long position = WritePage(level);
            Push(level + 1, _pages[level], 1, position);
        }

        private void Push(int level, byte[] keySource, int keyOffset, long pointer)
        {
            if (level >= MaxLevels)
            {
                throw new System.InvalidOperationException("section tree too deep");
            }
            EnsureRoom(level);
            Append(level, keySource, keyOffset, pointer);
        }

        private void Append(int level, byte[] key, int offset, long pointer)
        {
            if (_pages[level] == null)
            {
                _pages[level] = new byte[UidSectionFormat.MaxPageLength(_keyLength)];
            }
            byte[] page = _pages[level];
            int at = 1 + _pageEntries[level] * UidSectionFormat.EntryLength(_keyLength);
            System.Array.Copy(key, offset, page, at, _keyLength);
            BigEndian.WriteUInt32(page, at + _keyLength, (uint)pointer);
            _pageEntries[level]++;
        }

        /// <summary>Writes the page of a level, empties it, and returns its position.</summary>
        private long WritePage(int level)
        {
            long position = _output.PayloadPosition;
            byte[] page = _pages[level];
            page[0] = (byte)_pageEntries[level];
            _output.Write(page, 0, 1 + _pageEntries[level] * UidSectionFormat.EntryLength(_keyLength));
            _pageEntries[level] = 0;
            _pagesWritten[level]++;
            return position;
        }
    }
}
