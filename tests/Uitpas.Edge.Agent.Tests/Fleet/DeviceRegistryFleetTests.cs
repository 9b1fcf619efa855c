using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Fleet;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Fleet;

/// <summary>The registry's fleet data (site, loans, retirement, config key) is stored and read back by a restarted agent.</summary>
public sealed class DeviceRegistryFleetTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("uitpas-fleet-").FullName;
    private CentralSimulator _central = null!;

    public async Task InitializeAsync() => _central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0 });

    public async Task DisposeAsync()
    {
        await _central.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public Task Site_loans_retirement_and_config_keys_survive_a_restart() => SurviveRestartAsync(null);

    [PostgresFact]
    public async Task Site_loans_retirement_and_config_keys_survive_a_restart_on_PostgreSQL()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await SurviveRestartAsync(database.AgentSettings("fleet-pg"));
    }

    private async Task SurviveRestartAsync(Dictionary<string, string?>? settings)
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var site = new DeviceSite("oost", "gent", "vooruit", "bar", "democrazy");
        var from = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var agent = await StartAsync(settings))
        {
            var registry = agent.Host.Services.GetRequiredService<DeviceRegistry>();
            Assert.Equal(DeviceChange.Done, await registry.CreateAsync(new Device("vt-1", "token", "fr") { CardSystemId = 7 }, key, default));
            Assert.Equal(DeviceChange.Done, await registry.CreateAsync(new Device("vt-2", "token", "nl"), key.Reverse().ToArray(), default));
            Assert.Equal(DeviceChange.Done, await registry.SetSiteAsync("vt-1", site, default));
            Assert.Equal(DeviceChange.Done, await registry.LendAsync("vt-1", new DeviceLoan("loan-1", "Scouts", from, from.AddDays(2)), default));
            Assert.Equal(DeviceChange.Done, await registry.ReturnAsync("vt-1", "incomplete", "kabel ontbreekt", default));
            Assert.Equal(DeviceChange.Done, await registry.RetireAsync("vt-2", default));
        }

        await using var restarted = await StartAsync(settings);
        var reloaded = restarted.Host.Services.GetRequiredService<DeviceRegistry>();
        var keys = restarted.Host.Services.GetRequiredService<IDeviceKeys>();

        Assert.True(reloaded.TryGet("vt-1", out var one));
        Assert.Equal(site, one.Site);
        Assert.Equal(7, one.CardSystemId);
        Assert.Equal("fr", one.Language);
        Assert.False(one.Retired);
        var loan = Assert.Single(one.Loans);
        Assert.Equal(("Scouts", from, from.AddDays(2), "incomplete", "kabel ontbreekt"), (loan.Association, loan.From, loan.Until, loan.ReturnCondition, loan.Note));
        Assert.NotNull(loan.ReturnedAt);
        Assert.Null(one.OpenLoan);
        Assert.Equal(key, keys.ConfigKeyOf("vt-1"));
        Assert.True(reloaded.TryGet("vt-2", out var two));
        Assert.True(two.Retired);
        Assert.NotNull(two.RetiredAt);
        Assert.Equal(DeviceSite.None, two.Site);
        Assert.Null(keys.ConfigKeyOf("vt-2"));
        Assert.Null(keys.ConfigKeyOf("vt-unknown"));
        Assert.Null(keys.ConfigKeyOf("term-1"));
    }

    [Fact]
    public async Task A_returned_key_is_a_copy_so_callers_cannot_change_the_registry()
    {
        await using var agent = await StartAsync();
        var registry = agent.Host.Services.GetRequiredService<DeviceRegistry>();
        await registry.CreateAsync(new Device("vt-3", "token", "nl"), new byte[32], default);

        var first = registry.ConfigKeyOf("vt-3")!;
        first[0] = 0xff;

        Assert.Equal(new byte[32], registry.ConfigKeyOf("vt-3"));
    }

    [Fact]
    public async Task A_change_of_a_retired_or_unknown_device_is_refused_and_nothing_is_written()
    {
        await using var agent = await StartAsync();
        var registry = agent.Host.Services.GetRequiredService<DeviceRegistry>();
        await registry.CreateAsync(new Device("vt-4", "token", "nl"), new byte[32], default);
        await registry.RetireAsync("vt-4", default);
        var window = new EventAssignment("ev", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));

        Assert.Equal(DeviceChange.Retired, await registry.AddEventAsync("vt-4", window, default));
        Assert.Equal(DeviceChange.Retired, await registry.SetSiteAsync("vt-4", new DeviceSite("r", "", "", "", ""), default));
        Assert.Equal(DeviceChange.NotFound, await registry.AddEventAsync("vt-none", window, default));
        Assert.Equal(DeviceChange.Exists, await registry.CreateAsync(new Device("vt-4", "token", "nl"), new byte[32], default));
        Assert.True(registry.TryGet("vt-4", out var device));
        Assert.Empty(device.Events);
        Assert.Equal(DeviceSite.None, device.Site);
    }

    private Task<TestAgent> StartAsync(Dictionary<string, string?>? settings = null) =>
        TestAgent.StartAsync(_central, Path.Combine(_directory, "agent"), [new TestDevice("term-1", _central.Seed.Kiosks[0].Token, "nl")], settings);
}
