using System.Net;
using Microsoft.Data.Sqlite;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Presence;
using Uitpas.Edge.Region.Tests.Infrastructure;
using Uitpas.Edge.Simulator;
using Uitpas.Edge.Tests.Shared;

namespace Uitpas.Edge.Region.Tests;

/// <summary>
/// Presence on an external broker: Mosquitto holds the terminal's retained birth and publishes
/// its will when the connection dies; every agent instance (the status subscription is not
/// shared) tracks both, and an instance started afterwards learns them from the retained message.
/// </summary>
public sealed class PresenceOverMosquittoTests
{
    private const string Device = "pres-01";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [RegionFact(RegionServer.Mosquitto)]
    public async Task Mosquitto_brings_birth_and_will_to_every_agent_instance_and_to_a_late_one()
    {
        await using var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0 });
        await using var broker = await MosquittoBroker.StartAsync();
        await using var first = Agent("pres-a", central, broker);
        await first.StartAsync();
        await using var relay = CuttableTcpRelay.Start(broker.EndPoint);
        var birth = new TerminalStatus
        {
            State = TerminalStatus.Online, BootEpoch = 12, UptimeMs = 4_000, JournalDepth = 2, AllowlistVersion = 5,
            Reader = TerminalStatus.ReaderOk, Firmware = "2.0.0", ConfigVersion = 1,
        };
        using var terminal = await ConnectTerminalAsync(relay.EndPoint, birth);

        await Eventually.HoldsAsync(() => StoredState(first) == "online/2", Timeout, () => $"{StoredState(first)}; {first.RecentOutput()}");

        relay.Cut();

        await Eventually.HoldsAsync(() => StoredState(first) == "offline-will/2", Timeout, () => $"{StoredState(first)}; {broker.RecentLog()}");
        await using var late = Agent("pres-b", central, broker);
        await late.StartAsync();
        await Eventually.HoldsAsync(() => StoredState(late) == "offline-will/2", Timeout, () => $"{StoredState(late)}; {late.RecentOutput()}");
    }

    [RegionFact(RegionServer.Mosquitto | RegionServer.PostgreSql)]
    public async Task Presence_is_stored_in_postgresql_and_a_will_of_an_older_boot_does_not_override_a_newer_birth()
    {
        await using var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0 });
        await using var broker = await MosquittoBroker.StartAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = RegionAgentSettings.For(central, [Device]).WithExternalBroker(broker, "pres-pg");
        settings["Agent:Store:Provider"] = "PostgreSql";
        settings["Agent:Store:ConnectionString"] = database.ConnectionString;
        settings["Logging:LogLevel:Uitpas.Edge.Agent.Presence"] = "Debug";
        await using var agent = new AgentProcess("pres-pg", RegionAgentSettings.NewDataDirectory("pres-pg"), settings);
        await agent.StartAsync();
        var boot = new TerminalStatus { State = TerminalStatus.Online, BootEpoch = 3, UptimeMs = 100, JournalDepth = 4, Firmware = "2.0.0" };

        using var terminal = await ConnectTerminalAsync(broker.EndPoint, boot);
        await Eventually.HoldsAsync(async () => await StoredStateAsync(database) == "online/3/4", Timeout, () => StoredStateAsync(database));

        // The next boot comes online; then a will of the earlier boot arrives late: it must not win.
        using var next = await ConnectTerminalAsync(broker.EndPoint, new TerminalStatus { State = TerminalStatus.Online, BootEpoch = 4, UptimeMs = 50, Firmware = "2.0.0" });
        await Eventually.HoldsAsync(async () => await StoredStateAsync(database) == "online/4/0", Timeout, () => StoredStateAsync(database));
        var stale = await next.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.Status(Device))
            .WithPayload(boot.WithState(TerminalStatus.OfflineWill).Encode()).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(stale.IsSuccess);

        await Eventually.HoldsAsync(() => agent.RecentOutput().Contains("Stale last will of " + Device + " ignored", StringComparison.Ordinal),
            Timeout, () => agent.RecentOutput());
        Assert.Equal("online/4/0", await StoredStateAsync(database));
    }

    private static async Task<string> StoredStateAsync(PostgresDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state || '/' || boot_epoch || '/' || journal_depth FROM terminal_presence WHERE device_id = @device";
        command.Parameters.AddWithValue("device", Device);
        try
        {
            return await command.ExecuteScalarAsync() as string ?? "none";
        }
        catch (Npgsql.PostgresException exception)
        {
            return "none (" + exception.MessageText + ")";
        }
    }

    private static AgentProcess Agent(string id, CentralSimulator central, MosquittoBroker broker) =>
        new(id, RegionAgentSettings.NewDataDirectory(id), RegionAgentSettings.For(central, [Device]).WithExternalBroker(broker, id));

    /// <summary>The device's stored presence as "state/journal depth", or "none".</summary>
    private static string StoredState(AgentProcess agent)
    {
        if (!File.Exists(agent.DatabasePath))
        {
            return "none (no database yet)";
        }
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = agent.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state || '/' || journal_depth FROM terminal_presence WHERE device_id = $device";
        command.Parameters.AddWithValue("$device", Device);
        try
        {
            return command.ExecuteScalar() as string ?? "none";
        }
        catch (SqliteException exception)
        {
            return "none (" + exception.Message + ")";
        }
    }

    private static async Task<IMqttClient> ConnectTerminalAsync(IPEndPoint broker, TerminalStatus birth)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        using var timeout = new CancellationTokenSource(Timeout);
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Address.ToString(), broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(Device)
            .WithCleanStart()
            .WithWillTopic(Topics.Status(Device))
            .WithWillPayload(birth.WithState(TerminalStatus.OfflineWill).Encode())
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), timeout.Token);
        var published = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.Status(Device))
            .WithPayload(birth.Encode()).WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
        Assert.True(published.IsSuccess, published.ReasonString);
        return client;
    }
}
