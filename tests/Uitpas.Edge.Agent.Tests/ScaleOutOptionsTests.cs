using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>The scale-out settings (store provider, relay leases, shared subscriptions) are checked at start; a newer database is refused.</summary>
public sealed class ScaleOutOptionsTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "uitpas-agent-tests", Guid.NewGuid().ToString("N"));
    private CentralSimulator _central = null!;

    public async Task InitializeAsync() => _central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0 });

    public async Task DisposeAsync()
    {
        await _central.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task PostgreSQL_without_a_connection_string_is_refused_at_start()
    {
        var failure = await StartFailureAsync(new() { ["Agent:Store:Provider"] = "PostgreSql" });

        Assert.Contains(failure.Failures, f => f.StartsWith("Agent:Store:ConnectionString is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_relay_lease_not_much_longer_than_a_call_to_central_is_refused_at_start()
    {
        var failure = await StartFailureAsync(new() { ["Central:RequestTimeout"] = "00:00:10", ["Agent:Store:RelayLease"] = "00:00:20" });

        Assert.Contains(failure.Failures, f => f.StartsWith("Agent:Store:RelayLease must be at least", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Instances_sharing_a_subscription_group_with_the_default_client_id_are_refused_at_start()
    {
        var failure = await StartFailureAsync(new()
        {
            ["Agent:Broker:Mode"] = "External",
            ["Agent:Broker:External:Host"] = "127.0.0.1",
            ["Agent:Broker:External:SharedSubscriptionGroup"] = "uitpas-agents",
        });

        Assert.Contains(failure.Failures, f => f.Contains("need each their own Agent:Broker:External:ClientId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_subscription_group_that_is_not_one_topic_level_is_refused_at_start()
    {
        var failure = await StartFailureAsync(new()
        {
            ["Agent:Broker:Mode"] = "External",
            ["Agent:Broker:External:Host"] = "127.0.0.1",
            ["Agent:Broker:External:ClientId"] = "agent-a",
            ["Agent:Broker:External:SharedSubscriptionGroup"] = "agents/+",
        });

        Assert.Contains(failure.Failures, f => f.StartsWith("Agent:Broker:External:SharedSubscriptionGroup must be one topic level", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_SQLite_file_made_by_a_newer_agent_is_refused_at_start_and_left_unchanged()
    {
        Directory.CreateDirectory(_dataDirectory);
        var file = Path.Combine(_dataDirectory, "uitpas-edge.db");
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }
        using var host = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build());

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("schema version 99, newer than this agent's", refused.Message, StringComparison.Ordinal);
        using var check = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        check.Open();
        using var tables = check.CreateCommand();
        tables.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'taps'";
        Assert.Equal(0L, (long)tables.ExecuteScalar()!);
    }

    private Dictionary<string, string?> Settings() => new(_central.ClientSettings())
    {
        ["Agent:DataDirectory"] = _dataDirectory,
        ["Agent:Broker:Embedded:Port"] = "0",
    };

    private async Task<OptionsValidationException> StartFailureAsync(Dictionary<string, string?> wrong)
    {
        var settings = Settings();
        foreach (var (key, value) in wrong)
        {
            settings[key] = value;
        }
        using var host = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }
}
