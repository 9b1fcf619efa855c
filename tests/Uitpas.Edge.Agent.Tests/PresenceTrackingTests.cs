using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Uitpas.Edge.Agent.Presence;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Presence;
using Uitpas.Edge.Tests.Shared;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>
/// Presence over the real embedded broker: a terminal (an MQTTnet client doing what the
/// firmware's PresenceReporter does: will at CONNECT, retained birth) is tracked online; its
/// connection cut without DISCONNECT makes the broker publish the will, which the agent tracks;
/// a late subscriber gets the retained status; a planned stop says offline-clean.
/// </summary>
public sealed class PresenceTrackingTests : AgentTestBase
{
    private const string Device = "term-1";

    private PresenceTracker Tracker => Agent.Host.Services.GetRequiredService<PresenceTracker>();

    private static TerminalStatus Status(string state, uint epoch = 7, uint journal = 3) => new()
    {
        State = state,
        BootEpoch = epoch,
        UptimeMs = 61_000,
        SentAtUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        LastTapUnixMs = 1_790_000_000_000,
        TapsSinceBoot = 5,
        Reader = TerminalStatus.ReaderOk,
        JournalDepth = journal,
        AllowlistVersion = 12,
        EventsVersion = 4,
        Firmware = "2.1.0+presence",
        ConfigVersion = 9,
    };

    private Observed<TerminalPresence> Watch()
    {
        var seen = new Observed<TerminalPresence>();
        Tracker.Changed += seen.Add;
        return seen;
    }

