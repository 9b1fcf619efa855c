using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Flow
{
    /// <summary>
    /// The boot epoch: one more than the last boot's, stored before the first tap of this
    /// boot, and never below what the journal has seen, so (epoch, sequence) never repeats
    /// even when the stored counter is lost.
    /// </summary>
    public static class BootEpoch
    {
        public const string BlobName = "epoch";

        public static uint Advance(IBlobStore blobs, uint highestInJournal)
        {
            byte[] stored = blobs.Read(BlobName);
            uint last = stored != null && stored.Length == 4 ? BigEndian.ReadUInt32(stored, 0) : 0;
            if (highestInJournal > last)
            {
                last = highestInJournal;
            }
            uint next = last + 1;
            byte[] data = new byte[4];
            BigEndian.WriteUInt32(data, 0, next);
            blobs.Write(BlobName, data);
            return next;
        }
    }
}
