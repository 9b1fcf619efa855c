namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// The authenticity tag of a snapshot, computed chunk by chunk with constant RAM because the
    /// device's HMACSHA256 only MACs one whole buffer. With K the snapshot key, the covered bytes
    /// split into chunks of 4096 (the last one shorter), c0 = 32 zero bytes:
    /// <code>
    /// c(i) = HMAC-SHA256(K, c(i-1) · 0x01 · chunk(i))
    /// tag  = HMAC-SHA256(K, c(m) · 0x02 · u64 number of covered bytes)
    /// </code>
    /// Working set: one 4129-byte buffer. Optionally passes every covered byte on to a writer,
    /// in chunk-sized writes.
    /// </summary>
    public sealed class SnapshotTag
    {
        private const int ChainLength = 32;
        private const int DataOffset = ChainLength + 1;
        private const byte ChunkStep = 0x01;
        private const byte FinalStep = 0x02;

        private readonly IHmacSha256 _hmac;
        private readonly byte[] _key;
        private readonly IFlashWriter _passOn;
        private readonly byte[] _buffer = new byte[DataOffset + SnapshotFormat.TagChunkSize];
        private int _filled;
        private long _total;
        private bool _finished;

        public SnapshotTag(IHmacSha256 hmac, byte[] key)
            : this(hmac, key, null)
        {
        }

        /// <param name="passOn">Receives the covered bytes as they are MACed (null: none).</param>
        public SnapshotTag(IHmacSha256 hmac, byte[] key, IFlashWriter passOn)
        {
            if (hmac == null || key == null || key.Length == 0)
            {
                throw new System.ArgumentException("a snapshot tag needs an HMAC and a non-empty key");
            }
            _hmac = hmac;
            _key = key;
            _passOn = passOn;
            _buffer[ChainLength] = ChunkStep;
        }

        /// <summary>Bytes covered so far.</summary>
        public long Length
        {
            get { return _total; }
        }

        public void Append(byte[] data, int offset, int count)
        {
            while (count > 0)
            {
                int n = FlashIo.Min(count, SnapshotFormat.TagChunkSize - _filled);
                System.Array.Copy(data, offset, _buffer, DataOffset + _filled, n);
                Advance(n);
                offset += n;
                count -= n;
            }
        }

        /// <summary>Covers <paramref name="count"/> bytes of a file, read straight into the chunk buffer; false when the file ends early.</summary>
        public bool AppendFrom(IFlashReader file, long position, long count)
        {
            while (count > 0)
            {
                int n = (int)FlashIo.Min(count, SnapshotFormat.TagChunkSize - _filled);
                if (!FlashIo.ReadExactly(file, position, _buffer, DataOffset + _filled, n))
                {
                    return false;
                }
                Advance(n);
                position += n;
                count -= n;
            }
            return true;
        }

        /// <summary>Completes the tag; no bytes may be appended afterwards.</summary>
        public byte[] Finish()
        {
            if (_finished)
            {
                throw new System.InvalidOperationException("the snapshot tag is already finished");
            }
            _finished = true;
            if (_filled > 0 || _total == 0)
            {
                CloseChunk();
            }
            byte[] last = new byte[DataOffset + 8];
            System.Array.Copy(_buffer, 0, last, 0, ChainLength);
            last[ChainLength] = FinalStep;
            BigEndian.WriteInt64(last, DataOffset, _total);
            return Checked(_hmac.Compute(_key, last, 0, last.Length));
        }

        /// <summary>Compares two tags in time independent of where they differ.</summary>
        public static bool AreEqual(byte[] a, int aOffset, byte[] b, int bOffset)
        {
            int diff = 0;
            for (int i = 0; i < SnapshotFormat.TagLength; i++)
            {
                diff |= a[aOffset + i] ^ b[bOffset + i];
            }
            return diff == 0;
        }

        private void Advance(int n)
        {
            if (_finished)
            {
                throw new System.InvalidOperationException("the snapshot tag is already finished");
            }
            _filled += n;
            _total += n;
            if (_filled == SnapshotFormat.TagChunkSize)
            {
                CloseChunk();
            }
        }

        private void CloseChunk()
        {
            byte[] chain = Checked(_hmac.Compute(_key, _buffer, 0, DataOffset + _filled));
            if (_passOn != null && _filled > 0)
            {
                _passOn.Write(_buffer, DataOffset, _filled);
            }
            System.Array.Copy(chain, 0, _buffer, 0, ChainLength);
            _filled = 0;
        }

        private static byte[] Checked(byte[] mac)
        {
            if (mac == null || mac.Length != SnapshotFormat.TagLength)
            {
                throw new System.InvalidOperationException("HMAC-SHA256 must give 32 bytes");
            }
            return mac;
        }
    }
}
