using System.IO;
using Uitpas.Edge.Core.Snapshots;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>A snapshot file open for random-access reads on internal flash.</summary>
    internal sealed class FlashReadFile : ISnapshotReadFile
    {
        private readonly FileStream _stream;

        public FlashReadFile(FileStream stream)
        {
            _stream = stream;
        }

        public long Length
        {
            get { return _stream.Length; }
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            if (position < 0 || position >= _stream.Length)
            {
                return 0;
            }
            _stream.Seek(position, SeekOrigin.Begin);
            return _stream.Read(buffer, offset, count);
        }

        public void Close()
        {
            _stream.Close();
        }
    }
}
