using System.IO;
using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// Small records as files on internal flash, replaced via a temporary file so a power cut
    /// leaves the old or the new content: the temporary file is complete before the old file
    /// is deleted, so when only the temporary file exists it is the new content.
    /// </summary>
    public sealed class FlashBlobStore : IBlobStore
    {
        private readonly string _directory;

        public FlashBlobStore(string directory)
        {
            _directory = directory;
        }

        public byte[] Read(string name)
        {
            string path = PathOf(name);
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
            string temp = path + ".tmp";
            return File.Exists(temp) ? File.ReadAllBytes(temp) : null;
        }

        public void Write(string name, byte[] data)
        {
            string path = PathOf(name);
            string temp = path + ".tmp";
            File.WriteAllBytes(temp, data);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
            File.Move(temp, path);
        }

        private string PathOf(string name)
        {
            return _directory + name + ".bin";
        }
    }
}
