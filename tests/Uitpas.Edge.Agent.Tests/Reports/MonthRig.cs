using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>
/// For the month's acceptance test: the central simulator and the real agent (embedded broker, SQLite, admin API,
/// snapshots on so cards are looked up and the social-tariff exports kept, the facts recorder and the sale
/// reconciler on their own short intervals) on one <see cref="ShiftedClock"/>. The rig knows no devices: the test
/// creates them through the admin API, and plays terminals on the broker.
/// </summary>
public sealed class MonthRig : IAsyncDisposable
{
    private readonly Dictionary<string, TestTerminal> _terminals = new(StringComparer.Ordinal);

    private MonthRig(ShiftedClock clock, CentralSimulator central, string directory)
    {
        Clock = clock;
        Central = central;
        DataDirectory = directory;
    }

    public ShiftedClock Clock { get; }

    public CentralSimulator Central { get; }

    public string DataDirectory { get; }

    public IHost Host { get; private set; } = null!;

    public EventRecorder Events { get; private set; } = null!;

    public InMemoryLoggerProvider Logs { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    public static async Task<MonthRig> StartAsync(DateTimeOffset now, int passholders)
    {
        var clock = new ShiftedClock(now);
        var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0, PassholderCount = passholders, TimeProvider = clock });
        var rig = new MonthRig(clock, central, Path.Combine(Path.GetTempPath(), "uitpas-agent-tests", Guid.NewGuid().ToString("N")));
        try
        {
            await rig.StartAgentAsync();
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
        return rig;
    }

    private async Task StartAgentAsync()
    {
        var settings = AgentSettings.Loopback(Central, DataDirectory);
        settings["Agent:Reports:FactsInterval"] = "00:00:00.050";
        settings["Agent:Reports:SaleReconcileInterval"] = "00:00:00.050";
        settings["Agent:Snapshots:Enabled"] = "true";
        settings["Agent:Snapshots:MasterSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        settings["Agent:Snapshots:RebuildInterval"] = "1.00:00:00";
        settings["Agent:Snapshots:RebuildDebounce"] = "00:00:00";
        settings["Agent:Snapshots:LookupInterval"] = "00:00:00.030";
        settings["Agent:Snapshots:Http:Port"] = "0";
        AgentSettings.AddOrganizers(settings, Central);
        Host = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(Logs);
            builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        });
        Events = new EventRecorder(Host.GetAgentEvents());
        using var timeout = new CancellationTokenSource(Waits.Default);
        try
        {
            await Host.StartAsync(timeout.Token);
        }
        catch
        {
            Host.Dispose();
            Host = null!;
            throw;
        }
        Admin = new HttpClient { BaseAddress = new Uri($"http://{Host.GetAdminEndPoint()}"), Timeout = Waits.Default };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(DataDirectory, "admin.token")).Trim());
    }

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>Builds every allowlist now: the social-tariff exports of the devices' card systems are stored.</summary>
    public async Task RebuildSnapshotsAsync()
    {
        using var timeout = new CancellationTokenSource(Waits.Default);
        await Service<SnapshotService>().RebuildAllAsync(timeout.Token);
    }

    /// <summary>The device's terminal on the broker (connected once).</summary>
    public async Task<TestTerminal> TerminalAsync(string deviceId)
    {
        if (!_terminals.TryGetValue(deviceId, out var terminal))
        {
            _terminals[deviceId] = terminal = await TestTerminal.ConnectAsync(Host.GetBrokerEndPoint()!, deviceId);
        }
        return terminal;
    }

    /// <summary>Publishes a tap as the terminal sends it (live by default) and waits for its final answer: the credit the agent settled it with.</summary>
    public async Task<TapCredit> TapAsync(string deviceId, uint epoch, uint sequence, string chip, DateTimeOffset tappedAt, byte flags = TapFlags.None)
    {
        var terminal = await TerminalAsync(deviceId);
        var settled = Events.WaitAsync<TapSettled>(s => s.DeviceId == deviceId && s.BootEpoch == epoch && s.Sequence == sequence);
        var payload = TapEventCodec.Encode(new TapEvent(epoch, sequence, tappedAt.ToUnixTimeMilliseconds(), ChipUid.TryParseHex(chip), flags));
        var ack = await terminal.PublishAsync(Topics.Tap(deviceId), payload);
        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
        return (await settled).Credit;
    }

    /// <summary>One value of a query on the agent's database.</summary>
    public long Scalar(string sql)
    {
        using var connection = Service<AgentDatabase>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until <paramref name="condition"/> holds (polled), or fails naming <paramref name="what"/>.</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Waits.Default);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"No {what} within {Waits.Default}.");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>The pseudonym key, read from the agent's key file (as an operator with the file could).</summary>
    public byte[] PseudonymKey() => Convert.FromHexString(File.ReadAllText(Service<Pseudonymizer>().KeyPath).Trim());

    public async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject());
    }

    /// <summary>GET of a file of the admin API: its bytes and media type.</summary>
    public async Task<(byte[] Bytes, string MediaType)> FileAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");
        return (bytes, response.Content.Headers.ContentType?.MediaType ?? "");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var terminal in _terminals.Values)
        {
            await terminal.DisposeAsync();
        }
        _terminals.Clear();
        if (Host is not null)
        {
            Admin?.Dispose();
            using (var timeout = new CancellationTokenSource(Waits.Default))
            {
                await Host.StopAsync(timeout.Token);
            }
            Host.Dispose();
        }
        await Central.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
