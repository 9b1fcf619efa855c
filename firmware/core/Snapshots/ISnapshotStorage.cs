namespace Uitpas.Edge.Core.Snapshots
{
    /// <summary>
    /// The files snapshots live in (internal flash <c>I:\</c> on the device, a folder on a PC).
    /// Names are short ASCII (<c>al.0</c>, <c>al.1</c>, <c>al.delta</c>, <c>ev.0</c>, <c>ev.1</c>).
    /// Which file is in use is not decided here: <see cref="SnapshotSlot"/> keeps that in a
    /// pointer blob, so no rename has to be atomic.
    /// </summary>
    public interface ISnapshotStorage
    {
        /// <summary>Length in bytes; -1 when the file does not exist.</summary>
        long LengthOf(string name);

        /// <summary>Opens the file for random-access reads; null when it does not exist or cannot be opened.</summary>
        ISnapshotReadFile OpenRead(string name);

        /// <summary>
        /// Opens the file for appending, creating it when absent; <paramref name="truncate"/>
        /// empties it first. The file must not be open for reading at the same time.
        /// </summary>
        ISnapshotAppendFile OpenAppend(string name, bool truncate);

        /// <summary>Removes the file when it exists.</summary>
        void Delete(string name);
    }
}
