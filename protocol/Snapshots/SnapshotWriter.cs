namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Writes one snapshot file in a single pass: the header at construction, the payload through
    /// <see cref="Write"/>, and the trailer (payload length and tag) at <see cref="Finish"/>.
    /// The output receives 4 KB writes; RAM stays at one tag buffer.
    /// </summary>
    public sealed class SnapshotWriter
    {
        private readonly IFlashWriter _output;
        private readonly SnapshotTag _tag;
        private readonly byte[] _small = new byte[SnapshotFormat.HeaderLength];
        private byte[] _result;

        public SnapshotWriter(IFlashWriter output, IHmacSha256 hmac, byte[] key, int kind, uint cardSystemId,
            uint version, uint baseVersion, long createdAtUnixMs)
        {
            if (output == null)
            {
                throw new System.ArgumentException("a snapshot writer needs an output");
            }
            if (!SnapshotKind.IsKnown(kind) || version == 0 || baseVersion >= version)
            {
                throw new System.ArgumentException("invalid snapshot kind or versions");
            }
            _output = output;
            _tag = new SnapshotTag(hmac, key, output);
            SnapshotHeader.Write(_small, 0, kind, cardSystemId, version, baseVersion, createdAtUnixMs);
            _tag.Append(_small, 0, SnapshotFormat.HeaderLength);
        }

        /// <summary>Bytes of payload written so far: the payload-relative position of the next byte.</summary>
        public long PayloadPosition
        {
            get { return _tag.Length - SnapshotFormat.HeaderLength; }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (_result != null)
            {
                throw new System.InvalidOperationException("the snapshot is already finished");
            }
            if (PayloadPosition + count > SnapshotFormat.MaxPayloadLength)
            {
                throw new System.InvalidOperationException("snapshot payload too large");
            }
            _tag.Append(buffer, offset, count);
        }

        public void WriteByte(int value)
        {
            _small[0] = (byte)value;
            Write(_small, 0, 1);
        }

        public void WriteUInt32(uint value)
        {
            BigEndian.WriteUInt32(_small, 0, value);
            Write(_small, 0, 4);
        }

        /// <summary>Writes the trailer and returns the tag; the caller then flushes and closes the output.</summary>
        public byte[] Finish()
        {
            if (_result != null)
            {
                throw new System.InvalidOperationException("the snapshot is already finished");
            }
            BigEndian.WriteUInt32(_small, 0, (uint)PayloadPosition);
            _tag.Append(_small, 0, 4);
            _result = _tag.Finish();
            _output.Write(_result, 0, _result.Length);
            byte[] copy = new byte[_result.Length];
            System.Array.Copy(_result, 0, copy, 0, copy.Length);
            return copy;
        }
    }
}
