using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Alarms;
using Uitpas.Edge.Agent.Broker;
using Uitpas.Edge.Agent.Ingest;
using Uitpas.Edge.Agent.Presence;

namespace Uitpas.Edge.Agent.Observability;

/// <summary>
/// The agent's observable gauges, read when metrics are collected (a Prometheus scrape, an OTLP
/// export): relay backlog against its cap, active alarms, the embedded broker's connections and
/// the terminals' presence (by state, journal depth, reader health; totals over the fleet, not
/// per device). Every read is an in-memory value; none queries the store or the network.
/// </summary>
public sealed class AgentGauges
{
    private static readonly AlarmKind[] AlarmKinds = Enum.GetValues<AlarmKind>();

    private readonly TapBacklog _backlog;
    private readonly AlarmBoard _alarms;
    private readonly EmbeddedBroker? _broker;
    private readonly PresenceTracker? _presence;

    /// <summary>Creates the gauges on <paramref name="metrics"/>' meter.</summary>
    public AgentGauges(AgentMetrics metrics, TapBacklog backlog, AlarmBoard alarms, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _backlog = backlog;
        _alarms = alarms;
        _broker = services.GetService<EmbeddedBroker>();
        _presence = services.GetService<PresenceTracker>();
        var meter = metrics.Meter;
        meter.CreateObservableGauge("uitpas_edge.relay.backlog", () => _backlog.Count, "{tap}",
            "Taps stored but without central's final answer yet (this instance's count).");
        meter.CreateObservableGauge("uitpas_edge.relay.backlog.limit", () => _backlog.Cap, "{tap}",
            "Agent:Store:MaxBacklog: at this backlog new taps are refused (push-back).");
        meter.CreateObservableGauge("uitpas_edge.alarms.active", ObserveAlarms, "{alarm}",
            "1 while the alarm of that kind is active, else 0.");
        if (_broker is not null)
        {
            meter.CreateObservableGauge("uitpas_edge.broker.connections", ObserveConnections, "{connection}",
                "MQTT clients connected to the embedded broker (terminals and others).");
        }
        if (_presence is not null)
        {
            meter.CreateObservableGauge("uitpas_edge.terminals", ObserveTerminals, "{terminal}",
                "Known terminals by their last status: online, offline-will (connection lost), offline-clean, unknown (not heard since start).");
            meter.CreateObservableGauge("uitpas_edge.terminals.journal.depth", () => Sum(t => t.JournalDepth), "{tap}",
                "Taps waiting in the journals of the online terminals (their last status), summed.");
            meter.CreateObservableGauge("uitpas_edge.terminals.journal.depth.max", () => Max(t => t.JournalDepth), "{tap}",
                "The deepest journal among the online terminals.");
            meter.CreateObservableGauge("uitpas_edge.terminals.reader", ObserveReaders, "{terminal}",
                "Online terminals by card reader health (ok, degraded, failed).");
        }
    }

    private IEnumerable<Measurement<int>> ObserveTerminals() =>
        _presence!.Snapshot().GroupBy(t => t.State, StringComparer.Ordinal)
            .Select(g => new Measurement<int>(g.Count(), new KeyValuePair<string, object?>("state", g.Key)));

    private IEnumerable<Measurement<int>> ObserveReaders() =>
        _presence!.Snapshot().Where(t => t.Online).GroupBy(t => t.ReaderHealth, StringComparer.Ordinal)
            .Select(g => new Measurement<int>(g.Count(), new KeyValuePair<string, object?>("health", g.Key)));

    private long Sum(Func<TerminalPresence, uint> value) => _presence!.Snapshot().Where(t => t.Online).Sum(t => (long)value(t));

    private long Max(Func<TerminalPresence, uint> value) => _presence!.Snapshot().Where(t => t.Online).Select(t => (long)value(t)).DefaultIfEmpty(0).Max();

    private IEnumerable<Measurement<int>> ObserveConnections()
    {
        int connected;
        try
        {
            connected = _broker!.ConnectedClients;
        }
        catch (InvalidOperationException)
        {
            // Stopped between the check and the read.
            yield break;
        }
        yield return new Measurement<int>(connected);
    }

    private IEnumerable<Measurement<int>> ObserveAlarms()
    {
        var active = _alarms.Active;
        foreach (var kind in AlarmKinds)
        {
            yield return new Measurement<int>(active.Any(alarm => alarm.Kind == kind) ? 1 : 0, new KeyValuePair<string, object?>("kind", kind.ToString()));
        }
    }
}
