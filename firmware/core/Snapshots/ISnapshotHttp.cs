using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.Core.Snapshots
{
    /// <summary>
    /// Optional HTTP download of snapshot pieces (<c>GET {url}{file}</c> with
    /// <c>Range: bytes=offset-(offset+count-1)</c>), for terminals that have an HTTP client. It
    /// must not block: the request runs elsewhere and its answer is polled, in the same shape as
    /// an MQTT chunk answer. No answer within the download's timeout counts as a lost request.
    /// </summary>
    public interface ISnapshotHttp
    {
        /// <summary>Starts a ranged GET; false when it cannot start now (then MQTT is used).</summary>
        bool Request(string url, string file, long offset, int count);

        /// <summary>A finished request's answer (404 → <see cref="ChunkStatus.UnknownFile"/>), or null.</summary>
        ChunkAnswer Poll();
    }
}
