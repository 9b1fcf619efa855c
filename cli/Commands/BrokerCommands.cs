using System.CommandLine;
using System.Net;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Cli.Mosquitto;
using Uitpas.Edge.Cli.Pki;
using static Uitpas.Edge.Cli.CommandLine.Options;

namespace Uitpas.Edge.Cli.Commands;

/// <summary><c>broker mosquitto</c>: mosquitto.conf and its ACL file for the region's terminals and agents.</summary>
internal static class BrokerCommands
{
    private sealed record Arguments(Option<string> Passwd, Option<string> Devices, Option<string> Pki, Option<string> Out, Option<string[]> AgentUsers,
        Option<string> Port, Option<string> Bind, Option<string> LocalPort, Option<string> ServerCert);

    public static Command Build(CliSession session)
    {
        var a = new Arguments(
            Text("--passwd", "the Mosquitto password file (device and agent credentials)", "file", required: true),
            Text("--devices", "the agent's appsettings.json, or a JSON file with Agent:Devices", "file", required: true),
            Text("--pki", "the PKI folder (ca init, ca issue-server)", "dir", required: true),
            Text("--out", "folder for mosquitto.conf, acl and the persistence data (created if missing)", "dir", required: true),
            Many("--agent-user", "an agent's user (agent credentials; repeatable); default uitpas-edge-agent", "name"),
            Text("--port", "TLS listener port (default 8883)", "port"),
            Text("--bind", "TLS listener address (default: every interface)", "addr"),
            Text("--local-port", "plain listener on 127.0.0.1 for an agent on this machine (default 1883; 0 = none: agents use TLS with Agent:Broker:External:CaFile)", "port"),
            Text("--server-cert", "name of the server certificate files in the PKI folder (default server)", "name"));
        var mosquitto = Command("mosquitto",
            "Writes mosquitto.conf and acl into --out: TLS listener with the CA's server certificate, the password file, "
            + "per-device topic ACLs (%u patterns, each card system's allowlist) and the agents' users; no anonymous clients.",
            a.Passwd, a.Devices, a.Pki, a.Out, a.AgentUsers, a.Port, a.Bind, a.LocalPort, a.ServerCert);
        session.Handle(mosquitto, context => Mosquitto(context, a));
        return Command("broker", "Configuration for an external MQTT broker.", mosquitto);
    }

    private static int Mosquitto(CommandContext context, Arguments a)
    {
        var agents = (context.Get(a.AgentUsers) ?? []).ToList();
        if (agents.Count == 0)
        {
            agents.Add("uitpas-edge-agent");
        }
        foreach (var agent in agents.Where(a => !AgentCommands.AgentName().IsMatch(a)))
        {
            throw new UsageException($"--agent-user '{agent}' is not an agent name: 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
        }
        var port = Numbers.Parse(context.Get(a.Port), "port", 8883, 1, 65535);
        var localPort = Numbers.Parse(context.Get(a.LocalPort), "local-port", 1883, 0, 65535);
        if (localPort == port)
        {
            throw new UsageException("--local-port must differ from --port");
        }
        var bind = context.Get(a.Bind);
        if (bind is not null && !IPAddress.TryParse(bind, out _))
        {
            throw new UsageException($"--bind '{bind}' is not an IP address");
        }
        var pki = Path.GetFullPath(context.Get(a.Pki)!);
        var serverName = context.Get(a.ServerCert) ?? "server";
        var passwordFile = Path.GetFullPath(context.Get(a.Passwd)!);
        var output = Path.GetFullPath(context.Get(a.Out)!);
        var devices = DeviceList.Read(context.Get(a.Devices)!);
        var layout = new MosquittoLayout(passwordFile, Path.Combine(output, "acl"), Path.Combine(pki, LocalCa.CertificateFileName),
            Path.Combine(pki, serverName + ".crt"), Path.Combine(pki, serverName + ".key"), Path.Combine(output, "data"), port, bind, localPort);
        foreach (var required in new[] { layout.CaFile, layout.CertificateFile, layout.KeyFile })
        {
            if (!File.Exists(required))
            {
                throw new CommandFailedException($"{required} does not exist (make it with: uitpas-edge ca init / ca issue-server --dir {pki})");
            }
        }
        if (!File.Exists(passwordFile))
        {
            throw new CommandFailedException($"{passwordFile} does not exist (make it with: uitpas-edge device credentials / agent credentials)");
        }
        var users = Uitpas.Edge.Agent.Access.PasswordFile.Load(passwordFile).Users;
        Directory.CreateDirectory(layout.PersistenceDirectory);
        var now = context.Clock.GetUtcNow();
        var config = Path.Combine(output, "mosquitto.conf");
        File.WriteAllText(config, MosquittoSetup.Config(layout, now));
        File.WriteAllText(layout.AclFile, MosquittoSetup.Acl(devices, agents, now));
        var missing = devices.Select(d => d.Id).Concat(agents).Where(u => !users.ContainsKey(u)).ToList();
        foreach (var user in missing)
        {
            context.Error.WriteLine($"warning: {user} has no password in {passwordFile} yet and cannot connect");
        }
        if (context.Json)
        {
            context.WriteJson(new { config, acl = layout.AclFile, devices = devices.Count, agentUsers = agents, usersWithoutPassword = missing });
            return ExitCodes.Ok;
        }
        context.Out.WriteLine($"Written {config} and {layout.AclFile}: {devices.Count} devices, agent users {string.Join(", ", agents)}.");
        context.Out.WriteLine($"Run: mosquitto -c {config}");
        return ExitCodes.Ok;
    }
}
