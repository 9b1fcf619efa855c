using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Access;
using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.Agent.Configuration;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Configuration;

/// <summary>
/// Per test: the real agent (embedded broker with a password file, SQLite) serving term-1,
/// term-2, term-3 and term-4, each with MQTT credentials; sites and config keys are written to
/// the fleet tables and the registry reloaded, as the admin API does. The config endpoints are
/// served over real HTTP by a small Kestrel app mapping <see cref="ConfigEndpoints"/> on /api/v1.
/// </summary>
public abstract class ConfigTestBase : IAsyncLifetime
{
    protected static readonly string[] DeviceIds = ["term-1", "term-2", "term-3", "term-4"];

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly Dictionary<string, string> _passwords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private CentralSimulator _central = null!;
    private WebApplication? _api;

    protected string DataDirectory { get; } = Directory.CreateTempSubdirectory("uitpas-config-").FullName;

    protected TestAgent Agent { get; private set; } = null!;

    protected ConfigService Service => Agent.Host.Services.GetRequiredService<ConfigService>();

    protected IConfigStatus Status => Agent.Host.Services.GetRequiredService<IConfigStatus>();

    protected HttpClient Http { get; private set; } = null!;

    /// <summary>The agent's configuration on top of the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?> AgentSettings =>
        new Dictionary<string, string?> { ["Agent:Broker:Authentication:PasswordFile"] = Path.Combine(DataDirectory, "passwd") };

    /// <summary>Where terminals connect.</summary>
    protected virtual IPEndPoint TerminalBroker => Agent.Broker;

    /// <summary>Runs before the agent first starts (e.g. to start an external broker).</summary>
    protected virtual Task BeforeAgentStartsAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0 });
        var passwd = new StringBuilder();
        foreach (var id in DeviceIds)
        {
            _passwords[id] = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
            passwd.Append(id).Append(':').Append(PasswordHash.Create(_passwords[id])).Append('\n');
        }
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "passwd"), passwd.ToString());
        await BeforeAgentStartsAsync();
        await StartAgentAsync();
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
        await StopApiAsync();
        await Agent.DisposeAsync();
        await _central.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    protected byte[] KeyOf(string deviceId) => _keys[deviceId];

    /// <summary>Places devices and gives each a config key (fleet tables), then reloads the registry.</summary>
    protected async Task AssignAsync(string region, string municipality, string venue, params string[] deviceIds)
    {
        using (var connection = OpenDatabase())
        {
            foreach (var id in deviceIds)
            {
                Execute(connection, """
                    INSERT INTO device_sites (device_id, region, municipality, venue, counter, organizer, updated_at_ms)
                    VALUES ($id, $region, $municipality, $venue, '', '', 0)
                    ON CONFLICT (device_id) DO UPDATE SET region = excluded.region, municipality = excluded.municipality, venue = excluded.venue
                    """, ("$id", id), ("$region", region), ("$municipality", municipality), ("$venue", venue));
                if (!_keys.ContainsKey(id))
                {
                    _keys[id] = RandomNumberGenerator.GetBytes(32);
                    Execute(connection, "INSERT INTO device_secrets (device_id, config_key, created_ms) VALUES ($id, $key, 0)", ("$id", id), ("$key", _keys[id]));
                }
            }
        }
        await Agent.Host.Services.GetRequiredService<DeviceRegistry>().ReloadAsync(CancellationToken.None);
    }

    /// <summary>A terminal connected with its credentials, subscribed to its config topic.</summary>
    protected async Task<ConfigTerminal> TerminalAsync(string deviceId)
    {
        var terminal = await ConfigTerminal.ConnectAsync(TerminalBroker, deviceId, _passwords[deviceId], _keys.GetValueOrDefault(deviceId));
        _owned.Add(terminal);
        return terminal;
    }

    protected async Task<HttpResponseMessage> PutAsync(string scope, string scopeId, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Http.PutAsync($"/api/v1/config/{scope}/{scopeId}", content);
    }

    /// <summary>Stops the agent and starts a new one on the same data folder (the embedded broker starts without retained messages).</summary>
    protected async Task RestartAgentAsync(Func<Task>? whileStopped = null)
    {
        await StopApiAsync();
        await Agent.DisposeAsync();
        if (whileStopped is not null)
        {
            await whileStopped();
        }
        await StartAgentAsync();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking it at every <see cref="IConfigStatus.Changed"/>.</summary>
    protected async Task WaitForAsync(Func<bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(string _)
        {
            if (condition())
            {
                done.TrySetResult();
            }
        }
        Status.Changed += Check;
        try
        {
            Check("");
            await done.Task.WaitAsync(Waits.Default);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No {what} within {Waits.Default}");
        }
        finally
        {
            Status.Changed -= Check;
        }
    }

    private async Task StartAgentAsync()
    {
        Agent = await TestAgent.StartAsync(_central, DataDirectory, DeviceIds.Select(id => new TestDevice(id, _central.Seed.Kiosks[0].Token, "nl")).ToArray(),
            AgentSettings);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(Service);
        _api = builder.Build();
        _api.MapGroup("/api/v1").MapConfigEndpoints();
        await _api.StartAsync();
        var address = _api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = Waits.Default };
    }

    private async Task StopApiAsync()
    {
        Http?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
            _api = null;
        }
    }

    private SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, "agent.db"), Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 5000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        command.ExecuteNonQuery();
    }
}
