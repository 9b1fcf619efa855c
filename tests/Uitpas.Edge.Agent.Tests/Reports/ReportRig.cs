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
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>
/// For the facts and sales tests: the central simulator and the real agent (embedded broker, SQLite or PostgreSQL,
/// admin API) on one clock set to Wednesday 11 March 2026, 10:00 in Brussels. One terminal, term-rep, at the default
/// kiosk (card system 1), assigned to the kiosk's event ("Voorstelling", domain cultuur) for the month, placed at
/// CC Proefdorp (organizer "Stad Proefdorp"). The facts recorder and the sale reconciler run only when a test asks.
/// </summary>
public sealed class ReportRig : IAsyncDisposable
{
    public const string DeviceId = "term-rep";
    public const string Organizer = "Stad Proefdorp";

    /// <summary>Wednesday 11 March 2026, 10:00 in Brussels.</summary>
    public static readonly DateTimeOffset Today = new(2026, 3, 11, 10, 0, 0, TimeSpan.FromHours(1));

    private readonly IReadOnlyDictionary<string, string?> _extra;
    private readonly List<TestTerminal> _terminals = [];
    private bool _running;

    private ReportRig(ShiftedClock clock, CentralSimulator central, string directory, PostgresDatabase? postgres, IReadOnlyDictionary<string, string?> extra)
    {
        Clock = clock;
        Central = central;
        DataDirectory = directory;
        Postgres = postgres;
        _extra = extra;
    }

    public ShiftedClock Clock { get; }

    public CentralSimulator Central { get; }

    public string DataDirectory { get; }

    public PostgresDatabase? Postgres { get; }

    public IHost Host { get; private set; } = null!;

    public EventRecorder Events { get; private set; } = null!;

    public InMemoryLoggerProvider Logs { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The kiosk's event, open all day.</summary>
    public SeedEvent Event => Central.Seed.Events[0];

    public static async Task<ReportRig> StartAsync(PostgresDatabase? postgres = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var clock = new ShiftedClock(Today);
        var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0, PassholderCount = 40, TimeProvider = clock });
        var directory = Path.Combine(Path.GetTempPath(), "uitpas-agent-tests", Guid.NewGuid().ToString("N"));
        var rig = new ReportRig(clock, central, directory, postgres, extra ?? new Dictionary<string, string?>());
        try
        {
            await rig.StartAgentAsync();
            var (status, body) = await rig.SendAsync(HttpMethod.Put, $"/api/v1/devices/{DeviceId}/site",
                new { region = "Oost-Vlaanderen", municipality = "Proefdorp", venue = "CC Proefdorp", counter = "onthaal", organizer = Organizer });
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
        return rig;
    }

    public async Task StartAgentAsync()
    {
        var settings = AgentSettings.Loopback(Central, DataDirectory);
        settings["Agent:Reports:FactsInterval"] = "00:10:00";
        settings["Agent:Reports:SaleReconcileInterval"] = "00:10:00";
        settings["Agent:Devices:0:Id"] = DeviceId;
        settings["Agent:Devices:0:KioskToken"] = Central.Seed.DefaultKiosk.Token;
        settings["Agent:Devices:0:Language"] = "nl";
        settings["Agent:Devices:0:CardSystemId"] = "1";
        settings["Agent:Devices:0:Events:0:EventId"] = Event.Id;
        settings["Agent:Devices:0:Events:0:From"] = Today.AddDays(-10).ToString("O");
        settings["Agent:Devices:0:Events:0:Until"] = Today.AddDays(30).ToString("O");
        settings["Agent:Devices:0:Events:0:Title"] = "Voorstelling";
        settings["Agent:Devices:0:Events:0:Domain"] = "cultuur";
        AgentSettings.AddOrganizers(settings, Central);
        foreach (var (key, value) in Postgres?.AgentSettings("report-1") ?? [])
        {
            settings[key] = value;
        }
        foreach (var (key, value) in _extra)
        {
            settings[key] = value;
        }
        Logs = new InMemoryLoggerProvider();
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
            throw;
        }
        _running = true;
        Admin = new HttpClient { BaseAddress = new Uri($"http://{Host.GetAdminEndPoint()}"), Timeout = Waits.Default };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(DataDirectory, "admin.token")).Trim());
    }

    public async Task StopAgentAsync()
    {
        if (!_running)
        {
            return;
        }
        _running = false;
        foreach (var terminal in _terminals)
        {
            await terminal.DisposeAsync();
        }
        _terminals.Clear();
        Admin.Dispose();
        using (var timeout = new CancellationTokenSource(Waits.Default))
        {
            await Host.StopAsync(timeout.Token);
        }
        Host.Dispose();
    }

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task<TestTerminal> TerminalAsync()
    {
        var terminal = await TestTerminal.ConnectAsync(Host.GetBrokerEndPoint()!, DeviceId);
        _terminals.Add(terminal);
        return terminal;
    }

    /// <summary>Publishes a tap with its own tap time (the rig's clock by default), live unless flagged.</summary>
    public async Task TapAsync(TestTerminal terminal, uint epoch, uint sequence, string chip, DateTimeOffset? tappedAt = null, byte flags = TapFlags.None)
    {
        var at = tappedAt ?? Clock.GetUtcNow();
        var payload = TapEventCodec.Encode(new TapEvent(epoch, sequence, at.ToUnixTimeMilliseconds(), ChipUid.TryParseHex(chip), flags));
        var ack = await terminal.PublishAsync(Topics.Tap(DeviceId), payload);
        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
    }

    /// <summary>The final result the agent published for a tap.</summary>
    public Task<ResultPublished> FinalResultAsync(uint epoch, uint sequence) =>
        Events.WaitAsync<ResultPublished>(r => r.BootEpoch == epoch && r.Sequence == sequence && r.Outcome != TapOutcome.Queued);

    /// <summary>One value of a query on the agent's database (SQLite or PostgreSQL).</summary>
    public long Scalar(string sql)
    {
        using var connection = Service<AgentDatabase>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a statement on the agent's database (as another process would: a lookup, an export).</summary>
    public void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Service<AgentDatabase>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        command.ExecuteNonQuery();
    }

    /// <summary>The pseudonym of <paramref name="input"/> ("uitpas:…" or "chip:…"), computed here from the key file.</summary>
    public byte[] Pseudonym(string input)
    {
        var key = Convert.FromHexString(File.ReadAllText(Service<Agent.Reports.Pseudonymizer>().KeyPath).Trim());
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(input));
    }

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

    public async ValueTask DisposeAsync()
    {
        await StopAgentAsync();
        await Central.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
