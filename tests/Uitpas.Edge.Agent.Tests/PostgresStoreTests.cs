using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Store;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>The agent's store on PostgreSQL: the same behaviour as on SQLite, and taps unique across writers.</summary>
public sealed class PostgresStoreTests
{
    [PostgresFact]
    public async Task The_agent_on_PostgreSQL_stores_each_tap_once_and_relays_it_to_central_exactly_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0 });
        var devices = new[] { new TestDevice("term-pg", central.Seed.DefaultKiosk.Token, "nl") };
        var directory = Path.Combine(Path.GetTempPath(), "uitpas-agent-tests", Guid.NewGuid().ToString("N"));
        await using var agent = await TestAgent.StartAsync(central, directory, devices, database.AgentSettings("pg-1"));
        await using var terminal = await TestTerminal.ConnectAsync(agent.Broker, "term-pg");
        var cards = RelayLeaseTests.CardsOfDistinctPassholders(central, 12);

        for (var i = 0; i < cards.Count; i++)
        {
            var ack = await terminal.TapAsync(5, (uint)(i + 1), cards[i]);
            Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
        }
        for (var i = 0; i < cards.Count; i++)
        {
            await terminal.ResultAsync(5, (uint)(i + 1), TapOutcome.CheckedIn);
        }
        // Resent (the answers were lost on the way): acknowledged, answered again, not stored or sent again.
        for (var i = 0; i < 4; i++)
        {
            var ack = await terminal.TapAsync(5, (uint)(i + 1), cards[i]);
            Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
        }
        await agent.Events.WaitAsync<TapDuplicate>(d => d.Sequence == 4);

        Assert.Equal(cards.Count, await database.ScalarAsync<long>("SELECT COUNT(*) FROM taps WHERE device_id = 'term-pg'"));
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT COUNT(*) FROM taps WHERE relay_state <> 2"));
        Assert.All(cards, card => Assert.Equal(1, central.State.CheckinCountForChip(card)));
        Assert.Equal(cards.Count, central.State.Checkins.Count);
        Assert.Equal(4, agent.Events.All<TapDuplicate>().Count);
        await agent.StopAsync();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [PostgresFact]
    public async Task A_tap_committed_by_two_writers_at_once_is_stored_once_and_the_later_one_is_told_duplicate()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var first = await Writer.StartAsync(database, "writer-1");
        await using var second = await Writer.StartAsync(database, "writer-2");
        const int Taps = 400;
        var taps = Enumerable.Range(1, Taps)
            .Select(i => new TapEvent(9, (uint)i, 1_700_000_000_000 + i, [0x04, 0x11, (byte)(i >> 8), (byte)i, 0x22, 0x33, 0x44], TapFlags.None))
            .ToArray();

        // Both writers get every tap at the same moment, as two instances would after a redelivery.
        var commits = taps.Select(tap => (First: first.Taps.CommitAsync("term-race", tap, CancellationToken.None),
            Second: second.Taps.CommitAsync("term-race", tap, CancellationToken.None))).ToArray();
        await Task.WhenAll(commits.SelectMany(c => new[] { c.First, c.Second }));

        foreach (var (a, b) in commits)
        {
            var kinds = new[] { a.Result.Kind, b.Result.Kind };
            Assert.Single(kinds, TapCommitKind.Inserted);
            Assert.Single(kinds, TapCommitKind.Duplicate);
            Assert.Equal(a.Result.Tap.Id, b.Result.Tap.Id);
            Assert.True(a.Result.SameCard && b.Result.SameCard);
        }
        Assert.Equal(Taps, await database.ScalarAsync<long>("SELECT COUNT(*) FROM taps"));
        Assert.Equal(Taps, await database.ScalarAsync<long>("SELECT COUNT(DISTINCT id) FROM taps"));
    }

    [PostgresFact]
    public async Task A_failing_write_spoils_none_of_the_taps_committed_in_the_same_transaction()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var writer = await Writer.StartAsync(database, "writer-1");
        var taps = Enumerable.Range(1, 50)
            .Select(i => new TapEvent(2, (uint)i, 1_700_000_000_000 + i, [0x04, 0x55, (byte)i, 0x01], TapFlags.None))
            .ToArray();

        // Queued together, so they share group commits with the failing piece.
        var before = taps.Take(25).Select(tap => writer.Taps.CommitAsync("term-mixed", tap, CancellationToken.None)).ToArray();
        var failing = writer.Store.ExecuteAsync((connection, transaction) =>
        {
            using var command = Sql.Command(connection, transaction, "INSERT INTO no_such_table VALUES (1)");
            return command.ExecuteNonQuery();
        }, CancellationToken.None);
        var after = taps.Skip(25).Select(tap => writer.Taps.CommitAsync("term-mixed", tap, CancellationToken.None)).ToArray();

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => failing);
        var committed = await Task.WhenAll(before.Concat(after));
        Assert.All(committed, commit => Assert.Equal(TapCommitKind.Inserted, commit.Kind));
        Assert.Equal(taps.Length, await database.ScalarAsync<long>("SELECT COUNT(*) FROM taps WHERE device_id = 'term-mixed'"));
    }

    [PostgresFact]
    public async Task A_database_made_by_a_newer_agent_is_refused_at_start_and_left_unchanged()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await database.ExecuteAsync("CREATE TABLE agent_schema (id INTEGER PRIMARY KEY, version INTEGER NOT NULL); INSERT INTO agent_schema VALUES (1, 99);");
        using var store = Database(database, "too-old");

        var refused = Assert.Throws<InvalidOperationException>(store.EnsureCreated);

        Assert.Contains("schema version 99, newer than this agent's", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'taps'"));
    }

    [PostgresFact]
    public async Task Two_instances_starting_together_create_the_schema_once_and_record_its_version()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var a = Database(database, "a");
        using var b = Database(database, "b");

        await Task.WhenAll(Task.Run(a.EnsureCreated), Task.Run(b.EnsureCreated));

        Assert.Equal(Schema.Version, await database.ScalarAsync<int>("SELECT version FROM agent_schema WHERE id = 1"));
        Assert.Equal(1, await database.ScalarAsync<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'relay_leases'"));
    }

    private static AgentDatabase Database(PostgresDatabase database, string instanceId) =>
        new(Options.Create(new AgentOptions { InstanceId = instanceId }),
            Options.Create(new StoreOptions { Provider = StoreProvider.PostgreSql, ConnectionString = database.ConnectionString }));

    /// <summary>A store writer of its own on the database, as one agent instance has.</summary>
    private sealed class Writer : IAsyncDisposable
    {
        private readonly AgentDatabase _database;
        private readonly StoreWriter _writer;

        private Writer(AgentDatabase database, StoreWriter writer)
        {
            _database = database;
            _writer = writer;
            Taps = new TapStore(writer, TimeProvider.System);
        }

        public TapStore Taps { get; }

        public StoreWriter Store => _writer;

        public static async Task<Writer> StartAsync(PostgresDatabase database, string instanceId)
        {
            var store = Database(database, instanceId);
            var writer = new StoreWriter(store, NullLogger<StoreWriter>.Instance);
            await writer.StartAsync(CancellationToken.None);
            return new Writer(store, writer);
        }

        public async ValueTask DisposeAsync()
        {
            await _writer.DisposeAsync();
            _database.Dispose();
        }
    }
}
