using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>
/// The card lookup service on PostgreSQL with two writers: a tap whose id was taken before
/// another's but committed after it (so ids become visible out of order) is still looked up,
/// also once the agent has run longer than the late-commit margin, and every chip exactly once.
/// </summary>
public sealed class CardLookupOrderTests
{
    [PostgresFact]
    public async Task A_chip_whose_tap_commits_after_a_later_id_is_still_looked_up_and_every_chip_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var store = new AgentDatabase(Options.Create(new AgentOptions { InstanceId = "lookup-b" }),
            Options.Create(new StoreOptions { Provider = StoreProvider.PostgreSql, ConnectionString = database.ConnectionString }));
        await using var writer = new StoreWriter(store, NullLogger<StoreWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var taps = new TapStore(writer, time);
        var central = new CountingCentral();
        var service = new CardLookupService(new CardMap(writer, store, time), store, central, Options.Create(new SnapshotOptions { LookupBatch = 100 }), time,
            NullLogger<CardLookupService>.Instance);
        var sequence = 0u;

        // Instance A takes an id and keeps its transaction open; instance B commits a later id meanwhile.
        var (slowA, slowAId) = await BeginTapAsync(database, "term-a", 1, Chip(1));
        var fastB = await taps.CommitAsync("term-b", new TapEvent(1, ++sequence, 1, Chip(2), TapFlags.None), CancellationToken.None);
        await service.RunRoundAsync(CancellationToken.None);
        await CommitAsync(slowA);
        time.Advance(TimeSpan.FromSeconds(10));
        await service.RunRoundAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        await service.RunRoundAsync(CancellationToken.None);
        var early = central.Snapshot();

        // Past the margin the window no longer starts at the first round: the same again.
        time.Advance(CardLookupService.LateCommitMargin + TimeSpan.FromSeconds(1));
        await service.RunRoundAsync(CancellationToken.None);
        var (slowC, slowCId) = await BeginTapAsync(database, "term-a", 2, Chip(3));
        var fastD = await taps.CommitAsync("term-b", new TapEvent(1, ++sequence, 1, Chip(4), TapFlags.None), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        await service.RunRoundAsync(CancellationToken.None);
        var beforeC = central.Snapshot();
        await CommitAsync(slowC);
        for (var round = 0; round < 3; round++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await service.RunRoundAsync(CancellationToken.None);
        }

        Assert.True(slowAId < fastB.Tap.Id, $"ids {slowAId} and {fastB.Tap.Id} must commit out of order");
        Assert.True(slowCId < fastD.Tap.Id, $"ids {slowCId} and {fastD.Tap.Id} must commit out of order");
        Assert.Equal([Hex(1), Hex(2)], early.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Hex(3), beforeC.Keys);
        Assert.Contains(Hex(4), beforeC.Keys);
        var all = central.Snapshot();
        Assert.Equal([Hex(1), Hex(2), Hex(3), Hex(4)], all.Keys.Order(StringComparer.Ordinal));
        Assert.All(all, lookups => Assert.Equal(1, lookups.Value));
    }

    private static byte[] Chip(int n) => [0x04, 0xA0, 0x00, (byte)n];

    private static string Hex(int n) => ChipUid.ToHex(Chip(n), 0, 4);

    /// <summary>What an instance's store writer does for a tap, with the transaction left open: the id is taken, the row not yet visible.</summary>
    private static async Task<(NpgsqlTransaction Transaction, long Id)> BeginTapAsync(PostgresDatabase database, string device, uint sequence, byte[] chip)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO taps (device_id, boot_epoch, sequence, chip_uid, tapped_at_ms, flags, received_at_ms)
            VALUES (@device, 1, @sequence, @chip, 1, 0, 1) RETURNING id
            """, connection, transaction);
        insert.Parameters.AddWithValue("device", device);
        insert.Parameters.AddWithValue("sequence", (long)sequence);
        insert.Parameters.AddWithValue("chip", chip);
        return (transaction, (long)(await insert.ExecuteScalarAsync())!);
    }

    private static async Task CommitAsync(NpgsqlTransaction transaction)
    {
        var connection = transaction.Connection!;
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    /// <summary>Central answering every pass lookup with "not found" and counting the lookups per chip.</summary>
    private sealed class CountingCentral : IUitpasCentral
    {
        private readonly ConcurrentDictionary<string, int> _lookups = new(StringComparer.Ordinal);

        public Dictionary<string, int> Snapshot() => new(_lookups, StringComparer.Ordinal);

        public Task<CentralResponse<PassInfo>> GetPassAsync(string identifier, CancellationToken ct)
        {
            _lookups.AddOrUpdate(identifier, 1, (_, n) => n + 1);
            var problem = new CentralProblem(ProblemTypes.PassNotFound, "Pass not found", 404, null, null, null, null);
            return Task.FromResult(CentralResponse<PassInfo>.Refused(problem, 404));
        }

        public Task<CentralResponse<KioskCheckin>> KioskCheckinAsync(string kioskToken, string chipNumber, CancellationToken ct) => throw new NotSupportedException();

        public Task<CentralResponse<KioskEvent>> GetKioskCurrentEventAsync(string kioskToken, CancellationToken ct) => throw new NotSupportedException();

        public Task<CentralResponse<CheckinPage>> SearchCheckinsAsync(CheckinQuery query, CancellationToken ct) => throw new NotSupportedException();

        public Task<CentralResponse<CheckinResult>> CheckinAsync(string uitpasNumber, string eventId, CancellationToken ct) => throw new NotSupportedException();

        public Task<CentralResponse<IReadOnlyList<SocialTariffCard>>> GetActiveSocialTariffCardsAsync(int cardSystemId, CancellationToken ct) => throw new NotSupportedException();

        public Task<CentralResponse<EventSettings>> GetEventSettingsAsync(string eventId, CancellationToken ct) => throw new NotSupportedException();

        public Task<CentralResponse<TariffList>> GetStaticTariffsAsync(string eventId, decimal regularPrice, CancellationToken ct) => throw new NotSupportedException();
    }
}
