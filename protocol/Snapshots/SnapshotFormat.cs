namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// The container common to every snapshot file:
    /// <code>
    /// header   28 bytes  magic "UESN" · u8 format version · u8 kind · u16 reserved (0)
    ///                    · u32 card system id · u32 version · u32 base version · i64 created at
    /// payload  n bytes   kind-specific
    /// trailer  36 bytes  u32 payload length n · 32-byte tag (SnapshotTag over all bytes before it)
    /// </code>
    /// Big-endian. The payload length sits after the payload so a file can be written in one pass.
    /// </summary>
    public static class SnapshotFormat
    {
        public const byte Magic0 = (byte)'U';
        public const byte Magic1 = (byte)'E';
        public const byte Magic2 = (byte)'S';
        public const byte Magic3 = (byte)'N';

        public const int FormatVersion = 1;
        public const int HeaderLength = 28;
        public const int TagLength = 32;
        public const int TrailerLength = 4 + TagLength;
        public const int MinFileLength = HeaderLength + TrailerLength;

        /// <summary>Largest payload a v1 file may carry (positions inside it are u32).</summary>
        public const long MaxPayloadLength = 0x7FFFFFFF;

        /// <summary>The tag covers the file in chunks of this size (SnapshotTag).</summary>
        public const int TagChunkSize = 4096;
    }
}
