using System.Text;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.Cli.Mosquitto;

/// <summary>Where the generated Mosquitto configuration points and what it opens.</summary>
public sealed record MosquittoLayout(
    string PasswordFile,
    string AclFile,
    string CaFile,
    string CertificateFile,
    string KeyFile,
    string PersistenceDirectory,
    int TlsPort,
    string? TlsBindAddress,
    int LocalPort);

/// <summary>
/// The text of mosquitto.conf and of its ACL file for a region: terminals on a TLS listener with
/// user name = client id = device id (use_username_as_clientid) and the per-device topic rules
/// as %u patterns; each terminal's card system allowlist in a user block; the agents' users with
/// read/write on uitpas/v1/# (and shared subscriptions) on the TLS listener (the agent trusts the
/// region CA with Agent:Broker:External:CaFile) and an optional plain listener bound to 127.0.0.1
/// for an agent on the same machine.
/// </summary>
public static class MosquittoSetup
{
    /// <summary>mosquitto.conf.</summary>
    public static string Config(MosquittoLayout layout, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var text = new StringBuilder();
        text.AppendLine($"# Written by: uitpas-edge broker mosquitto, {now:yyyy-MM-dd HH:mm} UTC. Generate again rather than edit.");
        text.AppendLine("per_listener_settings false");
        text.AppendLine("allow_anonymous false");
        text.AppendLine($"password_file {layout.PasswordFile}");
        text.AppendLine($"acl_file {layout.AclFile}");
        text.AppendLine("persistence true");
        text.AppendLine($"persistence_location {WithSlash(layout.PersistenceDirectory)}");
        text.AppendLine("autosave_interval 30");
        text.AppendLine("# Taps wait in the agent's session while it is away: Mosquitto's default of 1000 would drop them.");
        text.AppendLine("max_queued_messages 1000000");
        text.AppendLine("max_inflight_messages 256");
        text.AppendLine();
        text.AppendLine("# Terminals and agents: MQTT over TLS with the region CA's server certificate");
        text.AppendLine("# (agents: Agent:Broker:External:UseTls=true, CaFile=<the region's ca.crt>).");
        text.AppendLine(layout.TlsBindAddress is { Length: > 0 } bind ? $"listener {layout.TlsPort} {bind}" : $"listener {layout.TlsPort}");
        text.AppendLine("protocol mqtt");
        text.AppendLine($"cafile {layout.CaFile}");
        text.AppendLine($"certfile {layout.CertificateFile}");
        text.AppendLine($"keyfile {layout.KeyFile}");
        text.AppendLine("tls_version tlsv1.2");
        text.AppendLine("use_username_as_clientid true");
        if (layout.LocalPort > 0)
        {
            text.AppendLine();
            text.AppendLine("# Optional (--local-port 0 leaves it out): plain MQTT for an agent on this machine, loopback only.");
            text.AppendLine($"listener {layout.LocalPort} 127.0.0.1");
            text.AppendLine("protocol mqtt");
            text.AppendLine("use_username_as_clientid true");
        }
        return text.ToString();
    }

    /// <summary>The ACL file.</summary>
    public static string Acl(IReadOnlyList<DeviceEntry> devices, IReadOnlyList<string> agentUsers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(agentUsers);
        const string own = "uitpas/v1/t/%u/";
        var text = new StringBuilder();
        text.AppendLine($"# Written by: uitpas-edge broker mosquitto, {now:yyyy-MM-dd HH:mm} UTC. Generate again rather than edit.");
        text.AppendLine("# Every user (a terminal: user name = client id = device id) on its own topics only.");
        foreach (var suffix in new[] { Topics.TapSuffix, Topics.StatusSuffix, Topics.ConfigStateSuffix, DistributionTopics.GetSuffix, DistributionTopics.AppliedSuffix })
        {
            text.AppendLine($"pattern write {own}{suffix}");
        }
        foreach (var suffix in new[] { Topics.ResultSuffix, Topics.ConfigSuffix, DistributionTopics.EventsSuffix, DistributionTopics.ChunkSuffix })
        {
            text.AppendLine($"pattern read {own}{suffix}");
        }
        text.AppendLine();
        text.AppendLine("# Each terminal reads its own card system's allowlist manifest.");
        foreach (var device in devices.Where(d => d.CardSystemId > 0).OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            text.AppendLine($"user {device.Id}");
            text.AppendLine($"topic read {DistributionTopics.Allowlist((uint)device.CardSystemId)}");
        }
        text.AppendLine();
        text.AppendLine("# The agents: every terminal's taps, status, config reports and snapshot requests; results, config and manifests.");
        foreach (var agent in agentUsers)
        {
            text.AppendLine($"user {agent}");
            text.AppendLine("topic readwrite uitpas/v1/#");
            text.AppendLine("topic read $share/+/uitpas/v1/#");
        }
        return text.ToString();
    }

    private static string WithSlash(string directory) =>
        directory.EndsWith(Path.DirectorySeparatorChar) ? directory : directory + Path.DirectorySeparatorChar;
}
