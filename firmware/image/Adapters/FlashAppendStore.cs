using System.IO;
using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>The journal's byte log as one file on the ESP32's internal flash file system (drive I:).</summary>
    public sealed class FlashAppendStore : IAppendStore
    {
        private readonly FileStream _file;

        public FlashAppendStore(string path)
        {
            _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        }

        public long Length
        {
            get { return _file.Length; }
        }

        public void Append(byte[] buffer, int offset, int count)
        {
            _file.Seek(0, SeekOrigin.End);
            _file.Write(buffer, offset, count);
        }

        public void Flush()
        {
            _file.Flush();
        }

        public int Read(long position, byte[] buffer, int offset, int count)
        {
            _file.Seek(position, SeekOrigin.Begin);
            int total = 0;
            while (total < count)
            {
                int read = _file.Read(buffer, offset + total, count - total);
                if (read <= 0)
                {
                    break;
                }
                total += read;
            }
            return total;
        }

        public void Truncate(long length)
        {
            _file.SetLength(length);
            _file.Flush();
        }
    }
}
