using Uitpas.Edge.Protocol.Presence;

namespace Uitpas.Edge.Agent.Presence;

/// <summary>
/// What the agent knows of one terminal's presence, for metrics and the fleet view.
/// <see cref="State"/> is the terminal's last status state (online, offline-will,
/// offline-clean) or <see cref="Unknown"/> for a terminal last seen online before this agent
/// started and not heard since.
/// </summary>
public sealed record TerminalPresence(
    string DeviceId,
    string State,
    uint BootEpoch,
    long UptimeMs,
    DateTimeOffset? SentAt,
    DateTimeOffset? LastTap,
    uint TapsSinceBoot,
    string ReaderHealth,
    uint ReaderFaults,
    uint ReaderResets,
    uint JournalDepth,
    uint AllowlistVersion,
    uint EventsVersion,
    string Firmware,
    uint ConfigVersion,
    DateTimeOffset? OnlineSince,
    DateTimeOffset LastSeen,
    DateTimeOffset? OfflineAt)
{
    /// <summary>Last known online, but not heard from since this agent started.</summary>
    public const string Unknown = "unknown";

    /// <summary>Connected now, as far as the broker told the agent.</summary>
    public bool Online => State == TerminalStatus.Online;

    /// <summary>The entry for a status received at <paramref name="now"/>, with what the agent saw before (<paramref name="previous"/>, may be null).</summary>
    internal static TerminalPresence From(string deviceId, TerminalStatus status, TerminalPresence? previous, DateTimeOffset now)
    {
        var continuing = previous is { Online: true } && previous.BootEpoch == status.BootEpoch;
        // A last will is composed when the terminal connects: its counters, reader health and
        // versions are as they were then. What the same boot said later is newer.
        var will = status.State == TerminalStatus.OfflineWill && previous is not null && previous.BootEpoch == status.BootEpoch
            ? previous
            : null;
        var lastTap = status.LastTapUnixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(status.LastTapUnixMs) : previous?.LastTap;
        return new TerminalPresence(
            deviceId,
            status.State,
            status.BootEpoch,
            status.UptimeMs,
            status.SentAtUnixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(status.SentAtUnixMs) : null,
            will is null ? lastTap : will.LastTap ?? lastTap,
            will?.TapsSinceBoot ?? status.TapsSinceBoot,
            will?.ReaderHealth ?? status.Reader,
            will?.ReaderFaults ?? status.ReaderFaults,
            will?.ReaderResets ?? status.ReaderResets,
            will?.JournalDepth ?? status.JournalDepth,
            will?.AllowlistVersion ?? status.AllowlistVersion,
            will?.EventsVersion ?? status.EventsVersion,
            status.Firmware,
            will?.ConfigVersion ?? status.ConfigVersion,
            status.IsOnline ? (continuing ? previous!.OnlineSince : now) : null,
            now,
            status.IsOnline ? null : now);
    }
}
