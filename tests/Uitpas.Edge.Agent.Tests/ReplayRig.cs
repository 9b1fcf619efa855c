using Microsoft.Data.Sqlite;
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
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>The system clock moved by a fixed offset: real timers, a chosen calendar day.</summary>
public sealed class ShiftedClock(DateTimeOffset now) : TimeProvider
{
    private long _offsetTicks = (now - DateTimeOffset.UtcNow).Ticks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Sets the clock to <paramref name="instant"/>; it runs on from there.</summary>
    public void MoveTo(DateTimeOffset instant) => Interlocked.Exchange(ref _offsetTicks, (instant - DateTimeOffset.UtcNow).Ticks);
}

/// <summary>
/// For replay tests: the central simulator and the real agent (embedded broker, SQLite) on one
/// clock set to Wednesday 11 March 2026, 10:00 in Brussels, and one terminal, "term-late", at the
/// default kiosk. Yesterday it was assigned to event 0 until noon, to the evening event 2 from
/// noon to 21:00 and to event 4 from 21:00; today to event 0 again.
/// </summary>
public sealed class ReplayRig : IAsyncDisposable
{
    public const string DeviceId = "term-late";

    /// <summary>Tuesday 10 March 2026, 00:00 in Brussels (UTC+1): the day the terminal was cut off.</summary>
    public static readonly DateTimeOffset Yesterday = new(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(1));

    private readonly List<IAsyncDisposable> _terminals = [];
    private readonly Func<IUitpasCentral, IUitpasCentral>? _decorate;
    private readonly IReadOnlyDictionary<string, string?> _extra;
    private bool _running;

    private ReplayRig(ShiftedClock clock, CentralSimulator central, string dataDirectory, Func<IUitpasCentral, IUitpasCentral>? decorate,
        IReadOnlyDictionary<string, string?> extra)
    {
        Clock = clock;
        Central = central;
        DataDirectory = dataDirectory;
        _decorate = decorate;
        _extra = extra;
    }

    public ShiftedClock Clock { get; }

    public CentralSimulator Central { get; }

    public string DataDirectory { get; }

    public IHost Host { get; private set; } = null!;

    public EventRecorder Events { get; private set; } = null!;

    public InMemoryLoggerProvider Logs { get; private set; } = null!;

    public RelayStore Store => Host.Services.GetRequiredService<RelayStore>();

    /// <summary>Event 0: open all day; yesterday until noon and today.</summary>
    public SeedEvent MorningEvent => Central.Seed.Events[0];

    /// <summary>Event 2: open 19:00–22:00 only; yesterday from noon to 21:00.</summary>
    public SeedEvent EveningEvent => Central.Seed.Events[2];

    /// <summary>Event 4: open all day; yesterday from 21:00.</summary>
    public SeedEvent NightEvent => Central.Seed.Events[4];

    public static async Task<ReplayRig> StartAsync(int passholders = 40, Func<IUitpasCentral, IUitpasCentral>? decorate = null,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var clock = new ShiftedClock(Yesterday.AddDays(1).AddHours(10));
        var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0, PassholderCount = passholders, TimeProvider = clock });
        var directory = Path.Combine(Path.GetTempPath(), "uitpas-agent-tests", Guid.NewGuid().ToString("N"));
        var rig = new ReplayRig(clock, central, directory, decorate, extra ?? new Dictionary<string, string?>());
        try
        {
            await rig.StartAgentAsync();
        }
        catch
        {
            await central.DisposeAsync();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
            throw;
        }
        return rig;
    }

    /// <summary>Starts an agent on the rig's database (a new one, or the same file after <see cref="StopAgentAsync"/>).</summary>
    public async Task StartAgentAsync()
    {
        var settings = AgentSettings.Loopback(Central, DataDirectory);
        settings["Agent:Devices:0:Id"] = DeviceId;
        settings["Agent:Devices:0:KioskToken"] = Central.Seed.DefaultKiosk.Token;
        settings["Agent:Devices:0:Language"] = "nl";
        (string EventId, DateTimeOffset From, DateTimeOffset Until)[] assignments =
        [
            (MorningEvent.Id, Yesterday, Yesterday.AddHours(12)),
            (EveningEvent.Id, Yesterday.AddHours(12), Yesterday.AddHours(21)),
            (NightEvent.Id, Yesterday.AddHours(21), Yesterday.AddDays(1)),
            (MorningEvent.Id, Yesterday.AddDays(1), Yesterday.AddDays(2)),
        ];
        for (var i = 0; i < assignments.Length; i++)
        {
            settings[$"Agent:Devices:0:Events:{i}:EventId"] = assignments[i].EventId;
            settings[$"Agent:Devices:0:Events:{i}:From"] = assignments[i].From.ToString("O");
            settings[$"Agent:Devices:0:Events:{i}:Until"] = assignments[i].Until.ToString("O");
        }
        AgentSettings.AddOrganizers(settings, Central);
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
            if (_decorate is { } decorate)
            {
                var original = builder.Services.Last(d => d.ServiceType == typeof(IUitpasCentral));
                builder.Services.Remove(original);
                builder.Services.AddTransient(provider => decorate((IUitpasCentral)original.ImplementationFactory!(provider)));
            }
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
    }

    /// <summary>Stops the agent (cancelling what it has in flight) and disposes its host; the database stays.</summary>
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
        using (var timeout = new CancellationTokenSource(Waits.Default))
        {
            await Host.StopAsync(timeout.Token);
        }
        Host.Dispose();
    }

    public async Task<TestTerminal> TerminalAsync()
    {
        var terminal = await TestTerminal.ConnectAsync(Host.GetBrokerEndPoint()!, DeviceId);
        _terminals.Add(terminal);
        return terminal;
    }

    /// <summary>Publishes a tap as the terminal's journal holds it: its own tap time, flagged replay by default.</summary>
    public static async Task TapAsync(TestTerminal terminal, uint epoch, uint sequence, string chip, DateTimeOffset tappedAt, byte flags = TapFlags.Replay)
    {
        var payload = TapEventCodec.Encode(new TapEvent(epoch, sequence, tappedAt.ToUnixTimeMilliseconds(), ChipUid.TryParseHex(chip), flags));
        var ack = await terminal.PublishAsync(Topics.Tap(DeviceId), payload);
        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
    }

    /// <summary>The final result the agent published for a tap.</summary>
    public Task<ResultPublished> FinalResultAsync(uint epoch, uint sequence) =>
        Events.WaitAsync<ResultPublished>(r => r.BootEpoch == epoch && r.Sequence == sequence && r.Outcome != TapOutcome.Queued);

    /// <summary>One value read straight from the database file.</summary>
    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataDirectory, "agent.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAgentAsync();
        await Central.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
