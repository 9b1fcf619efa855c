using System.Collections;
using System.IO;
using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>Named blobs in memory; writes can be made to fail (a worn or full flash) and are counted.</summary>
    public sealed class MemoryBlobStore : IBlobStore
    {
        private readonly Hashtable _blobs = new Hashtable();

        /// <summary>When set, every write throws an <see cref="IOException"/> and stores nothing.</summary>
        public bool Fail { get; set; }

        public int Writes { get; private set; }

        public byte[] Read(string name)
        {
            byte[] data = (byte[])_blobs[name];
            return data == null ? null : Bytes.Copy(data);
        }

        public void Write(string name, byte[] data)
        {
            if (Fail)
            {
                throw new IOException("flash write failed");
            }
            Writes++;
            _blobs[name] = Bytes.Copy(data);
        }
    }
}
