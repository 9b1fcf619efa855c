using System.Diagnostics;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Central;

namespace Uitpas.Edge.Agent.Observability;

/// <summary>
/// A handler in the central client's HttpClient: times every HTTP call to central and records it
/// by operation and outcome (<see cref="AgentMetrics"/>), and remembers the last success and the
/// last failure for the health check (<see cref="CentralCallLedger"/>). The operation is named
/// from the method and the path's shape only (no ids, no query): a card number in
/// <c>GET /passes?identifier=…</c> never reaches a label.
/// </summary>
internal sealed class CentralCallObserver : DelegatingHandler
{
    private readonly AgentMetrics _metrics;
    private readonly CentralCallLedger _ledger;
    private readonly IOptions<CentralOptions> _central;

    public CentralCallObserver(AgentMetrics metrics, CentralCallLedger ledger, IOptions<CentralOptions> central)
    {
        _metrics = metrics;
        _ledger = ledger;
        _central = central;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = OperationOf(request.Method, request.RequestUri, _central.Value.TokenEndpoint);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var outcome = OutcomeOf((int)response.StatusCode);
            Record(operation, outcome, started, "HTTP " + (int)response.StatusCode);
            return response;
        }
        catch (OperationCanceledException)
        {
            Record(operation, "unavailable", started, "no answer in time");
            throw;
        }
        catch (HttpRequestException exception)
        {
            Record(operation, "unavailable", started, "network error (" + exception.HttpRequestError + ")");
            throw;
        }
    }

    /// <summary>ok (2xx/3xx), throttled (429), unavailable (408, 5xx), refused (other 4xx: an answer).</summary>
    internal static string OutcomeOf(int status) => status switch
    {
        < 400 => "ok",
        429 => "throttled",
        408 or >= 500 => "unavailable",
        _ => "refused",
    };

    /// <summary>The operation a request is, from its method and path shape (the client's operation names).</summary>
    internal static string OperationOf(HttpMethod method, Uri? uri, Uri? tokenEndpoint)
    {
        if (uri is null)
        {
            return "other";
        }
        if (tokenEndpoint is not null && Uri.Compare(uri, tokenEndpoint, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            return "token";
        }
        var path = uri.AbsolutePath.TrimEnd('/');
        var get = method == HttpMethod.Get;
        return path switch
        {
            _ when path.EndsWith("/kiosk-devices/checkins", StringComparison.Ordinal) => get ? "kiosk current event" : "kiosk check-in",
            _ when path.EndsWith("/passes", StringComparison.Ordinal) => "pass lookup",
            _ when path.EndsWith("/checkins", StringComparison.Ordinal) => get ? "check-in search" : "check-in",
            _ when path.EndsWith("/settings", StringComparison.Ordinal) && path.Contains("/events/", StringComparison.Ordinal) => "event settings",
            _ when path.EndsWith("/tariffs/static", StringComparison.Ordinal) => "static tariffs",
            _ when path.Contains("/cards/social-tariff/", StringComparison.Ordinal) => "social-tariff export",
            _ => "other",
        };
    }

    private void Record(string operation, string outcome, long started, string detail)
    {
        _metrics.CentralCall(operation, outcome, Stopwatch.GetElapsedTime(started));
        _ledger.Record(operation, outcome, detail);
    }
}
