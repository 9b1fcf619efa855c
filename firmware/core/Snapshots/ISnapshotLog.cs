namespace Uitpas.Edge.Core.Snapshots
{
    /// <summary>Where the terminal writes what happened to its snapshots (console on the device, the logger on a PC).</summary>
    public interface ISnapshotLog
    {
        void Write(string line);
    }
}
