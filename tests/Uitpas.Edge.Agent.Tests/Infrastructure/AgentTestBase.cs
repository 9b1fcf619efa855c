using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Infrastructure;

/// <summary>
/// Per test: a fresh central simulator, a temp data folder and a running agent serving three
/// terminals: term-1 and term-fr at the default kiosk (nl and fr), term-2 at a second kiosk,
/// and term-misconfigured with a kiosk token central does not know.
/// </summary>
public abstract class AgentTestBase : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _terminals = [];

    protected CentralSimulator Central { get; private set; } = null!;

    protected TestAgent Agent { get; set; } = null!;

    protected string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "uitpas-agent-tests", Guid.NewGuid().ToString("N"));

    protected IReadOnlyList<TestDevice> Devices { get; set; } = [];

    /// <summary>Configuration on top of the test defaults, for tests that need another setup.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? ExtraSettings => null;

    /// <summary>Runs before the agent starts (e.g. to start an external broker).</summary>
    protected virtual Task BeforeAgentStartsAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0 });
        Devices =
        [
            new TestDevice("term-1", Central.Seed.Kiosks[0].Token, "nl"),
            new TestDevice("term-2", Central.Seed.Kiosks[1].Token, "nl"),
            new TestDevice("term-fr", Central.Seed.Kiosks[0].Token, "fr"),
            new TestDevice("term-misconfigured", "not-a-kiosk-token", "nl"),
        ];
        await BeforeAgentStartsAsync();
        Agent = await TestAgent.StartAsync(Central, DataDirectory, Devices, ExtraSettings);
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var terminal in _terminals)
        {
            await terminal.DisposeAsync();
        }
        await Agent.DisposeAsync();
        await Central.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    protected virtual System.Net.IPEndPoint TerminalBroker => Agent.Broker;

    protected async Task<TestTerminal> TerminalAsync(string deviceId, bool subscribe = true)
    {
        var terminal = await TestTerminal.ConnectAsync(TerminalBroker, deviceId, subscribe);
        _terminals.Add(terminal);
        return terminal;
    }

    /// <summary>Stops the agent and starts a new one on the same database file.</summary>
    protected async Task RestartAgentAsync()
    {
        await Agent.DisposeAsync();
        Agent = await TestAgent.StartAsync(Central, DataDirectory, Devices, ExtraSettings);
    }

    protected string GoodCard(int index) => Central.Seed.GoodCards[index].ChipNumber;
}
