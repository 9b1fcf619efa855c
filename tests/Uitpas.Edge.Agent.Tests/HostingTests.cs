using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Tests;

public sealed class HostingTests : AgentTestBase
{
    [Fact]
    public async Task Misconfigured_devices_stop_the_agent_at_start_with_every_problem_named()
    {
        var failure = await StartFailureAsync(new()
        {
            ["Agent:Devices:0:Id"] = "Bad_Id",
            ["Agent:Devices:0:KioskToken"] = "",
            ["Agent:Devices:0:Language"] = "de",
        });

        Assert.Contains(failure.Failures, f => f.StartsWith("Agent:Devices:0:Id", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Agent:Devices:0:KioskToken", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Agent:Devices:0:Language", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_broker_address_that_is_not_an_ip_address_stops_the_agent_at_start()
    {
        var failure = await StartFailureAsync(new() { ["Agent:Broker:Embedded:BindAddress"] = "venue.local" });

        Assert.Contains(failure.Failures, f => f.StartsWith("Agent:Broker:Embedded:BindAddress", StringComparison.Ordinal));
    }

    private async Task<OptionsValidationException> StartFailureAsync(Dictionary<string, string?> wrong)
    {
        var settings = new Dictionary<string, string?>(Central.ClientSettings())
        {
            ["Agent:DataDirectory"] = DataDirectory,
            ["Agent:Broker:Embedded:Port"] = "0",
        };
        foreach (var (key, value) in wrong)
        {
            settings[key] = value;
        }
        using var host = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Fact]
    public async Task Stopping_the_agent_commits_what_it_acknowledged_and_closes_the_database()
    {
        var terminal = await TerminalAsync("term-1");
        await terminal.TapAsync(1, 1, Central.Seed.UnknownChipNumbers[1]);
        await terminal.ResultAsync(1, 1, TapOutcome.Refused);

        await Agent.StopAsync();

        // SQLite checkpoints and removes the write-ahead log when the last connection closes.
        Assert.True(File.Exists(Path.Combine(DataDirectory, "agent.db")));
        Assert.False(File.Exists(Path.Combine(DataDirectory, "agent.db-wal")), "the WAL is gone, so the file is closed");
        Assert.Equal(1, Agent.CountTaps("term-1"));
    }
}
