using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Uitpas.Edge.Agent.Events;

namespace Uitpas.Edge.Agent.Observability;

/// <summary>
/// The agent's counters and histograms, fed by <see cref="AgentEvents"/> (so no component has to
/// know about metrics) and by the central client's HTTP handler (<see cref="CentralCallObserver"/>).
/// Event handlers run inside the ingest or relay span that raised the event: they also tag that
/// span with its outcome. It keeps our ActivitySource listened to (propagation only, nothing
/// recorded) so the ingest span exists, and with it the receive time, even when no trace is
/// exported: the commit latency is measured from it.
/// </summary>
public sealed class AgentMetrics : IHostedService, IDisposable
{
    /// <summary>Histogram buckets in seconds: half a millisecond to half a minute.</summary>
    internal static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly AgentEvents _events;
    private readonly Meter _meter;
    private readonly Counter<long> _committed;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _commitLatency;
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _settled;
    private readonly Counter<long> _results;
    private readonly Histogram<double> _centralCalls;
    private ActivityListener? _listener;

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public AgentMetrics(IMeterFactory meters, AgentEvents events)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _events = events;
        _meter = meters.Create(AgentTelemetry.Name);
        _committed = _meter.CreateCounter<long>("uitpas_edge.taps.committed", "{tap}", "New taps made durable (the PUBACK followed).");
        _duplicates = _meter.CreateCounter<long>("uitpas_edge.taps.duplicates", "{tap}", "Taps received again that were already stored (acknowledged, not stored twice).");
        _refused = _meter.CreateCounter<long>("uitpas_edge.taps.refused", "{publish}", "Publishes refused, by refusal kind.");
        _commitLatency = _meter.CreateHistogram("uitpas_edge.taps.commit.duration", "s", "From a tap's arrival at the agent to its commit.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _attempts = _meter.CreateCounter<long>("uitpas_edge.relay.attempts", "{attempt}", "Calls to central for taps, by outcome (ok, problem, unavailable).");
        _settled = _meter.CreateCounter<long>("uitpas_edge.relay.settled", "{tap}", "Taps that got their final answer, by credit.");
        _results = _meter.CreateCounter<long>("uitpas_edge.results.published", "{result}", "Results published to terminals, by outcome.");
        _centralCalls = _meter.CreateHistogram("uitpas_edge.central.call.duration", "s", "HTTP calls to central, by operation and outcome (ok, refused, throttled, unavailable).",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
    }

    /// <summary>The meter of this host's instruments (the gauges are created on it too).</summary>
    internal Meter Meter => _meter;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentTelemetry.Name,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(_listener);
        _events.TapCommitted += OnCommitted;
        _events.TapDuplicate += OnDuplicate;
        _events.TapRefused += OnRefused;
        _events.RelayAttempted += OnAttempted;
        _events.TapSettled += OnSettled;
        _events.ResultPublished += OnResult;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _events.TapCommitted -= OnCommitted;
        _events.TapDuplicate -= OnDuplicate;
        _events.TapRefused -= OnRefused;
        _events.RelayAttempted -= OnAttempted;
        _events.TapSettled -= OnSettled;
        _events.ResultPublished -= OnResult;
        _listener?.Dispose();
        _listener = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _listener?.Dispose();
        _meter.Dispose();
    }

    /// <summary>Records one HTTP call to central.</summary>
    internal void CentralCall(string operation, string outcome, TimeSpan duration) =>
        _centralCalls.Record(duration.TotalSeconds, new("operation", operation), new("outcome", outcome));

    private void OnCommitted(TapCommitted e)
    {
        _committed.Add(1, new KeyValuePair<string, object?>("replay", e.IsReplay));
        if (AgentTelemetry.Current(AgentTelemetry.IngestSpan) is { } span)
        {
            _commitLatency.Record((DateTime.UtcNow - span.StartTimeUtc).TotalSeconds);
            TagIngest(span, e.DeviceId, e.BootEpoch, e.Sequence, e.TapId, "committed");
            span.SetTag(AgentTelemetry.Tags.Replay, e.IsReplay);
        }
    }

    private void OnDuplicate(TapDuplicate e)
    {
        _duplicates.Add(1);
        if (AgentTelemetry.Current(AgentTelemetry.IngestSpan) is { } span)
        {
            TagIngest(span, e.DeviceId, e.BootEpoch, e.Sequence, e.TapId, "duplicate");
        }
    }

    private void OnRefused(TapRefused e)
    {
        var kind = e.Kind.ToString();
        _refused.Add(1, new KeyValuePair<string, object?>("kind", kind));
        if (AgentTelemetry.Current(AgentTelemetry.IngestSpan) is { IsAllDataRequested: true } span)
        {
            span.SetTag(AgentTelemetry.Tags.IngestResult, "refused");
            span.SetTag(AgentTelemetry.Tags.RefusalKind, kind);
            if (e.DeviceId is not null)
            {
                span.SetTag(AgentTelemetry.Tags.DeviceId, e.DeviceId);
            }
            span.SetStatus(ActivityStatusCode.Error, kind);
        }
    }

    private void OnAttempted(RelayAttempted e)
    {
        var outcome = e.Outcome.ToString();
        _attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (AgentTelemetry.Current(AgentTelemetry.RelaySpan) is { IsAllDataRequested: true } span)
        {
            span.SetTag(AgentTelemetry.Tags.Attempt, e.Attempt);
            span.SetTag(AgentTelemetry.Tags.RelayOutcome, outcome);
            if (e.Outcome == Central.CentralOutcome.Unavailable)
            {
                span.SetStatus(ActivityStatusCode.Error, "central unavailable");
            }
        }
    }

    private void OnSettled(TapSettled e)
    {
        var credit = e.Credit.ToString();
        _settled.Add(1, new KeyValuePair<string, object?>("credit", credit));
        AgentTelemetry.Current(AgentTelemetry.RelaySpan)?.SetTag(AgentTelemetry.Tags.Credit, credit);
    }

    private void OnResult(ResultPublished e) =>
        _results.Add(1, new("outcome", e.Outcome.ToString()), new("delivered", e.Delivered));

    private static void TagIngest(Activity span, string deviceId, uint bootEpoch, uint sequence, long tapId, string result)
    {
        if (!span.IsAllDataRequested)
        {
            return;
        }
        AgentTelemetry.SetTapTags(span, deviceId, bootEpoch, sequence);
        span.SetTag(AgentTelemetry.Tags.TapId, tapId);
        span.SetTag(AgentTelemetry.Tags.IngestResult, result);
    }
}
