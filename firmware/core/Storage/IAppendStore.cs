namespace Uitpas.Edge.Core.Storage
{
    /// <summary>
    /// A byte log on flash (one file on the device's internal file system, or a file on a PC).
    /// Appends go to the end; <see cref="Flush"/> returns only when the bytes are durable.
    /// The journal keeps its entries in one of a pair of such logs (<see cref="Sibling"/>) and
    /// moves to the other when it compacts (docs/protocol.md, "Journal").
    /// </summary>
    public interface IAppendStore
    {
        long Length { get; }

        void Append(byte[] buffer, int offset, int count);

        void Flush();

        /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="position"/>; returns how many were read.</summary>
        int Read(long position, byte[] buffer, int offset, int count);

        /// <summary>
        /// Cuts the log to <paramref name="length"/> bytes (drops a torn tail; 0 erases it) and
        /// makes the cut durable before returning.
        /// </summary>
        void Truncate(long length);

        /// <summary>
        /// The other log of the pair (a second file beside this one), whose own sibling is this
        /// log; the same object on every call. Null when the store is a single file: the journal
        /// then never compacts.
        /// </summary>
        IAppendStore Sibling { get; }
    }
}
