using System.Net;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Cli.Mosquitto;
using Uitpas.Edge.Cli.Pki;

namespace Uitpas.Edge.Cli.Commands;

/// <summary><c>broker mosquitto</c>: mosquitto.conf and its ACL file for the region's terminals and agents.</summary>
public static class BrokerCommands
{
    /// <summary>The commands of this group.</summary>
    public static IEnumerable<Command> All { get; } =
    [
        new Command(["broker", "mosquitto"],
            "Writes mosquitto.conf and acl into <out>: TLS listener with the CA's server certificate, the password file, "
            + "per-device topic ACLs (%u patterns, each card system's allowlist) and the agents' users; no anonymous clients.",
            [],
            [
                new OptionSpec("passwd", "the Mosquitto password file (device and agent credentials)", Required: true, ValueName: "file"),
                new OptionSpec("devices", "the agent's appsettings.json, or a JSON file with Agent:Devices", Required: true, ValueName: "file"),
                new OptionSpec("pki", "the PKI folder (ca init, ca issue-server)", Required: true, ValueName: "dir"),
                new OptionSpec("out", "folder for mosquitto.conf, acl and the persistence data (created if missing)", Required: true, ValueName: "dir"),
                new OptionSpec("agent-user", "an agent's user (agent credentials); default uitpas-edge-agent", Repeatable: true, ValueName: "name"),
                new OptionSpec("port", "TLS listener port (default 8883)", ValueName: "port"),
                new OptionSpec("bind", "TLS listener address (default: every interface)", ValueName: "addr"),
                new OptionSpec("local-port", "plain listener on 127.0.0.1 for an agent on this machine (default 1883; 0 = none: agents use TLS with Agent:Broker:External:CaFile)", ValueName: "port"),
                new OptionSpec("server-cert", "name of the server certificate files in the PKI folder (default server)", ValueName: "name"),
            ],
            Mosquitto),
    ];

    private static int Mosquitto(ParsedArguments arguments, CommandContext context)
    {
        var agents = arguments.Values("agent-user").ToList();
        if (agents.Count == 0)
        {
            agents.Add("uitpas-edge-agent");
        }
        foreach (var agent in agents.Where(a => !AgentCommands.AgentName().IsMatch(a)))
        {
            throw new UsageException($"--agent-user '{agent}' is not an agent name: 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
        }
        var port = Numbers.Parse(arguments.Value("port"), "port", 8883, 1, 65535);
        var localPort = Numbers.Parse(arguments.Value("local-port"), "local-port", 1883, 0, 65535);
        if (localPort == port)
        {
            throw new UsageException("--local-port must differ from --port");
        }
        var bind = arguments.Value("bind");
        if (bind is not null && !IPAddress.TryParse(bind, out _))
        {
            throw new UsageException($"--bind '{bind}' is not an IP address");
        }
        var pki = Path.GetFullPath(arguments.Required("pki"));
        var serverName = arguments.Value("server-cert") ?? "server";
        var passwordFile = Path.GetFullPath(arguments.Required("passwd"));
        var output = Path.GetFullPath(arguments.Required("out"));
        var devices = DeviceList.Read(arguments.Required("devices"));
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
        var users = Agent.Access.PasswordFile.Load(passwordFile).Users;
        Directory.CreateDirectory(layout.PersistenceDirectory);
        var now = context.Clock.GetUtcNow();
        File.WriteAllText(Path.Combine(output, "mosquitto.conf"), MosquittoSetup.Config(layout, now));
        File.WriteAllText(layout.AclFile, MosquittoSetup.Acl(devices, agents, now));
        context.Out.WriteLine($"Written {Path.Combine(output, "mosquitto.conf")} and {layout.AclFile}: {devices.Count} devices, agent users {string.Join(", ", agents)}.");
        context.Out.WriteLine($"Run: mosquitto -c {Path.Combine(output, "mosquitto.conf")}");
        foreach (var missing in devices.Select(d => d.Id).Concat(agents).Where(u => !users.ContainsKey(u)))
        {
            context.Error.WriteLine($"warning: {missing} has no password in {passwordFile} yet and cannot connect");
        }
        return ExitCodes.Ok;
    }
}
