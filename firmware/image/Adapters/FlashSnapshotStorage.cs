using System.IO;
using Uitpas.Edge.Core.Snapshots;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// Snapshot files on the ESP32's internal flash file system (drive I:): <c>I:\{name}.snap</c>
    /// (al.0, al.1, al.delta, ev.0, ev.1). Reads seek and read a few hundred bytes at a time;
    /// appends are committed by FileStream.Flush. Which slot is in use is the core's pointer blob
    /// (FlashBlobStore), so nothing here needs an atomic rename.
    /// </summary>
    public sealed class FlashSnapshotStorage : ISnapshotStorage
    {
        private readonly string _directory;

        public FlashSnapshotStorage(string directory)
        {
            _directory = directory;
        }

        public long LengthOf(string name)
        {
            string path = PathOf(name);
            return File.Exists(path) ? new FileInfo(path).Length : -1;
        }

        public ISnapshotReadFile OpenRead(string name)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                return null;
            }
            try
            {
                return new FlashReadFile(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            }
            catch (IOException)
            {
                return null;
            }
        }

        public ISnapshotAppendFile OpenAppend(string name, bool truncate)
        {
            FileStream stream = new FileStream(PathOf(name), truncate ? FileMode.Create : FileMode.OpenOrCreate,
                FileAccess.ReadWrite, FileShare.Read);
            stream.Seek(0, SeekOrigin.End);
            return new FlashAppendFile(stream);
        }

        public void Delete(string name)
        {
            string path = PathOf(name);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        private string PathOf(string name)
        {
            return _directory + name + ".snap";
        }
    }
}
