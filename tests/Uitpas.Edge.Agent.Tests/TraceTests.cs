using System.Diagnostics;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Observability;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Tests;

[Collection(nameof(TelemetryCollection))]
public sealed class TraceTests
{
    [Fact]
    public async Task A_late_tap_has_an_ingest_and_a_relay_span_with_its_tap_id_its_central_calls_as_children_and_no_card_in_any_tag()
    {
        using var spans = new SpanRecorder();
        await using var rig = await ReplayRig.StartAsync(extra: new Dictionary<string, string?> { ["Agent:Telemetry:Traces"] = "true" });
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[0];

        await ReplayRig.TapAsync(terminal, 7, 1, card.ChipNumber, ReplayRig.Yesterday.AddHours(9));
        var committed = await rig.Events.WaitAsync<TapCommitted>(c => c.BootEpoch == 7 && c.Sequence == 1);
        var final = await rig.FinalResultAsync(7, 1);
        Assert.Equal(TapOutcome.CheckedIn, final.Outcome);

        var ingest = await spans.WaitAsync(a => a.OperationName == AgentTelemetry.IngestSpan && TapId(a) == committed.TapId);
        var relay = await spans.WaitAsync(a => a.OperationName == AgentTelemetry.RelaySpan && TapId(a) == committed.TapId
            && a.GetTagItem(AgentTelemetry.Tags.Credit) is not null);
        Assert.Equal(ActivityKind.Consumer, ingest.Kind);
        Assert.Equal("committed", ingest.GetTagItem(AgentTelemetry.Tags.IngestResult));
        Assert.Equal(ReplayRig.DeviceId, ingest.GetTagItem(AgentTelemetry.Tags.DeviceId));
        Assert.Equal(7u, ingest.GetTagItem(AgentTelemetry.Tags.BootEpoch));
        Assert.Equal(ReplayRig.DeviceId, relay.GetTagItem(AgentTelemetry.Tags.DeviceId));
        Assert.Equal("Ok", relay.GetTagItem(AgentTelemetry.Tags.RelayOutcome));
        Assert.Equal("Credited", relay.GetTagItem(AgentTelemetry.Tags.Credit));

        // The late route: GET /passes?identifier=<chip>, then POST /checkins, both children of the relay span.
        var calls = spans.All.Where(a => a.ParentSpanId == relay.SpanId && a.TraceId == relay.TraceId).ToArray();
        Assert.Contains(calls, a => a.Kind == ActivityKind.Client && Tag(a, "url.full").Contains("/passes", StringComparison.Ordinal));
        Assert.Contains(calls, a => a.Kind == ActivityKind.Client && Tag(a, "url.full").EndsWith("/checkins", StringComparison.Ordinal));

        string[] secrets =
        [
            card.ChipNumber, card.ChipNumber.ToLowerInvariant(), card.UitpasNumber, card.PassholderId,
            rig.Central.Seed.DefaultKiosk.Token, rig.Central.ClientSecret,
        ];
        foreach (var span in new[] { ingest, relay }.Concat(calls))
        {
            foreach (var (key, value) in span.TagObjects)
            {
                var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                Assert.False(secrets.Any(secret => text.Contains(secret, StringComparison.OrdinalIgnoreCase)), $"{span.OperationName} tag {key} = {text}");
            }
            Assert.DoesNotContain(secrets, secret => span.DisplayName.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static long? TapId(Activity activity) => activity.GetTagItem(AgentTelemetry.Tags.TapId) as long?;

    private static string Tag(Activity activity, string key) => activity.GetTagItem(key) as string ?? "";

    /// <summary>Records every stopped span of the agent's source and of HttpClient, with all their data.</summary>
    private sealed class SpanRecorder : IDisposable
    {
        private readonly Observed<Activity> _stopped = new();
        private readonly ActivityListener _listener;

        public SpanRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name is AgentTelemetry.Name or "System.Net.Http",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _stopped.Add,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> All => _stopped.All;

        public Task<Activity> WaitAsync(Func<Activity, bool> match) => _stopped.WaitAsync(match, "span");

        public void Dispose() => _listener.Dispose();
    }
}
