namespace Uitpas.Edge.Protocol.Distribution
{
    /// <summary>
    /// The agent's answer to a <see cref="ChunkRequest"/>, on <c>…/snapshot/chunk</c>, binary and big-endian:
    /// <code>
    /// 0    u8   format version (1)
    /// 1    u8   status (ChunkStatus: 0 ok, 1 unknown file, 2 bad request)
    /// 2    u32  offset of the data in the file
    /// 6    u32  total file length
    /// 10   u8   name length n (1..64)
    /// 11   n    file name
    /// 11+n      data (≤ 4096 bytes); empty at offset == total marks the end
    /// </code>
    /// A parsed answer points into the payload array (no copy of the data).
    /// </summary>
    public sealed class ChunkAnswer
    {
        public const byte FormatVersion = 1;
        public const int FixedLength = 11;
        public const int MaxLength = FixedLength + SnapshotFileNames.MaxLength + ChunkRequest.MaxCount;

        private ChunkAnswer()
        {
        }

        public int Status { get; private set; }
        public long Offset { get; private set; }
        public long Total { get; private set; }
        public string File { get; private set; }

        /// <summary>The array the data lies in (the received payload).</summary>
        public byte[] Buffer { get; private set; }
        public int DataOffset { get; private set; }
        public int DataLength { get; private set; }

        public static byte[] Encode(int status, string file, long offset, long total, byte[] data, int dataOffset, int dataCount)
        {
            if (!ChunkStatus.IsKnown(status) || !SnapshotFileNames.IsValid(file) || offset < 0 || offset > 0xFFFFFFFFL
                || total < 0 || total > 0xFFFFFFFFL || dataCount < 0 || dataCount > ChunkRequest.MaxCount
                || (status == ChunkStatus.Ok && offset + dataCount > total))
            {
                throw new System.ArgumentException("invalid chunk answer");
            }
            byte[] name = System.Text.Encoding.UTF8.GetBytes(file);
            byte[] payload = new byte[FixedLength + name.Length + dataCount];
            payload[0] = FormatVersion;
            payload[1] = (byte)status;
            BigEndian.WriteUInt32(payload, 2, (uint)offset);
            BigEndian.WriteUInt32(payload, 6, (uint)total);
            payload[10] = (byte)name.Length;
            System.Array.Copy(name, 0, payload, FixedLength, name.Length);
            if (dataCount > 0)
            {
                System.Array.Copy(data, dataOffset, payload, FixedLength + name.Length, dataCount);
            }
            return payload;
        }

        public static bool TryParse(byte[] payload, out ChunkAnswer answer, out string error)
        {
            answer = null;
            if (payload == null || payload.Length < FixedLength + 1)
            {
                error = "chunk answer shorter than " + (FixedLength + 1) + " bytes";
                return false;
            }
            if (payload.Length > MaxLength)
            {
                error = "chunk answer longer than " + MaxLength + " bytes";
                return false;
            }
            if (payload[0] != FormatVersion)
            {
                error = "unsupported chunk answer format version " + payload[0];
                return false;
            }
            int status = payload[1];
            if (!ChunkStatus.IsKnown(status))
            {
                error = "unknown chunk status " + status;
                return false;
            }
            int n = payload[10];
            if (n < 1 || n > SnapshotFileNames.MaxLength || FixedLength + n > payload.Length)
            {
                error = "chunk answer name length " + n + " out of range";
                return false;
            }
            for (int i = 0; i < n; i++)
            {
                if (payload[FixedLength + i] >= 0x80)
                {
                    error = "chunk answer name is not ASCII";
                    return false;
                }
            }
            string file = System.Text.Encoding.UTF8.GetString(payload, FixedLength, n);
            if (!SnapshotFileNames.IsValid(file))
            {
                error = "chunk answer name is not a valid file name";
                return false;
            }
            ChunkAnswer a = new ChunkAnswer();
            a.Status = status;
            a.Offset = BigEndian.ReadUInt32(payload, 2);
            a.Total = BigEndian.ReadUInt32(payload, 6);
            a.File = file;
            a.Buffer = payload;
            a.DataOffset = FixedLength + n;
            a.DataLength = payload.Length - a.DataOffset;
            if (a.DataLength > ChunkRequest.MaxCount)
            {
                error = "chunk answer carries more than " + ChunkRequest.MaxCount + " bytes";
                return false;
            }
            if (status == ChunkStatus.Ok && a.Offset + a.DataLength > a.Total)
            {
                error = "chunk answer data runs past the file's total length";
                return false;
            }
            if (status != ChunkStatus.Ok && a.DataLength != 0)
            {
                error = "a refused chunk answer carries data";
                return false;
            }
            answer = a;
            error = null;
            return true;
        }
    }
}
