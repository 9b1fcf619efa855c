using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Infrastructure;

/// <summary>A terminal registered in the agent under test.</summary>
public sealed record TestDevice(string Id, string KioskToken, string Language);

/// <summary>
/// The real agent, in-process, through its public hosting API: embedded broker on a free
/// loopback port, SQLite in the given folder, central = the simulator.
/// </summary>
public sealed class TestAgent : IAsyncDisposable
{
    private bool _stopped;

    private TestAgent(IHost host, InMemoryLoggerProvider logs, string dataDirectory)
    {
        Host = host;
        Logs = logs;
        DataDirectory = dataDirectory;
        Events = new EventRecorder(host.GetAgentEvents());
    }

    public IHost Host { get; }

    public InMemoryLoggerProvider Logs { get; }

    public EventRecorder Events { get; }

    public string DataDirectory { get; }

    public IPEndPoint Broker => Host.GetBrokerEndPoint() ?? throw new InvalidOperationException("The broker is not started.");

    public static async Task<TestAgent> StartAsync(CentralSimulator central, string dataDirectory, IReadOnlyList<TestDevice> devices, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(central.ClientSettings())
        {
            ["Agent:DataDirectory"] = dataDirectory,
            ["Agent:DatabaseFile"] = "agent.db",
            ["Agent:Broker:Mode"] = "Embedded",
            ["Agent:Broker:Embedded:BindAddress"] = "127.0.0.1",
            ["Agent:Broker:Embedded:Port"] = "0",
            ["Agent:Broker:Embedded:MaxPacketSize"] = "1024",
            ["Agent:Relay:InitialBackoff"] = "00:00:00.050",
            ["Agent:Relay:MaxBackoff"] = "00:00:00.200",
            ["Central:RequestTimeout"] = "00:00:05",
        };
        for (var i = 0; i < devices.Count; i++)
        {
            settings[$"Agent:Devices:{i}:Id"] = devices[i].Id;
            settings[$"Agent:Devices:{i}:KioskToken"] = devices[i].KioskToken;
            settings[$"Agent:Devices:{i}:Language"] = devices[i].Language;
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var logs = new InMemoryLoggerProvider();
        var host = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
        });
        var agent = new TestAgent(host, logs, dataDirectory);
        using var timeout = new CancellationTokenSource(Waits.Default);
        await host.StartAsync(timeout.Token);
        return agent;
    }

    /// <summary>Rows in the taps table, read straight from the file.</summary>
    public long CountTaps(string deviceId)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataDirectory, "agent.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM taps WHERE device_id = $device";
        command.Parameters.AddWithValue("$device", deviceId);
        return (long)command.ExecuteScalar()!;
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        using var timeout = new CancellationTokenSource(Waits.Default);
        await Host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Host.Dispose();
    }
}
