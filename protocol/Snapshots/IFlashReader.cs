namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Random-access reads of a snapshot file where it lies (flash on the terminal, a file or a
    /// byte array elsewhere). Readers never load a whole allowlist: they read a few hundred
    /// bytes at a time.
    /// </summary>
    public interface IFlashReader
    {
        /// <summary>Length of the file in bytes.</summary>
        long Length { get; }

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes at <paramref name="position"/> into
        /// <paramref name="buffer"/>; returns how many were read (0 at or past the end).
        /// </summary>
        int Read(long position, byte[] buffer, int offset, int count);
    }
}
