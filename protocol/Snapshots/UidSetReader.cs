namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Exact membership in one UID set, read straight from the file. A section's root page is
    /// read once and kept (its exact size, at most 449 bytes); a lookup then reads one page per
    /// lower tree level and at most one block, each at its exact length, into a buffer given at
    /// construction. No allocation per lookup after a section's first. Not thread-safe (one
    /// buffer). A malformed page or block reads as "not a member"; lookups never throw. A reader
    /// belongs to one file: after the file is replaced, open a new reader.
    /// </summary>
    public sealed class UidSetReader
    {
        private readonly IFlashReader _file;
        private readonly long _payloadOffset;
        private readonly SectionDescriptor[] _sections;
        private readonly byte[] _buffer;
        private readonly byte[][] _roots = new byte[UidClass.Count][];
        private readonly byte[] _key = new byte[UidClass.MaxKeyLength];
        private readonly BitReader _bits = new BitReader();

        /// <param name="buffer">At least <see cref="UidSectionFormat.BufferLength"/> bytes; may be shared with other readers used on the same thread.</param>
        public UidSetReader(IFlashReader file, long payloadOffset, SectionDescriptor[] sections, byte[] buffer)
        {
            if (file == null || sections == null || sections.Length != UidClass.Count
                || buffer == null || buffer.Length < UidSectionFormat.BufferLength)
            {
                throw new System.ArgumentException("a UID set reader needs a file, four sections and a 512-byte buffer");
            }
            for (int c = 0; c < UidClass.Count; c++)
            {
                if (sections[c] == null || sections[c].UidClass != c + 1)
                {
                    throw new System.ArgumentException("a UID set reader needs the sections of classes 1 to 4, in order");
                }
            }
            _file = file;
            _payloadOffset = payloadOffset;
            _sections = sections;
            _buffer = buffer;
        }

        public long Count
        {
            get
            {
                long n = 0;
                for (int i = 0; i < _sections.Length; i++)
                {
                    n += _sections[i].Count;
                }
                return n;
            }
        }

        public SectionDescriptor Section(int uidClass)
        {
            return _sections[uidClass - 1];
        }

        /// <summary>Bytes of root pages held in RAM so far.</summary>
        public int CachedBytes
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _roots.Length; i++)
                {
                    n += _roots[i] == null ? 0 : _roots[i].Length;
                }
                return n;
            }
        }

        /// <summary>True when the UID is in the set; false for any other input, invalid UIDs included.</summary>
        public bool Contains(byte[] uid)
        {
            int uidClass = UidClass.Of(uid);
            if (uidClass == 0)
            {
                return false;
            }
            SectionDescriptor section = _sections[uidClass - 1];
            if (section.Count == 0)
            {
                return false;
            }
            UidClass.CopyKey(uid, uidClass, _key, 0);
            byte[] root = Root(section);
            return root != null && Contains(section, root);
        }

        private bool Contains(SectionDescriptor section, byte[] root)
        {
            int keyLength = section.KeyLength;
            int entryLength = UidSectionFormat.EntryLength(keyLength);
            byte[] page = root;
            long pageIndex = 0;
            long pagePosition = section.Root;
            for (int level = section.Levels - 1; level >= 0; level--)
            {
                int entries = UidSectionFormat.PageEntries(section.Count, section.KeysPerBlock, level, pageIndex);
                if (level < section.Levels - 1)
                {
                    page = _buffer;
                    if (!ReadPage(section, pagePosition, entries))
                    {
                        return false;
                    }
                }
                int found = -1;
                int low = 0;
                int high = entries - 1;
                while (low <= high)
                {
                    int middle = (low + high) >> 1;
                    int cmp = UidClass.CompareKeys(page, 1 + middle * entryLength, _key, 0, keyLength);
                    if (cmp == 0)
                    {
                        return true;
                    }
                    if (cmp < 0)
                    {
                        found = middle;
                        low = middle + 1;
                    }
                    else
                    {
                        high = middle - 1;
                    }
                }
                if (found < 0)
                {
                    return false;
                }
                long child = BigEndian.ReadUInt32(page, 1 + found * entryLength + keyLength);
                if (level > 0)
                {
                    pageIndex = pageIndex * UidSectionFormat.FanOut + found;
                    pagePosition = child;
                    continue;
                }
                long block = pageIndex * UidSectionFormat.FanOut + found;
                long keysInBlock = section.Count - block * section.KeysPerBlock;
                if (section.KeysPerBlock == 1 || keysInBlock < 2)
                {
                    return false;
                }
                long blockEnd = found + 1 < entries
                    ? BigEndian.ReadUInt32(page, 1 + (found + 1) * entryLength + keyLength)
                    : pagePosition;
                ulong first = UidClass.KeyToNumber(page, 1 + found * entryLength, keyLength);
                int keys = keysInBlock > section.KeysPerBlock ? section.KeysPerBlock : (int)keysInBlock;
                return BlockContains(section, child, blockEnd, first, keys);
            }
            return false;
        }

        /// <summary>The section's root page, read once; null when it is malformed or unreadable (tried again next time).</summary>
        private byte[] Root(SectionDescriptor section)
        {
            int at = section.UidClass - 1;
            if (_roots[at] != null)
            {
                return _roots[at];
            }
            int entries = UidSectionFormat.PageEntries(section.Count, section.KeysPerBlock, section.Levels - 1, 0);
            int length = UidSectionFormat.PageLength(section.KeyLength, entries);
            if (entries < 1 || !Inside(section, section.Root, length)
                || !FlashIo.ReadExactly(_file, _payloadOffset + section.Root, _buffer, 0, length)
                || _buffer[0] != entries)
            {
                return null;
            }
            byte[] root = new byte[length];
            System.Array.Copy(_buffer, 0, root, 0, length);
            _roots[at] = root;
            return root;
        }

        /// <summary>Reads a lower page of a known entry count into the buffer; false when malformed.</summary>
        private bool ReadPage(SectionDescriptor section, long position, int entries)
        {
            int length = UidSectionFormat.PageLength(section.KeyLength, entries);
            return entries >= 1 && Inside(section, position, length)
                && FlashIo.ReadExactly(_file, _payloadOffset + position, _buffer, 0, length)
                && _buffer[0] == entries;
        }

        private bool BlockContains(SectionDescriptor section, long position, long end, ulong first, int keys)
        {
            long length = end - position;
            if (length < 1 || length > UidSectionFormat.MaxBlockLength(section.KeyLength, keys)
                || !Inside(section, position, (int)length)
                || !FlashIo.ReadExactly(_file, _payloadOffset + position, _buffer, 0, (int)length))
            {
                return false;
            }
            int keyBits = section.KeyLength * 8;
            int r = _buffer[0];
            if (r > keyBits)
            {
                return false;
            }
            ulong target = UidClass.KeyToNumber(_key, 0, section.KeyLength);
            ulong max = RiceCode.MaxKey(keyBits);
            ulong current = first;
            _bits.Reset(_buffer, 1, (int)length);
            for (int i = 1; i < keys; i++)
            {
                ulong gap;
                if (!RiceCode.TryRead(_bits, r, keyBits, out gap) || current == max || gap > max - current - 1)
                {
                    return false;
                }
                current += gap + 1;
                if (current >= target)
                {
                    return current == target;
                }
            }
            return false;
        }

        /// <summary>True when <paramref name="length"/> bytes from a payload position lie inside the section.</summary>
        private static bool Inside(SectionDescriptor section, long position, int length)
        {
            return position >= section.Start && length >= 0 && position + length <= section.End;
        }
    }
}