    private static async Task<IMqttClient> ConnectTerminalAsync(IPEndPoint broker, TerminalStatus birth)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Address.ToString(), broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(Device)
            .WithCleanStart()
            .WithWillTopic(Topics.Status(Device))
            .WithWillPayload(birth.WithState(TerminalStatus.OfflineWill).Encode())
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        using var timeout = new CancellationTokenSource(Waits.Default);
        await client.ConnectAsync(options, timeout.Token);
        var published = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Status(Device)).WithPayload(birth.Encode()).WithRetainFlag()
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
        Assert.True(published.IsSuccess, published.ReasonString);
        return client;
    }

    /// <summary>Subscribes a fresh client to the terminal's status and returns the first message (the retained one).</summary>
    private async Task<(TerminalStatus Status, bool Retained)> LateSubscriberAsync()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var received = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        using var timeout = new CancellationTokenSource(Waits.Default);
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(Agent.Broker.Address.ToString(), Agent.Broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithClientId("fleet-view-" + Guid.NewGuid().ToString("N")[..6]).Build(), timeout.Token);
        await client.SubscribeAsync(Topics.Status(Device), MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        var message = await received.Task.WaitAsync(Waits.Default);
        await client.DisconnectAsync();
        Assert.True(TerminalStatus.TryParse(message.Payload.ToArray(), out var status, out var error), error);
        return (status, message.Retain);
    }

    private string? StoredState(string deviceId)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataDirectory, "agent.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state FROM terminal_presence WHERE device_id = $device";
        command.Parameters.AddWithValue("$device", deviceId);
        return command.ExecuteScalar() as string;
    }

    [Fact]
    public async Task Birth_is_retained_and_tracked_online_with_journal_depth_and_versions()
    {
        var seen = Watch();
        using var terminal = await ConnectTerminalAsync(Agent.Broker, Status(TerminalStatus.Online, journal: 3));

        var online = await seen.WaitAsync(p => p.DeviceId == Device && p.Online, "birth of term-1");

        Assert.Equal(7u, online.BootEpoch);
        Assert.Equal(3u, online.JournalDepth);
        Assert.Equal(12u, online.AllowlistVersion);
        Assert.Equal(4u, online.EventsVersion);
        Assert.Equal("2.1.0+presence", online.Firmware);
        Assert.Equal(9u, online.ConfigVersion);
        Assert.Equal(TerminalStatus.ReaderOk, online.ReaderHealth);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000), online.LastTap);
        Assert.NotNull(online.OnlineSince);
        Assert.Equal(1, Tracker.OnlineCount);
        Assert.Contains(Tracker.Snapshot(), p => p.DeviceId == Device && p.Online);
        Assert.Equal(TerminalStatus.Online, StoredState(Device));

        var late = await LateSubscriberAsync();
        Assert.True(late.Retained);
        Assert.Equal(TerminalStatus.Online, late.Status.State);
        Assert.Equal(3u, late.Status.JournalDepth);
        await terminal.DisconnectAsync();
    }

    [Fact]
    public void A_will_keeps_the_reader_health_and_counters_of_later_statuses_of_the_same_boot()
    {
        // The will is composed at CONNECT, while the reader may still be starting.
        var will = Status(TerminalStatus.OfflineWill, journal: 9);
        will.Reader = TerminalStatus.ReaderDegraded;
        will.ReaderFaults = 2;
        will.TapsSinceBoot = 0;
        will.ConfigVersion = 3;
        var later = TerminalPresence.From(Device, Status(TerminalStatus.Online, journal: 1), previous: null, DateTimeOffset.UtcNow);

        var offline = TerminalPresence.From(Device, will, later, DateTimeOffset.UtcNow);
        var otherBoot = TerminalPresence.From(Device, Status(TerminalStatus.OfflineWill, epoch: 8, journal: 9), later, DateTimeOffset.UtcNow);

        Assert.Equal(TerminalStatus.OfflineWill, offline.State);
        Assert.Equal((TerminalStatus.ReaderOk, 0u, 1u, 5u, 9u), (offline.ReaderHealth, offline.ReaderFaults, offline.JournalDepth, offline.TapsSinceBoot, offline.ConfigVersion));
        Assert.NotNull(offline.OfflineAt);
        Assert.Equal(9u, otherBoot.JournalDepth); // another boot's will says what it says
    }

    [Fact]
    public async Task Killed_connection_makes_the_broker_publish_the_will_and_the_terminal_offline()
    {
        await using var relay = CuttableTcpRelay.Start(Agent.Broker);
        var seen = Watch();
        using var terminal = await ConnectTerminalAsync(relay.EndPoint, Status(TerminalStatus.Online, journal: 2));
        var online = await seen.WaitAsync(p => p.DeviceId == Device && p.Online, "birth of term-1");

        relay.Cut();

        var offline = await seen.WaitAsync(p => p.DeviceId == Device && p.State == TerminalStatus.OfflineWill, "last will of term-1");
        Assert.False(offline.Online);
        Assert.Equal(online.BootEpoch, offline.BootEpoch);
        Assert.NotNull(offline.OfflineAt);
        Assert.Null(offline.OnlineSince);
        Assert.Equal(0, Tracker.OnlineCount);
        Assert.Equal(TerminalStatus.OfflineWill, StoredState(Device));

        var late = await LateSubscriberAsync();
        Assert.True(late.Retained);
        Assert.Equal(TerminalStatus.OfflineWill, late.Status.State);
        Assert.Equal("2.1.0+presence", late.Status.Firmware);
    }

    [Fact]
    public async Task Clean_shutdown_publishes_offline_clean_and_no_will()
    {
        var seen = Watch();
        var birth = Status(TerminalStatus.Online, journal: 0);
        using var terminal = await ConnectTerminalAsync(Agent.Broker, birth);
        await seen.WaitAsync(p => p.DeviceId == Device && p.Online, "birth of term-1");

        await terminal.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.Status(Device))
            .WithPayload(birth.WithState(TerminalStatus.OfflineClean).Encode()).WithRetainFlag()
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await terminal.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build());

        await seen.WaitAsync(p => p.DeviceId == Device && p.State == TerminalStatus.OfflineClean, "goodbye of term-1");
        var late = await LateSubscriberAsync();
        Assert.Equal(TerminalStatus.OfflineClean, late.Status.State);
        Assert.True(Tracker.TryGet(Device, out var last));
        Assert.Equal(TerminalStatus.OfflineClean, last.State);
        Assert.DoesNotContain(seen.All, p => p.State == TerminalStatus.OfflineWill);
    }

    [Fact]
    public async Task Stale_will_bad_status_and_unknown_device_change_nothing()
    {
        static ReadOnlySequence<byte> Bytes(TerminalStatus s) => new(s.Encode());
        var topic = Topics.Status(Device);
        Assert.True(await Tracker.ObserveAsync(topic, Bytes(Status(TerminalStatus.Online, epoch: 8)), CancellationToken.None));

        Assert.False(await Tracker.ObserveAsync(topic, Bytes(Status(TerminalStatus.OfflineWill, epoch: 7)), CancellationToken.None));
        Assert.False(await Tracker.ObserveAsync(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("v=1\nstate=online\n")), CancellationToken.None));
        Assert.False(await Tracker.ObserveAsync(topic, ReadOnlySequence<byte>.Empty, CancellationToken.None));
        Assert.False(await Tracker.ObserveAsync(Topics.Status("not-registered"), Bytes(Status(TerminalStatus.Online)), CancellationToken.None));
        Assert.False(await Tracker.ObserveAsync(Topics.Tap(Device), Bytes(Status(TerminalStatus.Online)), CancellationToken.None));

        Assert.True(Tracker.TryGet(Device, out var presence));
        Assert.True(presence.Online);
        Assert.Equal(8u, presence.BootEpoch);
        Assert.Single(Tracker.Snapshot());
        Assert.Contains(Agent.Logs.Entries, e => e.Message.Contains("Status of term-1 ignored", StringComparison.Ordinal));

        Assert.True(await Tracker.ObserveAsync(topic, Bytes(Status(TerminalStatus.OfflineWill, epoch: 8)), CancellationToken.None));
        Assert.False(Tracker.TryGet(Device, out var after) && after.Online);
    }

    [Fact]
    public async Task Presence_survives_a_restart_as_unknown_until_heard_again()
    {
        var topic = Topics.Status(Device);
        Assert.True(await Tracker.ObserveAsync(topic, new ReadOnlySequence<byte>(Status(TerminalStatus.Online, journal: 6).Encode()), CancellationToken.None));
        Assert.True(await Tracker.ObserveAsync(Topics.Status("term-2"), new ReadOnlySequence<byte>(Status(TerminalStatus.OfflineClean).Encode()), CancellationToken.None));

        await RestartAgentAsync();

        Assert.True(Tracker.TryGet(Device, out var loaded));
        Assert.Equal(TerminalPresence.Unknown, loaded.State);
        Assert.False(loaded.Online);
        Assert.Equal(6u, loaded.JournalDepth);
        Assert.True(Tracker.TryGet("term-2", out var clean));
        Assert.Equal(TerminalStatus.OfflineClean, clean.State);
        Assert.Equal(0, Tracker.OnlineCount);
    }
}
