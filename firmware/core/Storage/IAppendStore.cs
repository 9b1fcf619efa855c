namespace Uitpas.Edge.Core.Storage
{
    /// <summary>
    /// A byte log on flash (one file on the device's internal file system, or a file on a PC).
    /// Appends go to the end; <see cref="Flush"/> returns only when the bytes are durable.
    /// </summary>
    public interface IAppendStore
    {
        long Length { get; }

        void Append(byte[] buffer, int offset, int count);

        void Flush();

        /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="position"/>; returns how many were read.</summary>
        int Read(long position, byte[] buffer, int offset, int count);

        /// <summary>Cuts the log to <paramref name="length"/> bytes (drops a torn tail).</summary>
        void Truncate(long length);
    }
}
