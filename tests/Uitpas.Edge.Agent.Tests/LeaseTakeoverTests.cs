using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Broker;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Relay;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>
/// A relay lease taken over while the previous holder is still reconciling one of the device's
/// taps: two instances' relay steps on one PostgreSQL store, interleaved by gates on central's
/// check-in history. Only the lease holder may settle the tap; the one that lost the lease stores
/// nothing, so the holder's view of the tap stays true and a tap central counted ends checked in.
/// </summary>
public sealed class LeaseTakeoverTests : IAsyncLifetime
{
    private const string DeviceId = "term-takeover";
    private PostgresDatabase _database = null!;
    private CentralSimulator _central = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0 });
    }

    public async Task DisposeAsync()
    {
        await _central.DisposeAsync();
        await _database.DisposeAsync();
    }

    [PostgresFact]
    public async Task An_instance_that_lost_the_lease_while_reconciling_cannot_settle_the_tap_and_the_new_holder_credits_it_once()
    {
        await using var x = await Instance.StartAsync("x", _central, _database, TimeProvider.System);
        // Instance y's clock runs past x's lease: for y it has expired (x's renewals stalled).
        await using var y = await Instance.StartAsync("y", _central, _database, new ShiftedClock(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1)));
        var card = RelayLeaseTests.CardsOfDistinctPassholders(_central, 1)[0];

        // x relays a live tap; central counts it, but its answer is lost: the tap is Unknown.
        Assert.True((await x.Store.AcquireLeaseAsync(DeviceId, CancellationToken.None)).Acquired);
        await x.Taps.CommitAsync(DeviceId, new TapEvent(3, 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ChipUid.TryParseHex(card), TapFlags.None), CancellationToken.None);
        _central.Faults.DropResponseAfterCommit(SimEndpoint.KioskCheckin, times: 1);
        await x.Relayer.RelayAsync(x.Store.NextUnrelayed(DeviceId)!, CancellationToken.None);
        Assert.Equal(RelayState.Unknown, x.Store.NextUnrelayed(DeviceId)!.State);
        Assert.Equal(1, _central.State.CheckinCountForChip(card));

        // x reconciles it: its history search is on its way when y takes the lease over and
        // starts reconciling the same Unknown tap.
        var xSettles = x.Relayer.RelayAsync(x.Store.NextUnrelayed(DeviceId)!, CancellationToken.None);
        await x.Central.Searching.Task.WaitAsync(Waits.Default);
        var takeover = await y.Store.AcquireLeaseAsync(DeviceId, CancellationToken.None);
        Assert.True(takeover.Acquired);
        Assert.Equal("x", takeover.PreviousOwner);
        var ySettles = y.Relayer.RelayAsync(y.Store.NextUnrelayed(DeviceId)!, CancellationToken.None);
        await y.Central.Searching.Task.WaitAsync(Waits.Default);

        // x's search comes back first and finds the check-in: x no longer holds the lease, so it may not claim it.
        x.Central.Gate.SetResult();
        await Assert.ThrowsAsync<LeaseLostException>(() => xSettles.WaitAsync(Waits.Default));
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM central_claims"));

        // y's search finds the same check-in and claims it: counted from history, never sent again.
        y.Central.Gate.SetResult();
        await ySettles.WaitAsync(Waits.Default);
        var published = Assert.Single(y.Published, r => r.Outcome != TapOutcome.Queued);
        Assert.Equal(TapOutcome.CheckedIn, published.Outcome);
        Assert.DoesNotContain(x.Published, r => r.Outcome != TapOutcome.Queued);
        Assert.Equal(1, _central.State.RequestCount(SimEndpoint.KioskCheckin));
        Assert.Equal(1, _central.State.CheckinCountForChip(card));
        Assert.Equal(TapCredit.CreditedFromHistory, Assert.Single(y.Store.CreditCounts(DeviceId)).Credit);
        Assert.Equal($"{(int)RelayState.Done}/{(int)TapOutcome.CheckedIn}", await _database.ScalarAsync<string>("SELECT relay_state || '/' || outcome FROM taps"));
        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM central_claims k JOIN taps t ON t.id = k.tap_id"));
    }

    /// <summary>
    /// One agent instance's relay parts on the shared database, without its host running: its
    /// store writer, device registry and relay store, a <see cref="TapRelayer"/> whose steps the
    /// test drives, and central with a gate on the check-in history.
    /// </summary>
    private sealed class Instance : IAsyncDisposable
    {
        private readonly IHost _host;
        private readonly StoreWriter _writer;

        private Instance(IHost host, StoreWriter writer, GatedHistoryCentral central, RecordingPublisher publisher)
        {
            _host = host;
            _writer = writer;
            Central = central;
            Publisher = publisher;
            Store = host.Services.GetRequiredService<RelayStore>();
            Taps = host.Services.GetRequiredService<TapStore>();
            Relayer = new TapRelayer(Store, host.Services.GetRequiredService<DeviceRegistry>(), central, publisher,
                host.Services.GetRequiredService<AgentEvents>(), host.Services.GetRequiredService<IOptions<RelayOptions>>().Value,
                host.Services.GetRequiredService<TimeProvider>(), NullLogger.Instance);
        }

        public RelayStore Store { get; }

        public TapStore Taps { get; }

        public TapRelayer Relayer { get; }

        public GatedHistoryCentral Central { get; }

        public RecordingPublisher Publisher { get; }

        public IReadOnlyList<TapResult> Published => Publisher.Results;

        public static async Task<Instance> StartAsync(string instanceId, CentralSimulator central, PostgresDatabase database, TimeProvider clock)
        {
            var settings = new Dictionary<string, string?>(central.ClientSettings())
            {
                ["Agent:DataDirectory"] = Path.Combine(Path.GetTempPath(), "uitpas-agent-tests", Guid.NewGuid().ToString("N")),
                ["Central:RequestTimeout"] = "00:00:01",
                ["Agent:Store:RelayLease"] = "00:00:05",
                ["Agent:Relay:InitialBackoff"] = "00:00:00.050",
                ["Agent:Relay:MaxBackoff"] = "00:00:00.200",
                ["Agent:Devices:0:Id"] = DeviceId,
                ["Agent:Devices:0:KioskToken"] = central.Seed.DefaultKiosk.Token,
                ["Agent:Devices:0:Language"] = "nl",
            };
            foreach (var (key, value) in database.AgentSettings(instanceId))
            {
                settings[key] = value;
            }
            AgentSettings.AddOrganizers(settings, central);
            var host = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
                builder => builder.Services.Replace(ServiceDescriptor.Singleton(clock)));
            var writer = host.Services.GetRequiredService<StoreWriter>();
            await writer.StartAsync(CancellationToken.None);
            await host.Services.GetRequiredService<DeviceRegistry>().StartAsync(CancellationToken.None);
            return new Instance(host, writer, new GatedHistoryCentral(host.Services.GetRequiredService<IUitpasCentral>()), new RecordingPublisher());
        }

        public async ValueTask DisposeAsync()
        {
            Central.Gate.TrySetResult();
            await _writer.StopAsync(CancellationToken.None);
            if (_host is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
            else
            {
                _host.Dispose();
            }
        }
    }

    /// <summary>The results the relay would publish to the terminal.</summary>
    private sealed class RecordingPublisher : IResultPublisher
    {
        private readonly List<TapResult> _results = [];

        public IReadOnlyList<TapResult> Results
        {
            get
            {
                lock (_results)
                {
                    return [.. _results];
                }
            }
        }

        public Task<bool> PublishAsync(string deviceId, TapResult result, CancellationToken cancellationToken)
        {
            lock (_results)
            {
                _results.Add(result);
            }
            return Task.FromResult(true);
        }
    }

    /// <summary>Central, with every check-in history search held at <see cref="Gate"/> (signalling <see cref="Searching"/>) until the test opens it.</summary>
    private sealed class GatedHistoryCentral(IUitpasCentral inner) : IUitpasCentral
    {
        public TaskCompletionSource Searching { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<CentralResponse<CheckinPage>> SearchCheckinsAsync(CheckinQuery query, CancellationToken ct)
        {
            Searching.TrySetResult();
            await Gate.Task.WaitAsync(ct);
            return await inner.SearchCheckinsAsync(query, ct);
        }

        public Task<CentralResponse<KioskCheckin>> KioskCheckinAsync(string kioskToken, string chipNumber, CancellationToken ct) => inner.KioskCheckinAsync(kioskToken, chipNumber, ct);

        public Task<CentralResponse<KioskEvent>> GetKioskCurrentEventAsync(string kioskToken, CancellationToken ct) => inner.GetKioskCurrentEventAsync(kioskToken, ct);

        public Task<CentralResponse<PassInfo>> GetPassAsync(string identifier, CancellationToken ct) => inner.GetPassAsync(identifier, ct);

        public Task<CentralResponse<CheckinResult>> CheckinAsync(string uitpasNumber, string eventId, CancellationToken ct) => inner.CheckinAsync(uitpasNumber, eventId, ct);

        public Task<CentralResponse<IReadOnlyList<SocialTariffCard>>> GetActiveSocialTariffCardsAsync(int cardSystemId, CancellationToken ct) =>
            inner.GetActiveSocialTariffCardsAsync(cardSystemId, ct);

        public Task<CentralResponse<EventSettings>> GetEventSettingsAsync(string eventId, CancellationToken ct) => inner.GetEventSettingsAsync(eventId, ct);

        public Task<CentralResponse<TariffList>> GetStaticTariffsAsync(string eventId, decimal regularPrice, CancellationToken ct) =>
            inner.GetStaticTariffsAsync(eventId, regularPrice, ct);
    }
}
