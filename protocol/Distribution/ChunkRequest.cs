namespace Uitpas.Edge.Protocol.Distribution
{
    /// <summary>
    /// A terminal's request for one piece of a snapshot file, on <c>…/snapshot/get</c>:
    /// <c>file=al-12-7\noffset=0\ncount=2048\n</c> (1 ≤ count ≤ 4096).
    /// </summary>
    public sealed class ChunkRequest
    {
        public const int MaxCount = 4096;
        public const int MaxLength = 256;

        public ChunkRequest(string file, long offset, int count)
        {
            File = file;
            Offset = offset;
            Count = count;
        }

        public string File { get; private set; }
        public long Offset { get; private set; }
        public int Count { get; private set; }

        public byte[] Encode()
        {
            if (!SnapshotFileNames.IsValid(File) || Offset < 0 || Offset > 0xFFFFFFFFL || Count < 1 || Count > MaxCount)
            {
                throw new System.ArgumentException("invalid chunk request");
            }
            return System.Text.Encoding.UTF8.GetBytes("file=" + File + "\noffset=" + Offset.ToString() + "\ncount=" + Count.ToString() + "\n");
        }

        public static bool TryParse(byte[] payload, out ChunkRequest request, out string error)
        {
            request = null;
            TextFields f;
            if (!TextFields.TryParse(payload, MaxLength, out f, out error))
            {
                error = "chunk request: " + error;
                return false;
            }
            string file = f.Get("file");
            if (!SnapshotFileNames.IsValid(file))
            {
                error = "chunk request: file missing or not a valid name";
                return false;
            }
            long offset;
            if (!TextFields.TryParseNonNegative(f.Get("offset"), 10, out offset) || offset > 0xFFFFFFFFL)
            {
                error = "chunk request: offset missing or out of range";
                return false;
            }
            long count;
            if (!TextFields.TryParseNonNegative(f.Get("count"), 4, out count) || count < 1 || count > MaxCount)
            {
                error = "chunk request: count missing or not within 1.." + MaxCount;
                return false;
            }
            request = new ChunkRequest(file, offset, (int)count);
            error = null;
            return true;
        }
    }
}
