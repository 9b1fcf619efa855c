using System.Collections;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>A growable byte sequence in small blocks (no large array reallocated on the device's heap), also a flash writer.</summary>
    public sealed class ByteBuffer : IFlashWriter
    {
        private const int BlockSize = 256;

        private readonly ArrayList _blocks = new ArrayList();
        private int _length;

        public int Length
        {
            get { return _length; }
        }

        public byte this[int position]
        {
            get { return ((byte[])_blocks[position / BlockSize])[position % BlockSize]; }
            set { ((byte[])_blocks[position / BlockSize])[position % BlockSize] = value; }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (_length == _blocks.Count * BlockSize)
                {
                    _blocks.Add(new byte[BlockSize]);
                }
                this[_length] = buffer[offset + i];
                _length++;
            }
        }

        public void Write(byte[] bytes)
        {
            Write(bytes, 0, bytes.Length);
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && position + n < _length)
            {
                buffer[offset + n] = this[(int)position + n];
                n++;
            }
            return n;
        }

        public byte[] ToArray()
        {
            byte[] all = new byte[_length];
            Read(0, all, 0, _length);
            return all;
        }
    }
}
