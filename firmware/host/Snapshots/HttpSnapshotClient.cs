using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.VirtualTerminal.Snapshots;

/// <summary>
/// Ranged HTTP GETs of snapshot pieces for the updater (<c>GET {url}{file}</c>, <c>Range:
/// bytes=a-b</c>, 206 expected). Requests run on the thread pool; answers are queued in the
/// shape of MQTT chunk answers and polled by the core. A failed request queues nothing: the
/// updater's timeout asks again, then falls back to MQTT.
/// </summary>
public sealed class HttpSnapshotClient(HttpClient http) : ISnapshotHttp
{
    private readonly ConcurrentQueue<ChunkAnswer> _answers = new();

    public bool Request(string url, string file, long offset, int count)
    {
        if (!Uri.TryCreate(url + file, UriKind.Absolute, out Uri? uri))
        {
            return false;
        }
        _ = FetchAsync(uri, file, offset, count);
        return true;
    }

    public ChunkAnswer? Poll() => _answers.TryDequeue(out ChunkAnswer? answer) ? answer : null;

    private async Task FetchAsync(Uri uri, string file, long offset, int count)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Range = new RangeHeaderValue(offset, offset + count - 1);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                Enqueue(ChunkAnswer.Encode(ChunkStatus.UnknownFile, file, 0, 0, [], 0, 0));
                return;
            }
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                Enqueue(ChunkAnswer.Encode(ChunkStatus.BadRequest, file, offset, 0, [], 0, 0));
                return;
            }
            if (response.StatusCode != HttpStatusCode.PartialContent || response.Content.Headers.ContentRange is not { } range
                || range.From != offset || range.Length is not long total)
            {
                return; // not a ranged answer: let the timeout fall back to MQTT
            }
            byte[] data = await response.Content.ReadAsByteArrayAsync();
            int n = Math.Min(data.Length, count);
            if (offset + n > total)
            {
                return;
            }
            Enqueue(ChunkAnswer.Encode(ChunkStatus.Ok, file, offset, total, data, 0, n));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            // Unreachable or cut off: the updater asks again after its timeout.
        }
    }

    private void Enqueue(byte[] payload)
    {
        if (ChunkAnswer.TryParse(payload, out ChunkAnswer? answer, out _))
        {
            _answers.Enqueue(answer);
        }
    }
}
