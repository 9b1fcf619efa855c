using System.Globalization;
using System.Net;
using Uitpas.Edge.Bench.Ingest.Load;
using Uitpas.Edge.Bench.Ingest.Targets;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Bench.Ingest;

/// <summary>
/// The scenarios, in this order per target: connect every terminal (memory idle), the open loop
/// at --rate (latency), then the closed loop (throughput). Each target runs alone, its child
/// processes stopped before the next starts.
/// </summary>
public sealed class Runner(BenchOptions options, CentralSimulator central, string repoAgentDll, byte[][] chips)
{
    private readonly string _repoAgentDll = repoAgentDll;
    private string agentDll = repoAgentDll;

    /// <summary>Runs <paramref name="scenario"/> against the --agent-dll build, its rows labelled with --label.</summary>
    public async Task WithAlternativeAgentAsync(Func<Task> scenario)
    {
        agentDll = options.AgentDll ?? throw new ArgumentException("the -alt scenarios need --agent-dll");
        try
        {
            await scenario().ConfigureAwait(false);
        }
        finally
        {
            agentDll = _repoAgentDll;
        }
    }

    private string Label(string text) => agentDll == _repoAgentDll ? text : text + options.AgentLabel;

    private readonly IReadOnlyList<string> _ids = Fleet.DeviceIds(options.Terminals);
    private TimeSpan Warm => TimeSpan.FromSeconds(options.WarmUpSeconds);
    private TimeSpan Window => TimeSpan.FromSeconds(options.Seconds);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(30);

    public List<LoadRow> Rows { get; } = [];
    public List<MemoryRow> Memory { get; } = [];

    /// <summary>Mosquitto's raw QoS 1 pass-through: terminals → Mosquitto → an echoing subscriber → Mosquitto → terminals.</summary>
    public async Task MosquittoRawAsync()
    {
        await using var mosquitto = await Mosquitto.StartAsync(options.MosquittoPath).ConfigureAwait(false);
        var (fleet, memory) = await ConnectAsync("Mosquitto 2.0.11", mosquitto.EndPoint, mosquitto.Process).ConfigureAwait(false);
        await using (fleet.ConfigureAwait(false))
        {
            Memory.Add(memory);
            await using var echo = await EchoSubscriber.StartAsync(mosquitto.EndPoint, fleet, CancellationToken.None).ConfigureAwait(false);
            await LoadsAsync("Mosquitto raw (echo subscriber)", fleet, mosquitto.Process, null, echo).ConfigureAwait(false);
        }
    }

    /// <summary>The agent with its embedded broker: PUBACK after the tap's commit.</summary>
    public Task EmbeddedAsync() => AgentEmbeddedAsync(Label("agent, embedded broker"), options.AgentSettings);

    /// <summary>The agent as it was before the fix, settings given by <paramref name="settings"/>.</summary>
    public async Task AgentEmbeddedAsync(string label, IReadOnlyDictionary<string, string> settings, IDictionary<string, string>? environment = null)
    {
        var all = AgentChild.Settings(central, _ids);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        await using var agent = await AgentChild.StartAsync(agentDll, all, environment).ConfigureAwait(false);
        var (fleet, memory) = await ConnectAsync(label, agent.EndPoint, agent.Process).ConfigureAwait(false);
        await using (fleet.ConfigureAwait(false))
        {
            Memory.Add(memory);
            await LoadsAsync(label, fleet, agent.Process, agent).ConfigureAwait(false);
        }
    }

    /// <summary>The agent behind Mosquitto: the PUBACK is Mosquitto's, the commit rate is read from the agent's database.</summary>
    public async Task ExternalAsync()
    {
        await using var mosquitto = await Mosquitto.StartAsync(options.MosquittoPath).ConfigureAwait(false);
        var settings = AgentChild.Settings(central, _ids);
        settings["Agent:Broker:Mode"] = "External";
        settings["Agent:Broker:External:Host"] = "127.0.0.1";
        settings["Agent:Broker:External:Port"] = mosquitto.EndPoint.Port.ToString(CultureInfo.InvariantCulture);
        settings["Agent:Broker:External:ClientId"] = "bench-agent";
        foreach (var (key, value) in options.AgentSettings)
        {
            settings[key] = value;
        }
        await using var agent = await AgentChild.StartAsync(agentDll, settings).ConfigureAwait(false);
        var label = Label("agent behind Mosquitto");
        var (fleet, _) = await ConnectAsync(label, mosquitto.EndPoint, mosquitto.Process).ConfigureAwait(false);
        await using (fleet.ConfigureAwait(false))
        {
            await LoadsAsync(label, fleet, agent.Process, agent).ConfigureAwait(false);
        }
    }

