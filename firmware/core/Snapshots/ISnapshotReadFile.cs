using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Core.Snapshots
{
    /// <summary>An open snapshot file, read where it lies (never loaded whole).</summary>
    public interface ISnapshotReadFile : IFlashReader
    {
        void Close();
    }
}
