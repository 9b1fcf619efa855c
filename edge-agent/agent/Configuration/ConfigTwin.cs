using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.Agent.Configuration;

/// <summary>
/// One device's config twin as stored: the desired document (version, exact signed bytes,
/// the settings it carries) and what the terminal last reported on config-state.
/// </summary>
/// <param name="DesiredSettings">The document's settings as canonical <c>key=value\n</c> lines (see <see cref="ConfigTwin.Canonical"/>).</param>
/// <param name="Document">The signed bytes published retained; null when nothing was ever made.</param>
internal sealed record ConfigTwin(string DeviceId, uint DesiredVersion, string DesiredSettings, byte[]? Document, long IssuedAtMs)
{
    /// <summary>The last report, null before the first.</summary>
    public ConfigReport? Report { get; init; }

    /// <summary>The last refusal while it is still relevant (cleared once a version at least as new is applied).</summary>
    public ConfigRefusalInfo? Refusal { get; init; }

    /// <summary>When the agent received the last report.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    public static ConfigTwin Empty(string deviceId) => new(deviceId, 0, "", null, 0);

    /// <summary>applied | pending | refused | none (see spec §1; IConfigStatus).</summary>
    public string State
    {
        get
        {
            if (DesiredVersion == 0 || Document is null)
            {
                return "none";
            }
            var report = Report;
            if (report is null)
            {
                return "pending";
            }
            if (report.IsRefused && report.Version == DesiredVersion)
            {
                return "refused";
            }
            if (report.Applied == DesiredVersion)
            {
                return "applied";
            }
            return report.IsRefused && report.Version == 0 ? "refused" : "pending";
        }
    }

    /// <summary>
    /// True when the terminal is ahead of the agent (it reported a version in use above the
    /// desired one, e.g. after the agent's database was restored) or refused the desired version
    /// as a replay (same version, other bytes): only a newer version can reach it then.
    /// </summary>
    public bool TerminalIsAhead =>
        Report is { } report && (report.Applied > DesiredVersion
            || (report.IsRefused && report.Reason == ConfigRefusal.Replay && report.Version == DesiredVersion && DesiredVersion > 0));

    /// <summary>The version a new document gets: max(desired, reported applied) + 1.</summary>
    public uint NextVersion => Math.Max(DesiredVersion, Report?.Applied ?? 0) + 1;

    /// <summary>Settings as sorted <c>key=value\n</c> lines: equal text, equal settings.</summary>
    public static string Canonical(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.Concat(settings.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value + "\n"));
    }

    /// <summary>The twin after a new report: a refusal is remembered, an applied version at least as new as it clears it.</summary>
    public ConfigTwin WithReport(ConfigReport report, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        var refusal = Refusal;
        if (report.IsRefused)
        {
            refusal = new ConfigRefusalInfo(report.Version, report.Reason, report.Detail ?? "",
                report.AtUnixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(report.AtUnixMs) : null);
        }
        else if (refusal is not null && refusal.Version <= report.Applied)
        {
            refusal = null;
        }
        return this with { Report = report, Refusal = refusal, ReceivedAt = receivedAt };
    }
}
