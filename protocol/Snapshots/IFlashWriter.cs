namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Appends bytes to a new snapshot file (a scratch file on the terminal's flash). The
    /// writers only append; the caller flushes, closes and replaces the current file atomically.
    /// </summary>
    public interface IFlashWriter
    {
        void Write(byte[] buffer, int offset, int count);
    }
}
