using System.Collections;

namespace Uitpas.Edge.Protocol.Provisioning
{
    /// <summary>
    /// Finds Improv packets in a byte stream: bytes outside packets (a board's log lines, the
    /// <c>\n</c> after each packet) are skipped; a packet with a wrong version, unknown type or
    /// bad checksum is counted as rejected and the search goes on from the byte after its first
    /// one, so a cut-off packet does not swallow the one behind it. Never throws.
    /// </summary>
    public sealed class ImprovDecoder
    {
        private readonly byte[] _buffer = new byte[ImprovPacket.PrefixLength + ImprovPacket.MaxDataLength + 1];
        private readonly ArrayList _packets = new ArrayList();
        private int _length;

        /// <summary>How many candidate packets were thrown away.</summary>
        public int Rejected { get; private set; }

        /// <summary>Why the last candidate was thrown away; null when none was.</summary>
        public string LastRejection { get; private set; }

        /// <summary>How many decoded packets wait in <see cref="Next"/>.</summary>
        public int Pending
        {
            get { return _packets.Count; }
        }

        public void Feed(byte[] bytes, int offset, int count)
        {
            if (bytes == null || offset < 0 || count < 0 || offset + count > bytes.Length)
            {
                return;
            }
            for (int i = offset; i < offset + count; i++)
            {
                Push(bytes[i]);
            }
        }

        /// <summary>The oldest decoded packet, or null.</summary>
        public ImprovPacket Next()
        {
            if (_packets.Count == 0)
            {
                return null;
            }
            ImprovPacket packet = (ImprovPacket)_packets[0];
            _packets.RemoveAt(0);
            return packet;
        }

        /// <summary>Forgets a partly received packet (not the decoded ones).</summary>
        public void Reset()
        {
            _length = 0;
        }

        private void Push(byte b)
        {
            if (_length < ImprovPacket.HeaderLength)
            {
                if (b == ImprovPacket.HeaderByte(_length))
                {
                    _buffer[_length++] = b;
                }
                else
                {
                    // "IMPROV" has no repeated prefix: a mismatch can only restart at this byte.
                    _length = 0;
                    if (b == ImprovPacket.HeaderByte(0))
                    {
                        _buffer[_length++] = b;
                    }
                }
                return;
            }
            _buffer[_length++] = b;
            if (_length == 7 && b != ImprovPacket.Version)
            {
                Reject("version " + b + " is not 1");
                return;
            }
            if (_length == 8 && !ImprovPacket.IsKnownType(b))
            {
                Reject("unknown packet type 0x" + b.ToString("x2"));
                return;
            }
            if (_length < ImprovPacket.PrefixLength)
            {
                return;
            }
            int dataLength = _buffer[8];
            if (_length < ImprovPacket.PrefixLength + dataLength + 1)
            {
                return;
            }
            byte expected = ImprovPacket.Checksum(_buffer, 0, ImprovPacket.PrefixLength + dataLength);
            if (b != expected)
            {
                Reject("checksum 0x" + b.ToString("x2") + " should be 0x" + expected.ToString("x2"));
                return;
            }
            byte[] data = new byte[dataLength];
            for (int i = 0; i < dataLength; i++)
            {
                data[i] = _buffer[ImprovPacket.PrefixLength + i];
            }
            _packets.Add(new ImprovPacket(_buffer[7], data));
            _length = 0;
        }

        /// <summary>Drops the candidate and searches its bytes after the first for the next header.</summary>
        private void Reject(string reason)
        {
            Rejected++;
            LastRejection = reason;
            int length = _length;
            byte[] rest = new byte[length - 1];
            for (int i = 1; i < length; i++)
            {
                rest[i - 1] = _buffer[i];
            }
            _length = 0;
            for (int i = 0; i < rest.Length; i++)
            {
                Push(rest[i]);
            }
        }
    }
}
