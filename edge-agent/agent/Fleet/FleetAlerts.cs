using System.Globalization;
using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.Agent.Configuration;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Presence;
using Uitpas.Edge.Protocol.Presence;

namespace Uitpas.Edge.Agent.Fleet;

/// <summary>
/// The helpdesk's alerts for one terminal (none for a retired one): offline-during-event
/// (assigned to an event running now and not online: critical), reader-fault (reader degraded
/// or failed: critical during an event, warning otherwise), config-refused (its last config
/// report was a refusal of the desired version: warning), loan-overdue (lent, past its until,
/// not returned: warning). Messages are Dutch sentences.
/// </summary>
public static class FleetAlerts
{
    public const string OfflineDuringEvent = "offline-during-event";
    public const string ReaderFault = "reader-fault";
    public const string ConfigRefused = "config-refused";
    public const string LoanOverdue = "loan-overdue";

    public const string Critical = "critical";
    public const string Warning = "warning";

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-BE");

    /// <summary>The alerts of <paramref name="device"/> at <paramref name="now"/>, critical first.</summary>
    public static IReadOnlyList<Alert> For(Device device, TerminalPresence? presence, DeviceConfigStatus? config, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Retired)
        {
            return [];
        }
        var alerts = new List<Alert>();
        var running = device.EventAt(now);
        if (running is not null && presence is not { Online: true })
        {
            var wentOffline = presence?.OfflineAt ?? presence?.LastSeen ?? running.From;
            var since = wentOffline > running.From ? wentOffline : running.From;
            alerts.Add(new Alert(device.Id, OfflineDuringEvent, Critical, since.ToUniversalTime(),
                $"Terminal {device.Id} is niet verbonden tijdens {EventName(running)} (tot {Time(running.Until)})."));
        }
        if (presence is { ReaderHealth: TerminalStatus.ReaderDegraded or TerminalStatus.ReaderFailed })
        {
            var failed = presence.ReaderHealth == TerminalStatus.ReaderFailed;
            alerts.Add(new Alert(device.Id, ReaderFault, running is null ? Warning : Critical, presence.LastSeen.ToUniversalTime(),
                failed ? $"De kaartlezer van terminal {device.Id} werkt niet." : $"De kaartlezer van terminal {device.Id} werkt niet goed ({presence.ReaderFaults} fouten sinds de start)."));
        }
        if (config is { State: "refused" })
        {
            var refusal = config.LastRefusal;
            var version = refusal?.Version ?? config.DesiredVersion;
            var reason = refusal is null ? "" : ": " + refusal.Reason + (refusal.Detail.Length > 0 ? " (" + refusal.Detail + ")" : "");
            alerts.Add(new Alert(device.Id, ConfigRefused, Warning, (refusal?.At ?? now).ToUniversalTime(),
                $"Terminal {device.Id} weigerde configuratie versie {version}{reason}."));
        }
        if (device.OpenLoan is { } loan && loan.Until <= now)
        {
            alerts.Add(new Alert(device.Id, LoanOverdue, Warning, loan.Until.ToUniversalTime(),
                $"Terminal {device.Id} is niet teruggebracht door {loan.Association} (verwacht op {Time(loan.Until)})."));
        }
        return [.. alerts.OrderBy(a => a.Severity == Critical ? 0 : 1)];
    }

    private static string EventName(EventAssignment assignment) =>
        assignment.Title.Length > 0 ? $"'{assignment.Title}'" : $"evenement {assignment.EventId}";

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMMM yyyy HH:mm 'UTC'", Dutch);
}
