using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>
/// Several agent instances on one PostgreSQL database: a device's taps are relayed by one instance
/// at a time (its lease), in order, once; a dead instance's lease is taken over after it expired.
/// </summary>
public sealed class RelayLeaseTests : IAsyncLifetime
{
    private static readonly string[] DeviceIds = ["term-1", "term-2", "term-3"];
    private readonly List<LeaseAgent> _agents = [];
    private PostgresDatabase _database = null!;
    private CentralSimulator _central = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0 });
    }

    public async Task DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }
        await _central.DisposeAsync();
        await _database.DisposeAsync();
    }

    [PostgresFact]
    public async Task Two_instances_relaying_the_same_backlog_make_one_checkin_per_tap_in_each_device_order()
    {
        // A backlog of 3 devices × 8 taps, stored while central was down.
        _central.Faults.ServiceUnavailable(SimEndpoint.KioskCheckin);
        var first = await StartAsync("a");
        var cards = CardsOfDistinctPassholders(_central, DeviceIds.Length * 8);
        var byDevice = new Dictionary<string, List<string>>();
        for (var d = 0; d < DeviceIds.Length; d++)
        {
            await using var terminal = await TestTerminal.ConnectAsync(first.Broker, DeviceIds[d], subscribe: false);
            byDevice[DeviceIds[d]] = cards.Skip(d * 8).Take(8).ToList();
            for (var i = 0; i < 8; i++)
            {
                var ack = await terminal.TapAsync(3, (uint)(i + 1), byDevice[DeviceIds[d]][i]);
                Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
            }
        }
        await first.DisposeAsync();
        Assert.Empty(_central.State.Checkins);

        // Central is back; both instances start at once and both want every device's backlog.
        _central.Faults.Clear();
        var instances = await Task.WhenAll(StartAsync("a"), StartAsync("b"));
        await WaitUntilAsync(() => _central.State.Checkins.Count >= 8, "8 check-ins at central");
        // One instance stops in the middle: the other finishes (after the lease of a call cut short expired).
        await instances[0].DisposeAsync();
        await WaitUntilAsync(async () => await _database.ScalarAsync<long>("SELECT COUNT(*) FROM taps WHERE relay_state <> 2") == 0, "every tap relayed",
            () => Describe(instances[1]));
        Assert.Equal(cards.Count, await _database.ScalarAsync<long>($"SELECT COUNT(*) FROM taps WHERE outcome = {(int)TapOutcome.CheckedIn}"));

        Assert.Equal(cards.Count, _central.State.Checkins.Count);
        Assert.All(cards, card => Assert.Equal(1, _central.State.CheckinCountForChip(card)));
        var order = _central.State.Checkins.Select(c => c.ChipNumber.ToUpperInvariant()).ToList();
        foreach (var (device, chips) in byDevice)
        {
            var positions = chips.Select(chip => order.IndexOf(chip.ToUpperInvariant())).ToList();
            Assert.True(positions.SequenceEqual(positions.Order()), $"{device}'s check-ins reached central out of order: {string.Join(", ", positions)}");
        }
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM relay_leases WHERE owner = 'a'"));
    }

    [PostgresFact]
    public async Task A_dead_instances_lease_is_taken_over_after_expiry_and_its_call_in_flight_is_reconciled_not_sent_again()
    {
        // Instance a's call reaches central (counted), then a stops before the answer is stored.
        var counted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = await StartAsync("a", inner => new CountedThenSilentCentral(inner, counted));
        var card = CardsOfDistinctPassholders(_central, 1)[0];
        await using (var terminal = await TestTerminal.ConnectAsync(a.Broker, "term-1", subscribe: false))
        {
            await terminal.TapAsync(4, 1, card);
        }
        await counted.Task.WaitAsync(Waits.Default);
        await a.DisposeAsync();
        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM taps WHERE relay_state = 1"));

        // Instance b starts while a's lease is live: it leaves a's tap alone, then takes over once the lease expired.
        var b = await StartAsync("b");
        var state = await _database.ScalarAsync<string>($"""
            SELECT t.relay_state || '/' || CASE WHEN l.expires_at_ms > {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} THEN 'live' ELSE 'expired' END
            FROM taps t JOIN relay_leases l ON l.device_id = t.device_id
            """);
        if (state.EndsWith("/live", StringComparison.Ordinal))
        {
            Assert.Equal("1/live", state);
        }
        var published = await b.Events.WaitAsync<ResultPublished>(r => r.Sequence == 1 && r.Outcome != TapOutcome.Queued);

        Assert.Equal(TapOutcome.CheckedIn, published.Outcome);
        Assert.Equal(1, _central.State.CheckinCountForChip(card));
        Assert.Equal(1, _central.State.RequestCount(SimEndpoint.KioskCheckin));
        var credit = Assert.Single(b.Services.GetRequiredService<RelayStore>().CreditCounts("term-1"));
        Assert.Equal(TapCredit.CreditedFromHistory, credit.Credit);
        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM relay_attempts WHERE outcome = 'interrupted'"));
        Assert.Equal("b", await _database.ScalarAsync<string>("SELECT owner FROM relay_leases UNION ALL SELECT 'b' LIMIT 1"));
        Assert.Contains(b.Logs.Entries, e => e.Message.Contains("took over the relay of device term-1 from a", StringComparison.Ordinal));
    }

    /// <summary>Good cards, one per passholder (so no check-in limit of a passholder interferes).</summary>
    internal static List<string> CardsOfDistinctPassholders(CentralSimulator central, int count) =>
        central.Seed.GoodCards.DistinctBy(c => c.PassholderId).Take(count).Select(c => c.ChipNumber).ToList();

    private async Task<LeaseAgent> StartAsync(string instanceId, Func<IUitpasCentral, IUitpasCentral>? decorate = null)
    {
        var settings = new Dictionary<string, string?>(_central.ClientSettings())
        {
            ["Agent:DataDirectory"] = Path.Combine(Path.GetTempPath(), "uitpas-agent-tests", Guid.NewGuid().ToString("N")),
            ["Agent:Broker:Mode"] = "Embedded",
            ["Agent:Broker:Embedded:BindAddress"] = "127.0.0.1",
            ["Agent:Broker:Embedded:Port"] = "0",
            ["Agent:Relay:InitialBackoff"] = "00:00:00.050",
            ["Agent:Relay:MaxBackoff"] = "00:00:00.200",
            ["Central:RequestTimeout"] = "00:00:00.750",
            ["Agent:Store:RelayLease"] = "00:00:03",
            ["Agent:Store:RelayPollInterval"] = "00:00:00.100",
            ["Agent:Relay:CircuitBreaker:OpenFor"] = "00:00:00.200",
            ["Agent:Relay:CircuitBreaker:MaxOpenFor"] = "00:00:00.400",
        };
        foreach (var (key, value) in _database.AgentSettings(instanceId))
        {
            settings[key] = value;
        }
        for (var i = 0; i < DeviceIds.Length; i++)
        {
            settings[$"Agent:Devices:{i}:Id"] = DeviceIds[i];
            settings[$"Agent:Devices:{i}:KioskToken"] = _central.Seed.Kiosks[i % 2].Token;
            settings[$"Agent:Devices:{i}:Language"] = "nl";
        }
        AgentSettings.AddOrganizers(settings, _central);
        var agent = await LeaseAgent.StartAsync(settings, decorate);
        _agents.Add(agent);
        return agent;
    }

    private string Describe(LeaseAgent agent)
    {
        var taps = _database.ScalarAsync<string>("SELECT string_agg(device_id || ':' || sequence || '=' || relay_state, ' ' ORDER BY device_id, sequence) FROM taps").Result;
        var leases = _database.ScalarAsync<string>("SELECT COALESCE(string_agg(device_id || '@' || owner || ':' || expires_at_ms, ' '), '-') FROM relay_leases").Result;
        var logs = string.Join(Environment.NewLine, agent.Logs.Entries.TakeLast(30).Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.Message}"));
        return $"taps {taps}; leases {leases}; now {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}{Environment.NewLine}{logs}";
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, Func<string>? describe = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting for {what}. {describe?.Invoke()}");
            }
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    /// <summary>An agent host of its own (embedded broker, the shared PostgreSQL store), optionally with central decorated.</summary>
    private sealed class LeaseAgent : IAsyncDisposable
    {
        private bool _disposed;

        private LeaseAgent(IHost host, InMemoryLoggerProvider logs, string dataDirectory)
        {
            Host = host;
            Logs = logs;
            DataDirectory = dataDirectory;
            Events = new EventRecorder(host.GetAgentEvents());
        }

        public IHost Host { get; }

        public IServiceProvider Services => Host.Services;

        public InMemoryLoggerProvider Logs { get; }

        public EventRecorder Events { get; }

        public string DataDirectory { get; }

        public System.Net.IPEndPoint Broker => Host.GetBrokerEndPoint()!;

        public static async Task<LeaseAgent> StartAsync(Dictionary<string, string?> settings, Func<IUitpasCentral, IUitpasCentral>? decorate)
        {
            var logs = new InMemoryLoggerProvider();
            var host = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), builder =>
            {
                builder.Logging.ClearProviders();
                builder.Logging.AddProvider(logs);
                if (decorate is not null)
                {
                    var original = builder.Services.Last(d => d.ServiceType == typeof(IUitpasCentral));
                    builder.Services.Remove(original);
                    builder.Services.AddTransient(provider => decorate((IUitpasCentral)original.ImplementationFactory!(provider)));
                }
            });
            using var timeout = new CancellationTokenSource(Waits.Default);
            await host.StartAsync(timeout.Token);
            return new LeaseAgent(host, logs, settings["Agent:DataDirectory"]!);
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            using (var timeout = new CancellationTokenSource(Waits.Default))
            {
                await Host.StopAsync(timeout.Token);
            }
            Host.Dispose();
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }

    /// <summary>Central that counts a kiosk check-in and then never answers (the instance dies before the answer).</summary>
    private sealed class CountedThenSilentCentral(IUitpasCentral inner, TaskCompletionSource counted) : IUitpasCentral
    {
        public async Task<CentralResponse<KioskCheckin>> KioskCheckinAsync(string kioskToken, string chipNumber, CancellationToken ct)
        {
            await inner.KioskCheckinAsync(kioskToken, chipNumber, ct);
            counted.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        }

        public Task<CentralResponse<KioskEvent>> GetKioskCurrentEventAsync(string kioskToken, CancellationToken ct) => inner.GetKioskCurrentEventAsync(kioskToken, ct);

        public Task<CentralResponse<PassInfo>> GetPassAsync(string identifier, CancellationToken ct) => inner.GetPassAsync(identifier, ct);

        public Task<CentralResponse<CheckinPage>> SearchCheckinsAsync(CheckinQuery query, CancellationToken ct) => inner.SearchCheckinsAsync(query, ct);

        public Task<CentralResponse<CheckinResult>> CheckinAsync(string uitpasNumber, string eventId, CancellationToken ct) => inner.CheckinAsync(uitpasNumber, eventId, ct);

        public Task<CentralResponse<IReadOnlyList<SocialTariffCard>>> GetActiveSocialTariffCardsAsync(int cardSystemId, CancellationToken ct) =>
            inner.GetActiveSocialTariffCardsAsync(cardSystemId, ct);

        public Task<CentralResponse<EventSettings>> GetEventSettingsAsync(string eventId, CancellationToken ct) => inner.GetEventSettingsAsync(eventId, ct);

        public Task<CentralResponse<TariffList>> GetStaticTariffsAsync(string eventId, decimal regularPrice, CancellationToken ct) =>
            inner.GetStaticTariffsAsync(eventId, regularPrice, ct);
    }
}
