using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Bench.Ingest.Targets;

/// <summary>
/// The real agent program (edge-agent/agent, Release) as a child process, so its RSS and its
/// thread pool are its own: configuration on the command line, SQLite in a temp folder, central =
/// the simulator in the bench process.
/// </summary>
public sealed class AgentChild : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _directory;

    private AgentChild(ChildProcess process, string directory, int brokerPort)
    {
        _process = process;
        _directory = directory;
        EndPoint = new IPEndPoint(IPAddress.Loopback, brokerPort);
    }

    /// <summary>The embedded broker's endpoint (meaningless in external mode).</summary>
    public IPEndPoint EndPoint { get; }

    public ChildProcess Process => _process;

    public string DatabasePath => Path.Combine(_directory, "uitpas-edge.db");

    /// <summary>The agent's settings for <paramref name="deviceIds"/> against <paramref name="central"/>.</summary>
    public static Dictionary<string, string> Settings(CentralSimulator central, IReadOnlyList<string> deviceIds)
    {
        var seed = central.Seed;
        var eventId = seed.DefaultKiosk.CurrentEventId!;
        var now = DateTimeOffset.UtcNow;
        var settings = central.ClientSettings().ToDictionary(p => p.Key, p => p.Value ?? "");
        settings["Agent:Relay:MaxConcurrentCalls"] = "8";
        settings["Agent:Store:MaxBacklog"] = "10000000";
        settings["Agent:Operations:Port"] = "0";
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information";
        settings["Logging:LogLevel:Uitpas.Edge.Agent.Broker"] = "Information";
        for (var i = 0; i < seed.Organizers.Count; i++)
        {
            settings[$"Agent:Relay:OrganizerIds:{i}"] = seed.Organizers[i].Id;
        }
        var from = now.AddDays(-1).ToString("O", CultureInfo.InvariantCulture);
        var until = now.AddDays(1).ToString("O", CultureInfo.InvariantCulture);
        for (var i = 0; i < deviceIds.Count; i++)
        {
            settings[$"Agent:Devices:{i}:Id"] = deviceIds[i];
            settings[$"Agent:Devices:{i}:KioskToken"] = seed.DefaultKiosk.Token;
            settings[$"Agent:Devices:{i}:Events:0:EventId"] = eventId;
            settings[$"Agent:Devices:{i}:Events:0:From"] = from;
            settings[$"Agent:Devices:{i}:Events:0:Until"] = until;
        }
        return settings;
    }

    /// <summary>Starts the agent and waits until it serves: its embedded broker accepts, or it connected to the external one.</summary>
    public static async Task<AgentChild> StartAsync(string agentDll, Dictionary<string, string> settings, IDictionary<string, string>? environment = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "uitpas-bench-agent-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var external = settings.TryGetValue("Agent:Broker:Mode", out var mode) && mode == "External";
        var port = external ? 0 : FreePort.Next();
        settings["Agent:DataDirectory"] = directory;
        if (!external)
        {
            settings["Agent:Broker:Embedded:Port"] = port.ToString(CultureInfo.InvariantCulture);
        }
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var args = new List<string> { agentDll };
        args.AddRange(settings.Select(p => $"--{p.Key}={p.Value}"));
        var process = ChildProcess.Start("agent", "dotnet", args, directory, environment);
        process.LineWritten += line =>
        {
            if (line.Contains("Connected to the external MQTT broker", StringComparison.Ordinal))
            {
                connected.TrySetResult();
            }
        };
        var agent = new AgentChild(process, directory, port);
        try
        {
            if (external)
            {
                await connected.Task.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            }
            else
            {
                await process.WaitListeningAsync(port, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            }
        }
        catch (TimeoutException exception)
        {
            var output = process.RecentOutput();
            await agent.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException(exception.Message + Environment.NewLine + output, exception);
        }
        return agent;
    }

    /// <summary>Taps committed so far (the highest tap row id; rows are never deleted during a run).</summary>
    public async Task<long> CommittedTapsAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM taps";
        return Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Size of the SQLite write-ahead log (it grows when checkpoints cannot keep up).</summary>
    public double WalMegabytes()
    {
        var wal = new FileInfo(DatabasePath + "-wal");
        return wal.Exists ? wal.Length / 1048576.0 : 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // left in /tmp
        }
    }
}