    /// <summary>The stock MQTTnet server (defaults, no-op interceptor) in a child process: the stall's reproduction.</summary>
    public async Task StockAsync(bool consume = false)
    {
        var port = FreePort.Next();
        var bench = typeof(Runner).Assembly.Location;
        var args = new List<string> { bench, "serve-stock", "--port", port.ToString(CultureInfo.InvariantCulture) };
        if (options.StockBacklog is { } backlog)
        {
            args.AddRange(["--backlog", backlog.ToString(CultureInfo.InvariantCulture)]);
        }
        if (consume)
        {
            args.Add("--consume");
        }
        await using var server = ChildProcess.Start("stock", "dotnet", args, Path.GetTempPath());
        server.LineWritten += line => Console.WriteLine("  stock> " + line);
        await server.WaitListeningAsync(port, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        var label = (consume ? "stock MQTTnet server, taps taken in the interceptor" : "stock MQTTnet server")
            + (options.StockBacklog is null ? "" : $", backlog {options.StockBacklog}");
        var (fleet, memory) = await ConnectAsync(label, new IPEndPoint(IPAddress.Loopback, port), server).ConfigureAwait(false);
        await using (fleet.ConfigureAwait(false))
        {
            Memory.Add(memory);
            if (consume)
            {
                await LoadsAsync(label, fleet, server, null).ConfigureAwait(false);
                return;
            }
            await using var echo = await EchoSubscriber.StartAsync(new IPEndPoint(IPAddress.Loopback, port), fleet, CancellationToken.None).ConfigureAwait(false);
            await LoadsAsync(label + " (echo subscriber)", fleet, server, null, echo).ConfigureAwait(false);
        }
    }

    private async Task<(Fleet Fleet, MemoryRow Memory)> ConnectAsync(string label, IPEndPoint endPoint, ChildProcess target)
    {
        await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds / 2.0)).ConfigureAwait(false);
        var empty = target.RssKb();
        Console.WriteLine($"{label}: connecting {_ids.Count} terminals ({options.ConnectParallel} at once); RSS with none {empty / 1024.0:N1} MB; pid {target.Id}");
        var fleet = await Fleet.ConnectAsync(_ids, chips, endPoint, options.ConnectParallel, subscribeResults: true, TimeSpan.FromMinutes(3)).ConfigureAwait(false);
        Console.WriteLine($"{label}: connected in {fleet.ConnectTime.TotalSeconds:N2} s; idle {options.IdleSeconds} s");
        await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds)).ConfigureAwait(false);
        var connected = target.RssKb();
        var memory = new MemoryRow(label, _ids.Count, empty, connected, fleet.ConnectTime, target.Threads());
        Console.WriteLine($"{label}: RSS with {_ids.Count} idle {connected / 1024.0:N1} MB = {memory.KbPerTerminal:N1} KB per terminal");
        return (fleet, memory);
    }

    private async Task LoadsAsync(string label, Fleet fleet, ChildProcess target, AgentChild? agent, EchoSubscriber? echo = null)
    {
        Func<string>? committed = agent is not null
            ? () => "committed " + agent.CommittedTapsAsync().GetAwaiter().GetResult().ToString("N0", CultureInfo.InvariantCulture) + " wal " + agent.WalMegabytes().ToString("N0", CultureInfo.InvariantCulture) + " MB"
            : echo is not null ? echo.Describe : null;
        LoadSink open;
        var before = agent is null ? 0 : await agent.CommittedTapsAsync().ConfigureAwait(false);
        await using (new ProgressMonitor(label + " open", fleet, target, committed))
        {
            Console.WriteLine($"{label}: open loop {options.Rate}/s");
            open = await fleet.RunOpenLoopAsync(options.Rate, Warm, Window, Drain).ConfigureAwait(false);
        }
        Rows.Add(new LoadRow(label, $"open loop {options.Rate}/s", Window.TotalSeconds, open, null, Note(fleet)));
        Console.WriteLine(Report.Markdown(options, Rows[^1..], []));

        if (echo is not null)
        {
            echo.Answering = false;
        }
        await using (new ProgressMonitor(label + " closed", fleet, target, committed))
        {
            Console.WriteLine($"{label}: closed loop, one tap outstanding per terminal");
            var startCount = 0L;
            var task = fleet.RunClosedLoopAsync(Warm, Window, Drain);
            if (agent is not null)
            {
                await Task.Delay(Warm).ConfigureAwait(false);
                startCount = await agent.CommittedTapsAsync().ConfigureAwait(false);
                await Task.Delay(Window).ConfigureAwait(false);
                var endCount = await agent.CommittedTapsAsync().ConfigureAwait(false);
                var closed = await task.ConfigureAwait(false);
                Rows.Add(new LoadRow(label, "closed loop", Window.TotalSeconds, closed, (endCount - startCount) / Window.TotalSeconds, Note(fleet)));
            }
            else
            {
                Rows.Add(new LoadRow(label, "closed loop", Window.TotalSeconds, await task.ConfigureAwait(false), null, Note(fleet)));
            }
        }
        Console.WriteLine(Report.Markdown(options, Rows[^1..], []));
        _ = before;
    }

    private static string Note(Fleet fleet) => fleet.Disconnects > 0 ? $"{fleet.Disconnects} disconnects" : "";
}
