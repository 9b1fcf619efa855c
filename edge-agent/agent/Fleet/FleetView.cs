using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.Agent.Configuration;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Presence;
using Uitpas.Edge.Protocol.Presence;

namespace Uitpas.Edge.Agent.Fleet;

/// <summary>
/// The fleet as the CLI and the dashboard see it: each terminal's registry entry (site, events,
/// loans, retirement), presence (state, last seen, reader, journal, firmware, config version in
/// use), config twin (<see cref="IConfigStatus"/>, when the config service is registered), last
/// taps and alerts, composed on request.
/// </summary>
public sealed class FleetView
{
    /// <summary>The states a terminal can be listed in.</summary>
    public static readonly IReadOnlyList<string> States = ["online", "offline", "unknown", "retired"];

    private readonly DeviceRegistry _registry;
    private readonly PresenceTracker _presence;
    private readonly TapHistory _taps;
    private readonly IConfigStatus? _config;
    private readonly TimeProvider _time;

    public FleetView(DeviceRegistry registry, PresenceTracker presence, TapHistory taps, IServiceProvider services, TimeProvider time)
    {
        _registry = registry;
        _presence = presence;
        _taps = taps;
        _config = services.GetService<IConfigStatus>();
        _time = time;
    }

    /// <summary>Every terminal, ordered by id; filters are exact (case-insensitive), null = any.</summary>
    public IReadOnlyList<DeviceSummary> List(string? region, string? municipality, string? venue, string? state, bool alertingOnly)
    {
        var now = _time.GetUtcNow();
        return [.. _registry.All
            .Where(d => Matches(d.Site.Region, region) && Matches(d.Site.Municipality, municipality) && Matches(d.Site.Venue, venue))
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => Summarize(d, now))
            .Where(s => (state is null || s.State == state) && (!alertingOnly || s.Alerts.Count > 0))];
    }

    /// <summary>One terminal in full; null for an unknown id.</summary>
    public DeviceDetail? Detail(string deviceId)
    {
        if (!_registry.TryGet(deviceId, out var device))
        {
            return null;
        }
        var summary = Summarize(device, _time.GetUtcNow());
        return new DeviceDetail(summary)
        {
            CardSystemId = device.CardSystemId,
            Language = device.Language,
            RetiredAt = device.RetiredAt?.ToUniversalTime(),
            Events = [.. device.Events.Select(ToView)],
            Loans = [.. device.Loans.Select(ToView)],
            EffectiveSettings = _config?.StatusOf(deviceId)?.EffectiveSettings ?? new Dictionary<string, string>(),
            RecentTaps = _taps.RecentOf(deviceId),
        };
    }

    /// <summary>Every alert of the fleet, critical first, then the oldest first.</summary>
    public IReadOnlyList<Alert> Alerts()
    {
        var now = _time.GetUtcNow();
        return [.. _registry.All
            .SelectMany(d => FleetAlerts.For(d, PresenceOf(d.Id), _config?.StatusOf(d.Id), now))
            .OrderBy(a => a.Severity == FleetAlerts.Critical ? 0 : 1)
            .ThenBy(a => a.Since)
            .ThenBy(a => a.DeviceId, StringComparer.Ordinal)];
    }

    /// <summary>The summary of one registered device at <paramref name="now"/>.</summary>
    public DeviceSummary Summarize(Device device, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(device);
        var presence = PresenceOf(device.Id);
        var config = _config?.StatusOf(device.Id);
        var refusal = config?.LastRefusal;
        var running = device.EventAt(now);
        var loan = device.OpenLoan;
        return new DeviceSummary(
            device.Id,
            StateOf(device, presence),
            presence?.LastSeen.ToUniversalTime(),
            presence?.LastTap?.ToUniversalTime(),
            presence?.ReaderHealth ?? TerminalStatus.ReaderUnknown,
            presence?.JournalDepth,
            presence?.Firmware ?? "",
            presence?.ConfigVersion ?? 0,
            config?.DesiredVersion ?? 0,
            config?.State ?? "none",
            refusal is null ? null : new ConfigRefusalView(refusal.Version, refusal.Reason, refusal.Detail, refusal.At?.ToUniversalTime()),
            device.Site.Region,
            device.Site.Municipality,
            device.Site.Venue,
            device.Site.Counter,
            device.Site.Organizer,
            running is null ? null : ToView(running),
            loan is null ? null : ToView(loan),
            [.. FleetAlerts.For(device, presence, config, now).Select(a => a.Code)]);
    }

    private TerminalPresence? PresenceOf(string deviceId) => _presence.TryGet(deviceId, out var presence) ? presence : null;

    private static string StateOf(Device device, TerminalPresence? presence)
    {
        if (device.Retired)
        {
            return "retired";
        }
        return presence?.State switch
        {
            null or TerminalPresence.Unknown => "unknown",
            TerminalStatus.Online => "online",
            _ => "offline",
        };
    }

    private static bool Matches(string value, string? filter) =>
        string.IsNullOrEmpty(filter) || string.Equals(value, filter, StringComparison.OrdinalIgnoreCase);

    private static EventView ToView(EventAssignment e) =>
        new(e.EventId, e.Title, e.From.ToUniversalTime(), e.Until.ToUniversalTime(), e.RegularPrices,
            e.Domain == Reports.PolicyDomain.Unknown ? null : Devices.PolicyDomains.Name(e.Domain));

    private static LoanView ToView(DeviceLoan l) =>
        new(l.Association, l.From.ToUniversalTime(), l.Until.ToUniversalTime(), l.ReturnedAt?.ToUniversalTime(), l.ReturnCondition, l.Note);
}
