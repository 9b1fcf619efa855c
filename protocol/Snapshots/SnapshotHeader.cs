namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>The container fields of a snapshot file (<see cref="SnapshotFormat"/>).</summary>
    public sealed class SnapshotHeader
    {
        public int Kind { get; private set; }
        public uint CardSystemId { get; private set; }

        /// <summary>Monotonic per (card system, kind), starting at 1.</summary>
        public uint Version { get; private set; }

        /// <summary>0 for a full snapshot; for a delta, the version it applies to.</summary>
        public uint BaseVersion { get; private set; }

        public long CreatedAtUnixMs { get; private set; }
        public long PayloadLength { get; private set; }
        public long FileLength { get; private set; }

        public bool IsDelta
        {
            get { return BaseVersion != 0; }
        }

        /// <summary>Position of the payload's first byte in the file.</summary>
        public long PayloadOffset
        {
            get { return SnapshotFormat.HeaderLength; }
        }

        /// <summary>
        /// Reads and checks the container framing (length, magic, format version, kind, reserved
        /// bytes, payload length, version numbers); not the tag. Never throws on bad input.
        /// </summary>
        public static bool TryRead(IFlashReader file, out SnapshotHeader header, out string reason)
        {
            header = null;
            long length = file == null ? 0 : file.Length;
            if (length < SnapshotFormat.MinFileLength)
            {
                reason = "truncated: " + length + " bytes, a snapshot has at least " + SnapshotFormat.MinFileLength;
                return false;
            }
            byte[] head = new byte[SnapshotFormat.HeaderLength];
            byte[] tail = new byte[4];
            if (!FlashIo.ReadExactly(file, 0, head, 0, head.Length)
                || !FlashIo.ReadExactly(file, length - SnapshotFormat.TrailerLength, tail, 0, 4))
            {
                reason = "truncated: the file could not be read to its end";
                return false;
            }
            if (head[0] != SnapshotFormat.Magic0 || head[1] != SnapshotFormat.Magic1
                || head[2] != SnapshotFormat.Magic2 || head[3] != SnapshotFormat.Magic3)
            {
                reason = "bad magic: not a snapshot file";
                return false;
            }
            if (head[4] != SnapshotFormat.FormatVersion)
            {
                reason = "unknown snapshot format version " + head[4];
                return false;
            }
            if (!SnapshotKind.IsKnown(head[5]))
            {
                reason = "unknown snapshot kind " + head[5];
                return false;
            }
            if (head[6] != 0 || head[7] != 0)
            {
                reason = "reserved header bytes are not zero";
                return false;
            }
            long payloadLength = BigEndian.ReadUInt32(tail, 0);
            long held = length - SnapshotFormat.MinFileLength;
            if (payloadLength != held)
            {
                reason = "truncated or padded: the trailer gives a " + payloadLength
                    + "-byte payload, the file holds " + held;
                return false;
            }
            SnapshotHeader h = new SnapshotHeader();
            h.Kind = head[5];
            h.CardSystemId = BigEndian.ReadUInt32(head, 8);
            h.Version = BigEndian.ReadUInt32(head, 12);
            h.BaseVersion = BigEndian.ReadUInt32(head, 16);
            h.CreatedAtUnixMs = BigEndian.ReadInt64(head, 20);
            h.PayloadLength = payloadLength;
            h.FileLength = length;
            if (h.Version == 0)
            {
                reason = "snapshot version 0 is reserved";
                return false;
            }
            if (h.BaseVersion >= h.Version)
            {
                reason = "delta base version " + h.BaseVersion + " is not below its version " + h.Version;
                return false;
            }
            if (h.IsDelta && h.Kind != SnapshotKind.Allowlist)
            {
                reason = "deltas are defined for allowlists only (kind " + h.Kind + ")";
                return false;
            }
            header = h;
            reason = null;
            return true;
        }

        /// <summary>Writes the 28 header bytes.</summary>
        public static void Write(byte[] buffer, int offset, int kind, uint cardSystemId, uint version, uint baseVersion, long createdAtUnixMs)
        {
            buffer[offset] = SnapshotFormat.Magic0;
            buffer[offset + 1] = SnapshotFormat.Magic1;
            buffer[offset + 2] = SnapshotFormat.Magic2;
            buffer[offset + 3] = SnapshotFormat.Magic3;
            buffer[offset + 4] = SnapshotFormat.FormatVersion;
            buffer[offset + 5] = (byte)kind;
            buffer[offset + 6] = 0;
            buffer[offset + 7] = 0;
            BigEndian.WriteUInt32(buffer, offset + 8, cardSystemId);
            BigEndian.WriteUInt32(buffer, offset + 12, version);
            BigEndian.WriteUInt32(buffer, offset + 16, baseVersion);
            BigEndian.WriteInt64(buffer, offset + 20, createdAtUnixMs);
        }
    }
}
