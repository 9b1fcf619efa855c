namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Payload of an allowlist (kind 1). UID lists, each a UID set (sections of classes 1–4),
    /// follow one another; a directory of 20-byte <see cref="SectionDescriptor"/>s, list by list
    /// and class by class, closes the payload:
    /// <code>
    /// full   lists: blocked, social tariff                                   · directory (160 bytes)
    /// delta  lists: blocked removed, blocked added, social removed, social added · directory (320 bytes)
    ///        · 32-byte tag of the full snapshot the delta produces
    /// </code>
    /// </summary>
    public static class AllowlistFormat
    {
        public const int BlockedList = 0;
        public const int SocialTariffList = 1;
        public const int FullLists = 2;
        public const int DeltaLists = 4;

        public static int DirectoryLength(int lists)
        {
            return lists * UidClass.Count * SectionDescriptor.Length;
        }

        /// <summary>Bytes after the sections: the directory, and for a delta the result tag.</summary>
        public static int TailLength(bool delta)
        {
            return delta ? DirectoryLength(DeltaLists) + SnapshotFormat.TagLength : DirectoryLength(FullLists);
        }

        /// <summary>
        /// Reads the directory of an allowlist payload (full or delta, from the header) and checks
        /// that the sections lie in order before it. Never throws.
        /// </summary>
        public static bool TryReadDirectory(IFlashReader file, SnapshotHeader header, out SectionDescriptor[][] lists, out string reason)
        {
            lists = null;
            int count = header.IsDelta ? DeltaLists : FullLists;
            long directory = header.PayloadLength - TailLength(header.IsDelta);
            if (directory < 0)
            {
                reason = "malformed payload: shorter than its directory";
                return false;
            }
            byte[] bytes = new byte[DirectoryLength(count)];
            if (!FlashIo.ReadExactly(file, header.PayloadOffset + directory, bytes, 0, bytes.Length))
            {
                reason = "truncated: the directory could not be read";
                return false;
            }
            SectionDescriptor[][] result = new SectionDescriptor[count][];
            long previousEnd = 0;
            for (int list = 0; list < count; list++)
            {
                result[list] = new SectionDescriptor[UidClass.Count];
                for (int c = 1; c <= UidClass.Count; c++)
                {
                    int at = (list * UidClass.Count + c - 1) * SectionDescriptor.Length;
                    SectionDescriptor d;
                    if (!SectionDescriptor.TryRead(bytes, at, c, previousEnd, directory, out d, out reason))
                    {
                        return false;
                    }
                    result[list][c - 1] = d;
                    previousEnd = d.End;
                }
            }
            lists = result;
            reason = null;
            return true;
        }
    }
}
