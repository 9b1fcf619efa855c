namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Layout constants of a UID section: sorted keys cut into blocks of up to
    /// <see cref="KeysPerBlock"/> keys, each block Rice-coded, and a static B-tree of pages of up to
    /// <see cref="FanOut"/> entries over the blocks' first keys, written bottom-up so that a
    /// section streams out with bounded RAM.
    /// <code>
    /// page   u8 m (1..32) · m × (key · u32 pointer)      level 0: pointer = block; above: child page
    /// block  u8 r (Rice parameter) · (keys − 1) Rice codes of gap = key(i) − key(i−1) − 1, MSB first,
    ///        each q = gap &gt;&gt; r one-bits, a zero bit, then the low r bits; zero-padded to a byte
    /// </code>
    /// Every page but the last of each level is full, so the path to a block gives its number.
    /// </summary>
    public static class UidSectionFormat
    {
        public const int FanOut = 32;
        public const int KeysPerBlock = 64;
        public const int PointerLength = 4;

        /// <summary>Bytes of one lookup or cursor buffer: the largest page (449, 10-byte keys) or block (458, 7-byte keys).</summary>
        public const int BufferLength = 512;

        public static int EntryLength(int keyLength)
        {
            return keyLength + PointerLength;
        }

        public static int MaxPageLength(int keyLength)
        {
            return 1 + FanOut * EntryLength(keyLength);
        }

        /// <summary>Upper bound of a block of <paramref name="keys"/> keys (Rice parameter chosen near the mean gap).</summary>
        public static int MaxBlockLength(int keyLength, int keys)
        {
            int bits = (keys - 1) * (keyLength * 8 + 2);
            return 1 + (bits + 7) / 8;
        }

        /// <summary>Keys per block of a class: 1 for 10-byte keys (pages only), else <see cref="KeysPerBlock"/>.</summary>
        public static int KeysPerBlockOf(int uidClass)
        {
            return uidClass == UidClass.Triple10 ? 1 : KeysPerBlock;
        }

        public static long BlockCount(long keys, int keysPerBlock)
        {
            return (keys + keysPerBlock - 1) / keysPerBlock;
        }

        /// <summary>
        /// Entries of page <paramref name="pageIndex"/> of a tree level (0 = the pages over the
        /// blocks), counting pages of a level from 0 in file order; 0 when there is no such page.
        /// Every page but the last of a level is full, so a reader knows a page's length before reading it.
        /// </summary>
        public static int PageEntries(long keys, int keysPerBlock, int level, long pageIndex)
        {
            long entries = BlockCount(keys, keysPerBlock);
            for (int l = 0; l < level; l++)
            {
                entries = (entries + FanOut - 1) / FanOut;
            }
            long left = entries - pageIndex * FanOut;
            if (pageIndex < 0 || left <= 0)
            {
                return 0;
            }
            return left > FanOut ? FanOut : (int)left;
        }

        /// <summary>Bytes of a page of <paramref name="entries"/> entries.</summary>
        public static int PageLength(int keyLength, int entries)
        {
            return 1 + entries * EntryLength(keyLength);
        }

        /// <summary>Tree levels over <paramref name="keys"/> keys; 0 for none.</summary>
        public static int Levels(long keys, int keysPerBlock)
        {
            long entries = BlockCount(keys, keysPerBlock);
            if (entries == 0)
            {
                return 0;
            }
            int levels = 1;
            while (entries > FanOut)
            {
                entries = (entries + FanOut - 1) / FanOut;
                levels++;
            }
            return levels;
        }
    }
}
