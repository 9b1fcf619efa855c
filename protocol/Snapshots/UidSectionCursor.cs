namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Walks the keys of one section in increasing order with two 512-byte buffers (a level-0 page
    /// and a block), re-reading the path from the root every 32 blocks, every page and block at its
    /// exact length. A malformed section stops the walk with <see cref="Error"/> set; never throws.
    /// </summary>
    public sealed class UidSectionCursor
    {
        private readonly IFlashReader _file;
        private readonly long _payloadOffset;
        private readonly SectionDescriptor _section;
        private readonly int _keyLength;
        private readonly int _entryLength;
        private readonly int _keyBits;
        private readonly byte[] _page = new byte[UidSectionFormat.BufferLength];
        private readonly byte[] _block = new byte[UidSectionFormat.BufferLength];
        private readonly byte[] _key = new byte[UidClass.MaxKeyLength];
        private readonly BitReader _bits = new BitReader();
        private long _next;
        private int _pageEntries;
        private long _pagePosition;
        private int _rice;
        private ulong _value;

        public UidSectionCursor(IFlashReader file, long payloadOffset, SectionDescriptor section)
        {
            _file = file;
            _payloadOffset = payloadOffset;
            _section = section;
            _keyLength = section.KeyLength;
            _entryLength = UidSectionFormat.EntryLength(_keyLength);
            _keyBits = _keyLength * 8;
        }

        public SectionDescriptor Section
        {
            get { return _section; }
        }

        /// <summary>The current key (<see cref="UidClass.KeyLength"/> bytes at the start of the array) after a true <see cref="MoveNext"/>.</summary>
        public byte[] Key
        {
            get { return _key; }
        }

        /// <summary>Why the walk stopped early; null while fine or at a regular end.</summary>
        public string Error { get; private set; }

        /// <summary>Steps to the next key; false at the end or on a malformed section (<see cref="Error"/>).</summary>
        public bool MoveNext()
        {
            if (Error != null || _next >= _section.Count)
            {
                return false;
            }
            int keysPerBlock = _section.KeysPerBlock;
            long block = _next / keysPerBlock;
            int inBlock = (int)(_next % keysPerBlock);
            bool ok = inBlock == 0 ? StartBlock(block) : NextInBlock();
            if (!ok)
            {
                if (Error == null)
                {
                    Error = "malformed section of class " + _section.UidClass + " at key " + _next;
                }
                return false;
            }
            _next++;
            return true;
        }

        private bool StartBlock(long block)
        {
            int inPage = (int)(block % UidSectionFormat.FanOut);
            if (inPage == 0 && !LoadLevel0Page(block / UidSectionFormat.FanOut))
            {
                return false;
            }
            if (inPage >= _pageEntries)
            {
                return false;
            }
            int at = 1 + inPage * _entryLength;
            if (_next > 0 && UidClass.CompareKeys(_page, at, _key, 0, _keyLength) <= 0)
            {
                return false;
            }
            System.Array.Copy(_page, at, _key, 0, _keyLength);
            long keysInBlock = _section.Count - block * _section.KeysPerBlock;
            if (_section.KeysPerBlock == 1 || keysInBlock < 2)
            {
                return true;
            }
            int keys = keysInBlock > _section.KeysPerBlock ? _section.KeysPerBlock : (int)keysInBlock;
            _value = UidClass.KeyToNumber(_key, 0, _keyLength);
            long position = BigEndian.ReadUInt32(_page, at + _keyLength);
            long end = inPage + 1 < _pageEntries ? BigEndian.ReadUInt32(_page, at + _entryLength + _keyLength) : _pagePosition;
            long length = end - position;
            if (length < 1 || length > UidSectionFormat.MaxBlockLength(_keyLength, keys) || !Inside(position, (int)length)
                || !FlashIo.ReadExactly(_file, _payloadOffset + position, _block, 0, (int)length))
            {
                return false;
            }
            _rice = _block[0];
            _bits.Reset(_block, 1, (int)length);
            return _rice <= _keyBits;
        }

        private bool NextInBlock()
        {
            ulong gap;
            ulong max = RiceCode.MaxKey(_keyBits);
            if (!RiceCode.TryRead(_bits, _rice, _keyBits, out gap) || _value == max || gap > max - _value - 1)
            {
                return false;
            }
            _value += gap + 1;
            UidClass.NumberToKey(_value, _key, 0, _keyLength);
            return true;
        }

        /// <summary>Descends from the root to level-0 page number <paramref name="page"/>, checking each page's entry count.</summary>
        private bool LoadLevel0Page(long page)
        {
            long position = _section.Root;
            for (int level = _section.Levels - 1; level >= 0; level--)
            {
                long span = 1;
                for (int i = 0; i < level; i++)
                {
                    span *= UidSectionFormat.FanOut;
                }
                int entries = UidSectionFormat.PageEntries(_section.Count, _section.KeysPerBlock, level, page / span);
                int length = UidSectionFormat.PageLength(_keyLength, entries);
                if (entries < 1 || !Inside(position, length)
                    || !FlashIo.ReadExactly(_file, _payloadOffset + position, _page, 0, length) || _page[0] != entries)
                {
                    return false;
                }
                _pageEntries = entries;
                if (level == 0)
                {
                    _pagePosition = position;
                    return true;
                }
                int index = (int)((page / (span / UidSectionFormat.FanOut)) % UidSectionFormat.FanOut);
                position = BigEndian.ReadUInt32(_page, 1 + index * _entryLength + _keyLength);
            }
            return false;
        }

        private bool Inside(long position, int length)
        {
            return position >= _section.Start && length >= 0 && position + length <= _section.End;
        }
    }
}
