using System.IO;
using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The journal's pair of byte logs as two files on the ESP32's internal flash file system
    /// (drive I:): the given path and, beside it, the same name with ".b" before the extension
    /// (I:\journal.bin and I:\journal.b.bin). Both stay open for the life of the program.
    /// <see cref="Flush"/> is FileStream.Flush, which hands the bytes to the file system and is
    /// taken to return once they are on flash (to be confirmed on the device by a power-cut run);
    /// SetLength(0) is the erase the journal does after it switched logs.
    /// </summary>
    public sealed class FlashAppendStore : IAppendStore
    {
        private readonly FileStream _file;
        private readonly FlashAppendStore _sibling;

        public FlashAppendStore(string path)
        {
            _file = Open(path);
            _sibling = new FlashAppendStore(SiblingPath(path), this);
        }

        private FlashAppendStore(string path, FlashAppendStore sibling)
        {
            _file = Open(path);
            _sibling = sibling;
        }

        public long Length
        {
            get { return _file.Length; }
        }

        public IAppendStore Sibling
        {
            get { return _sibling; }
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

        /// <summary>"I:\journal.bin" → "I:\journal.b.bin"; a name without extension gets ".b" appended.</summary>
        public static string SiblingPath(string path)
        {
            int dot = path.LastIndexOf('.');
            int slash = path.LastIndexOf('\\');
            if (dot <= slash + 1)
            {
                return path + ".b";
            }
            return path.Substring(0, dot) + ".b" + path.Substring(dot);
        }

        private static FileStream Open(string path)
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        }
    }
}
