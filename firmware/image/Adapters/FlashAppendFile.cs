using System.IO;
using Uitpas.Edge.Core.Snapshots;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>A snapshot file being written from its end on internal flash.</summary>
    internal sealed class FlashAppendFile : ISnapshotAppendFile
    {
        private readonly FileStream _stream;

        public FlashAppendFile(FileStream stream)
        {
            _stream = stream;
        }

        public long Length
        {
            get { return _stream.Length; }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _stream.Write(buffer, offset, count);
        }

        public void Flush()
        {
            _stream.Flush();
        }

        public void Close()
        {
            _stream.Flush();
            _stream.Close();
        }
    }
}
