using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Snapshots;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>The device model snapshots and late taps need: card system and event assignments, from configuration, persisted.</summary>
public sealed class SnapshotDeviceModelTests : SnapshotTestBase
{
    private DeviceRegistry Registry => Services.GetRequiredService<DeviceRegistry>();

    [Fact]
    public void Configured_card_system_and_event_assignments_are_in_the_registry()
    {
        Assert.True(Registry.TryGet("term-1", out var device));

        Assert.Equal(1, device.CardSystemId);
        Assert.Equal([Central.Seed.Events[0].Id, Central.Seed.Events[1].Id], device.Events.Select(e => e.EventId));
        Assert.Equal([12.50m, 8m], device.Events[0].RegularPrices);
        Assert.Equal("Voorstelling", device.Events[0].Title);
        Assert.True(Registry.TryGet("term-misconfigured", out var other));
        Assert.Equal(0, other.CardSystemId);
        Assert.Empty(other.Events);
    }

    [Fact]
    public void Event_at_gives_the_assignment_in_force_at_that_instant()
    {
        var first = Central.Seed.Events[0].Id;
        var second = Central.Seed.Events[1].Id;

        Assert.Null(Registry.EventAt("term-1", AssignmentStart.AddMilliseconds(-1)));
        Assert.Equal(first, Registry.EventAt("term-1", AssignmentStart)?.EventId);
        Assert.Equal(first, Registry.EventAt("term-1", AssignmentStart.AddDays(2).AddMilliseconds(-1))?.EventId);
        Assert.Equal(second, Registry.EventAt("term-1", AssignmentStart.AddDays(2))?.EventId);
        Assert.Null(Registry.EventAt("term-1", AssignmentStart.AddDays(3)));
        Assert.Null(Registry.EventAt("term-2", AssignmentStart.AddHours(1)));
        Assert.Null(Registry.EventAt("no-such-device", AssignmentStart.AddHours(1)));
    }

    [Fact]
    public async Task Assignments_are_read_back_from_the_database_after_a_restart()
    {
        await RestartAgentAsync();
        await Registry.ReloadAsync(CancellationToken.None);

        Assert.True(Registry.TryGet("term-1", out var device));
        Assert.Equal(2, device.Events.Count);
        Assert.Equal(AssignmentStart, device.Events[0].From);
        Assert.Equal(AssignmentStart.AddDays(2), device.Events[0].Until);
        Assert.Equal([12.50m, 8m], device.Events[0].RegularPrices);
    }

    [Fact]
    public async Task Overlapping_or_empty_assignments_stop_the_agent_at_start()
    {
        var settings = new Dictionary<string, string?>(Central.ClientSettings())
        {
            ["Agent:DataDirectory"] = Path.Combine(DataDirectory, "bad"),
            ["Agent:Broker:Embedded:Port"] = "0",
            ["Agent:Devices:0:Id"] = "term-x",
            ["Agent:Devices:0:KioskToken"] = "token",
            ["Agent:Devices:0:CardSystemId"] = "-1",
            ["Agent:Devices:0:Events:0:EventId"] = "a",
            ["Agent:Devices:0:Events:0:From"] = "2026-03-10T10:00:00+01:00",
            ["Agent:Devices:0:Events:0:Until"] = "2026-03-10T12:00:00+01:00",
            ["Agent:Devices:0:Events:1:EventId"] = "b",
            ["Agent:Devices:0:Events:1:From"] = "2026-03-10T11:00:00+01:00",
            ["Agent:Devices:0:Events:1:Until"] = "2026-03-10T13:00:00+01:00",
            ["Agent:Devices:0:Events:2:EventId"] = "",
            ["Agent:Devices:0:Events:2:From"] = "2026-03-11T11:00:00+01:00",
            ["Agent:Devices:0:Events:2:Until"] = "2026-03-11T10:00:00+01:00",
        };
        using var host = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var all = string.Join("\n", failure.Failures);
        Assert.Contains("Agent:Devices:0:CardSystemId", all);
        Assert.Contains("Agent:Devices:0:Events:1 overlaps Agent:Devices:0:Events:0", all);
        Assert.Contains("Agent:Devices:0:Events:2:EventId", all);
        Assert.Contains("Agent:Devices:0:Events:2: Until must be later than From", all);
    }

    [Fact]
    public async Task Snapshots_without_a_master_secret_of_32_bytes_stop_the_agent_at_start()
    {
        var settings = new Dictionary<string, string?>(Central.ClientSettings())
        {
            ["Agent:DataDirectory"] = Path.Combine(DataDirectory, "bad"),
            ["Agent:Broker:Embedded:Port"] = "0",
            ["Agent:Snapshots:Enabled"] = "true",
            ["Agent:Snapshots:MasterSecret"] = Convert.ToBase64String(new byte[16]),
        };
        using var host = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(failure.Failures, f => f.StartsWith(SnapshotOptions.SectionName + ":MasterSecret", StringComparison.Ordinal));
    }
}
