namespace Uitpas.Edge.Core.Snapshots
{
    /// <summary>Where a <see cref="SnapshotDownload"/> stands.</summary>
    public enum DownloadState
    {
        /// <summary>Nothing to fetch.</summary>
        Idle = 0,

        /// <summary>Fetching: a request is in flight, due, or paused after unanswered attempts.</summary>
        Running = 1,

        /// <summary>All bytes are in the target file (flushed and closed).</summary>
        Complete = 2,

        /// <summary>Given up: see <see cref="SnapshotDownload.FailReason"/>.</summary>
        Failed = 3,
    }
}
