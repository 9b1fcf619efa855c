using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Core.Snapshots
{
    /// <summary>A file being written from its end (a download's scratch file, a merged allowlist).</summary>
    public interface ISnapshotAppendFile : IFlashWriter
    {
        /// <summary>Bytes in the file, written ones included.</summary>
        long Length { get; }

        /// <summary>Returns when the bytes written so far are durable.</summary>
        void Flush();

        /// <summary>Flushes and closes.</summary>
        void Close();
    }
}
