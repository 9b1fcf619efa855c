using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Central;
using Uitpas.Edge.Simulator;
using Uitpas.Edge.VirtualTerminal.Adapters;
using Terminal = Uitpas.Edge.VirtualTerminal.VirtualTerminal;
using TerminalOptions = Uitpas.Edge.VirtualTerminal.VirtualTerminalOptions;

namespace Uitpas.Edge.EndToEnd.Tests;

/// <summary>
/// The real system on loopback: the central simulator, the agent with its embedded broker
/// and SQLite in a temp folder, and virtual terminals running the firmware core.
/// </summary>
public sealed class TapSystem : IAsyncDisposable
{
    private readonly List<Terminal> _terminals = [];
    private int _brokerPort;

    private TapSystem(CentralSimulator central, string data)
    {
        Central = central;
        DataDirectory = data;
    }

    public CentralSimulator Central { get; }
    public string DataDirectory { get; }
    public IHost Agent { get; private set; } = null!;
    public int BrokerPort => _brokerPort;

    /// <summary>Adds to (or overrides) the agent's settings at every start.</summary>
    public Action<IDictionary<string, string?>>? ConfigureAgent { get; set; }

    public static readonly string[] DeviceIds = ["e2e-01", "e2e-02"];

    public static async Task<TapSystem> StartAsync(int? passholders = null)
    {
        string data = Path.Combine(Path.GetTempPath(), "uitpas-e2e-" + Guid.NewGuid().ToString("N"));
        var central = await CentralSimulator.StartAsync(passholders is int count ? new SimulatorOptions { Port = 0, PassholderCount = count } : new SimulatorOptions { Port = 0 });
        var system = new TapSystem(central, data);
        await system.StartAgentAsync();
        return system;
    }

    /// <summary>Starts the agent (again) on the same database and, after the first start, the same broker port.</summary>
    public async Task StartAgentAsync(Action<AgentEvents>? subscribe = null)
    {
        var settings = new Dictionary<string, string?>(Central.ClientSettings())
        {
            ["Agent:DataDirectory"] = Path.Combine(DataDirectory, "agent"),
            ["Agent:Broker:Embedded:Port"] = _brokerPort.ToString(CultureInfo.InvariantCulture),
            ["Agent:Relay:InitialBackoff"] = "00:00:00.100",
            ["Agent:Relay:MaxBackoff"] = "00:00:00.500",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        for (int i = 0; i < DeviceIds.Length; i++)
        {
            settings[$"Agent:Devices:{i}:Id"] = DeviceIds[i];
            settings[$"Agent:Devices:{i}:KioskToken"] = Central.Seed.DefaultKiosk.Token;
        }
        ConfigureAgent?.Invoke(settings);
        Agent = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        subscribe?.Invoke(Agent.GetAgentEvents());
        await Agent.StartAsync();
        _brokerPort = Agent.GetBrokerEndPoint()!.Port;
    }

    /// <summary>The broker's password file once <see cref="RestartWithAdminAsync"/> ran; null before.</summary>
    public string? PasswordFile { get; private set; }

    /// <summary>
    /// Starts the agent again as the IT workgroup runs it: a broker password file (devices made
    /// through the admin API connect with their own credentials) and the admin listener (API and
    /// dashboard) on a free port, which it returns.
    /// </summary>
    public async Task<System.Net.IPEndPoint> RestartWithAdminAsync()
    {
        await StopAgentAsync();
        string passwords = Path.Combine(DataDirectory, "passwd");
        await File.WriteAllTextAsync(passwords, "");
        PasswordFile = passwords;
        var earlier = ConfigureAgent;
        ConfigureAgent = settings =>
        {
            earlier?.Invoke(settings);
            settings["Agent:Broker:Authentication:PasswordFile"] = passwords;
            settings["Agent:Admin:Enabled"] = "true";
            settings["Agent:Admin:Port"] = "0";
        };
        await StartAgentAsync();
        return Agent.GetAdminEndPoint() ?? throw new InvalidOperationException("the admin listener did not start");
    }

    public async Task StopAgentAsync()
    {
        await Agent.StopAsync();
        Agent.Dispose();
    }

    public Task<Terminal> StartTerminalAsync(string deviceId, int resultTimeoutMs = 3000) =>
        StartTerminalAsync(new TerminalOptions
        {
            DeviceId = deviceId,
            Broker = new BrokerEndpoint("127.0.0.1", _brokerPort),
            DataDirectory = Path.Combine(DataDirectory, deviceId),
            RetapWindowMs = 0,
            ResultTimeoutMs = resultTimeoutMs,
        });

    public async Task<Terminal> StartTerminalAsync(TerminalOptions options)
    {
        var terminal = new Terminal(options);
        _terminals.Add(terminal);
        terminal.Start();
        await terminal.WaitConnectedAsync(TimeSpan.FromSeconds(10));
        return terminal;
    }

    /// <summary>
    /// Central's own answer to a kiosk check-in, asked directly (not through the agent): the
    /// oracle for the texts a terminal must show.
    /// </summary>
    public async Task<CentralProblem> AskCentralDirectlyAsync(string chipNumber)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Central.ClientSettings()).Build();
        var services = new ServiceCollection();
        services.AddUitpasCentral(configuration.GetSection("Central"));
        await using var provider = services.BuildServiceProvider();
        var response = await provider.GetRequiredService<IUitpasCentral>().KioskCheckinAsync(Central.Seed.DefaultKiosk.Token, chipNumber, CancellationToken.None);
        return response.Problem ?? throw new InvalidOperationException($"central accepted {chipNumber}; the oracle needs a refusal");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var terminal in _terminals)
        {
            await terminal.DisposeAsync();
        }
        try
        {
            await StopAgentAsync();
        }
        catch (ObjectDisposedException)
        {
            // Stopped by the test already.
        }
        await Central.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
