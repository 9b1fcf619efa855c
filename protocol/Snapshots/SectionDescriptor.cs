namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Where a UID section lies in a payload (20 bytes): u8 class · u8 keys per block · u8 levels ·
    /// u8 reserved (0) · u32 count · u32 start · u32 end · u32 root page. Positions are
    /// payload-relative; an empty section has count 0, levels 0, root 0 and start = end.
    /// </summary>
    public sealed class SectionDescriptor
    {
        public const int Length = 20;

        public SectionDescriptor(int uidClass, int keysPerBlock, int levels, long count, long start, long end, long root)
        {
            UidClass = uidClass;
            KeysPerBlock = keysPerBlock;
            Levels = levels;
            Count = count;
            Start = start;
            End = end;
            Root = root;
        }

        public int UidClass { get; private set; }
        public int KeysPerBlock { get; private set; }
        public int Levels { get; private set; }
        public long Count { get; private set; }
        public long Start { get; private set; }
        public long End { get; private set; }
        public long Root { get; private set; }

        public int KeyLength
        {
            get { return Snapshots.UidClass.KeyLength(UidClass); }
        }

        public void Write(byte[] buffer, int offset)
        {
            buffer[offset] = (byte)UidClass;
            buffer[offset + 1] = (byte)KeysPerBlock;
            buffer[offset + 2] = (byte)Levels;
            buffer[offset + 3] = 0;
            BigEndian.WriteUInt32(buffer, offset + 4, (uint)Count);
            BigEndian.WriteUInt32(buffer, offset + 8, (uint)Start);
            BigEndian.WriteUInt32(buffer, offset + 12, (uint)End);
            BigEndian.WriteUInt32(buffer, offset + 16, (uint)Root);
        }

        /// <summary>
        /// Reads and checks a descriptor: the expected class, a valid block size, levels that fit
        /// the count, and a root inside [start, end) with start ≥ <paramref name="notBefore"/> and
        /// end ≤ <paramref name="notAfter"/>. Never throws.
        /// </summary>
        public static bool TryRead(byte[] buffer, int offset, int expectedClass, long notBefore, long notAfter,
            out SectionDescriptor descriptor, out string reason)
        {
            descriptor = null;
            int uidClass = buffer[offset];
            int keysPerBlock = buffer[offset + 1];
            int levels = buffer[offset + 2];
            long count = BigEndian.ReadUInt32(buffer, offset + 4);
            long start = BigEndian.ReadUInt32(buffer, offset + 8);
            long end = BigEndian.ReadUInt32(buffer, offset + 12);
            long root = BigEndian.ReadUInt32(buffer, offset + 16);
            reason = "malformed payload: section of class " + expectedClass + ": ";
            if (uidClass != expectedClass || buffer[offset + 3] != 0)
            {
                reason += "wrong class byte or reserved byte";
                return false;
            }
            bool blockOk = expectedClass == Snapshots.UidClass.Triple10
                ? keysPerBlock == 1
                : keysPerBlock >= 1 && keysPerBlock <= UidSectionFormat.KeysPerBlock;
            if (!blockOk)
            {
                reason += "keys per block " + keysPerBlock + " not allowed";
                return false;
            }
            if (count > 0x7FFFFFFF || levels != UidSectionFormat.Levels(count, keysPerBlock))
            {
                reason += "levels " + levels + " do not fit " + count + " keys";
                return false;
            }
            if (start < notBefore || end < start || end > notAfter)
            {
                reason += "lies outside its room";
                return false;
            }
            if (count == 0 ? (start != end || root != 0) : (root < start || root >= end))
            {
                reason += "root page outside the section";
                return false;
            }
            descriptor = new SectionDescriptor(uidClass, keysPerBlock, levels, count, start, end, root);
            reason = null;
            return true;
        }
    }
}
