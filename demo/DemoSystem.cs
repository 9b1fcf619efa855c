using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Simulator;
using Uitpas.Edge.VirtualTerminal.Adapters;
using Terminal = Uitpas.Edge.VirtualTerminal.VirtualTerminal;
using TerminalOptions = Uitpas.Edge.VirtualTerminal.VirtualTerminalOptions;

namespace Uitpas.Edge.Demo;

/// <summary>The whole system on one machine: central simulator, agent with its embedded broker, virtual terminals.</summary>
public sealed class DemoSystem : IAsyncDisposable
{
    private DemoSystem(CentralSimulator central, IHost agent, IPEndPoint broker, IReadOnlyList<Terminal> terminals, string dataDirectory)
    {
        Central = central;
        Agent = agent;
        Broker = broker;
        Terminals = terminals;
        DataDirectory = dataDirectory;
    }

    public const string OwnTerminalId = "demo-desk";

    public CentralSimulator Central { get; }
    public IHost Agent { get; }
    public IPEndPoint Broker { get; }
    public IReadOnlyList<Terminal> Terminals { get; }
    public string DataDirectory { get; }

    /// <summary>True when the data folder was named with --data: it stays after the demo.</summary>
    public bool KeepData { get; private init; }

    public static async Task<DemoSystem> StartAsync(DemoOptions options, CancellationToken ct)
    {
        string data = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), $"uitpas-edge-demo-{Environment.ProcessId}");
        Directory.CreateDirectory(data);

        string passwords = Path.Combine(data, "agent", "passwd");
        if (!File.Exists(passwords))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(passwords)!);
            File.WriteAllText(passwords, "");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(passwords, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0, PassholderCount = 2000 }, ct);
        int port = options.BrokerPort != 0 && PortIsFree(options.BrokerPort) ? options.BrokerPort : 0;
        var settings = new Dictionary<string, string?>(central.ClientSettings())
        {
            ["Agent:DataDirectory"] = Path.Combine(data, "agent"),
            ["Agent:Broker:Embedded:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Devices made with `uitpas-edge device create` get a password here and must use it;
            // the demo's own terminals connect without credentials (loopback only).
            ["Agent:Broker:Authentication:PasswordFile"] = passwords,
            ["Agent:Broker:Authentication:AllowAnonymous"] = "true",
            ["Agent:Admin:Port"] = (options.AdminPort != 0 && PortIsFree(options.AdminPort) ? options.AdminPort : 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The terminals' screens are the demo's output; the agent speaks up only for trouble.
            ["Logging:LogLevel:Default"] = options.Quiet ? "Error" : "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        var deviceIds = Enumerable.Range(1, options.Terminals).Select(i => $"demo-{i:00}").ToArray();
        // One more registered device than there are virtual terminals: the one a visitor may
        // start by hand next to the demo (see the banner).
        string[] registered = [.. deviceIds, OwnTerminalId];
        var offline = OfflineSetup.Create(central, data);
        offline.AddAgentSettings(settings, registered);
        for (int i = 0; i < registered.Length; i++)
        {
            settings[$"Agent:Devices:{i}:Id"] = registered[i];
            settings[$"Agent:Devices:{i}:KioskToken"] = central.Seed.DefaultKiosk.Token;
        }
        var agent = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await agent.StartAsync(ct);
        var broker = agent.GetBrokerEndPoint() ?? throw new InvalidOperationException("the agent's embedded broker did not start");

        var terminals = deviceIds.Select(id => new Terminal(new TerminalOptions
        {
            DeviceId = id,
            Broker = new BrokerEndpoint("127.0.0.1", broker.Port),
            DataDirectory = Path.Combine(data, id),
            RetapWindowMs = 0,
            ResultShownMs = 1500,
            CardSystem = offline.CardSystemId,
            SnapshotKey = offline.SnapshotKey,
        })).ToArray();
        foreach (var terminal in terminals)
        {
            terminal.Start();
        }
        foreach (var terminal in terminals)
        {
            await terminal.WaitConnectedAsync(TimeSpan.FromSeconds(10));
        }
        return new DemoSystem(central, agent, broker, terminals, data) { KeepData = options.DataDirectory is not null };
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var terminal in Terminals)
        {
            await terminal.DisposeAsync();
        }
        await Agent.StopAsync();
        Agent.Dispose();
        await Central.DisposeAsync();
        if (KeepData)
        {
            return;
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the folder is in the temp directory and harmless.
        }
    }
}
