using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Core.Snapshots
{
    /// <summary>How a terminal follows and downloads its snapshots; validated before the updater starts.</summary>
    public sealed class SnapshotSettings
    {
        public SnapshotSettings(string deviceId, uint cardSystemId, byte[] key)
        {
            DeviceId = deviceId;
            CardSystemId = cardSystemId;
            Key = key;
            ChunkSize = 2048;
            AnswerTimeoutMs = 5000;
            MaxAttempts = 4;
            RetryBackoffMs = 60000;
        }

        public string DeviceId { get; private set; }

        /// <summary>The terminal's card system (provisioned <c>cardSystem</c>).</summary>
        public uint CardSystemId { get; private set; }

        /// <summary>The card system's 32-byte snapshot key (provisioned <c>snapshotKey</c>).</summary>
        public byte[] Key { get; private set; }

        /// <summary>Bytes asked per chunk request (256–4096).</summary>
        public int ChunkSize { get; set; }

        /// <summary>How long one chunk request waits for its answer before it is asked again.</summary>
        public int AnswerTimeoutMs { get; set; }

        /// <summary>Requests of one chunk before the download pauses for <see cref="RetryBackoffMs"/>.</summary>
        public int MaxAttempts { get; set; }

        /// <summary>Pause after <see cref="MaxAttempts"/> unanswered requests; the download then resumes where it was.</summary>
        public int RetryBackoffMs { get; set; }

        /// <summary>Null when usable, otherwise what is wrong.</summary>
        public string Validate()
        {
            if (!DeviceIds.IsValid(DeviceId)) return "device id must be 1-32 characters of a-z, 0-9 and '-'";
            if (CardSystemId == 0) return "card system must be a positive number";
            if (Key == null || Key.Length != SnapshotFormat.TagLength) return "snapshot key must be 32 bytes (64 hex digits)";
            if (ChunkSize < 256 || ChunkSize > ChunkRequest.MaxCount) return "chunk size must be 256-" + ChunkRequest.MaxCount + " bytes";
            if (AnswerTimeoutMs < 100 || AnswerTimeoutMs > 120000) return "chunk answer timeout must be 100-120000 ms";
            if (MaxAttempts < 1 || MaxAttempts > 100) return "chunk attempts must be 1-100";
            if (RetryBackoffMs < 100) return "retry backoff must be at least 100 ms";
            return null;
        }
    }
}
