using System.Diagnostics;

namespace Uitpas.Edge.Agent.Observability;

/// <summary>
/// The agent's telemetry names and its <see cref="ActivitySource"/>. Two spans: one per ingested
/// publish (broker receive → validate → commit; the PUBACK leaves when it ends) and one per relay
/// step of a tap (central's HTTP calls are its children). Both carry the tap's identity (device
/// id, boot epoch, sequence, tap id), never a card number, UiTPAS number or token; their outcome
/// tags are set by <see cref="AgentMetrics"/> from the agent's events, which are raised inside
/// the span.
/// </summary>
public static class AgentTelemetry
{
    /// <summary>Name of the Meter and of the ActivitySource.</summary>
    public const string Name = "Uitpas.Edge.Agent";

    /// <summary>Name of the span of one ingested publish.</summary>
    public const string IngestSpan = "uitpas.tap.ingest";

    /// <summary>Name of the span of one relay step of a tap.</summary>
    public const string RelaySpan = "uitpas.tap.relay";

    /// <summary>Span and metric attribute names.</summary>
    public static class Tags
    {
        /// <summary>The terminal's device id.</summary>
        public const string DeviceId = "uitpas.device.id";

        /// <summary>The tap's boot epoch.</summary>
        public const string BootEpoch = "uitpas.tap.boot_epoch";

        /// <summary>The tap's sequence within its boot epoch.</summary>
        public const string Sequence = "uitpas.tap.sequence";

        /// <summary>The agent's id of the stored tap: the same on its ingest and relay spans.</summary>
        public const string TapId = "uitpas.tap.id";

        /// <summary>True for a replayed tap.</summary>
        public const string Replay = "uitpas.tap.replay";

        /// <summary>committed, duplicate or refused.</summary>
        public const string IngestResult = "uitpas.ingest.result";

        /// <summary>Why a publish was refused (RefusalKind).</summary>
        public const string RefusalKind = "uitpas.refusal.kind";

        /// <summary>The relay attempt's number (1 for the first call).</summary>
        public const string Attempt = "uitpas.relay.attempt";

        /// <summary>How the call to central ended (CentralOutcome).</summary>
        public const string RelayOutcome = "uitpas.relay.outcome";

        /// <summary>The tap's final credit (TapCredit).</summary>
        public const string Credit = "uitpas.relay.credit";

        /// <summary>The MQTT client id of the publisher.</summary>
        public const string ClientId = "messaging.client.id";
    }

    /// <summary>The source of the agent's spans.</summary>
    internal static readonly ActivitySource Source = new(Name, typeof(AgentTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Starts the span of one ingested publish (null when nobody listens).</summary>
    internal static Activity? StartIngest(string clientId)
    {
        var activity = Source.StartActivity(IngestSpan, ActivityKind.Consumer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "mqtt");
            activity.SetTag(Tags.ClientId, clientId);
        }
        return activity;
    }

    /// <summary>Starts the span of one relay step of a tap (null when nobody listens).</summary>
    internal static Activity? StartRelay(string deviceId, uint bootEpoch, uint sequence, long tapId, int attempt)
    {
        var activity = Source.StartActivity(RelaySpan, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            SetTapTags(activity, deviceId, bootEpoch, sequence);
            activity.SetTag(Tags.TapId, tapId);
            activity.SetTag(Tags.Attempt, attempt);
        }
        return activity;
    }

    /// <summary>The current span when it is the agent's span named <paramref name="name"/>.</summary>
    internal static Activity? Current(string name) =>
        Activity.Current is { } current && ReferenceEquals(current.Source, Source) && current.OperationName == name ? current : null;

    internal static void SetTapTags(Activity activity, string deviceId, uint bootEpoch, uint sequence)
    {
        activity.SetTag(Tags.DeviceId, deviceId);
        activity.SetTag(Tags.BootEpoch, bootEpoch);
        activity.SetTag(Tags.Sequence, sequence);
    }
}
