using Uitpas.Edge.Cli.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Uitpas.Edge.Cli.Tests;

/// <summary>config push|show against a real agent and virtual terminals that verify, apply or refuse the signed config.</summary>
public sealed class ConfigCommandTests(ITestOutputHelper output) : IAsyncLifetime
{
    private CliSystem _system = null!;

    public async Task InitializeAsync() => _system = await CliSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Push_to_a_device_waits_until_the_terminal_applied_it()
    {
        await RunningTerminalAsync("vt-001");

        var run = await _system.CliAsync("config", "push", "--device", "vt-001", "--set", "resultShownMs=5000", "--set", "language=en");
        output.WriteLine(run.Output + run.Error);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Applied by all 1 device", run.Output, StringComparison.Ordinal);
        var device = (await _system.CliAsync("device", "show", "vt-001", "--json")).Json();
        Assert.Equal("applied", device.GetProperty("config").GetString());
        Assert.Equal("5000", device.GetProperty("effectiveSettings").GetProperty("resultShownMs").GetString());
        var layer = (await _system.CliAsync("config", "show", "device", "vt-001", "--json")).Json();
        Assert.Equal("en", layer.GetProperty("settings").GetProperty("language").GetString());
    }

    [Fact]
    public async Task Push_to_a_venue_lists_the_device_that_did_not_answer_in_time_and_exits_1()
    {
        await RunningTerminalAsync("vt-001");
        await CreateAsync("vt-002");
        foreach (var id in new[] { "vt-001", "vt-002" })
        {
            Assert.Equal(0, (await _system.CliAsync("device", "assign", id, "--region", "R", "--municipality", "M", "--venue", "Vooruit")).ExitCode);
        }

        var run = await _system.CliAsync("config", "push", "--venue", "Vooruit", "--set", "retapWindowMs=5000", "--timeout", "3s", "--json");
        output.WriteLine(run.Output + run.Error);

        Assert.Equal(1, run.ExitCode);
        var devices = run.Json().GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("result").GetString());
        Assert.Equal("applied", devices["vt-001"]);
        Assert.Equal("timeout", devices["vt-002"]);
        Assert.Contains("vt-002 no report of v", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("vt-001", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_terminal_with_another_key_refuses_and_the_refusal_shows_in_push_and_device_show()
    {
        var secrets = await CreateAsync("vt-001");
        File.WriteAllText(secrets, string.Join('\n', File.ReadAllLines(secrets).Select(l => l.StartsWith("configKey=", StringComparison.Ordinal) ? "configKey=" + new string('7', 64) : l)));
        await _system.StartTerminalAsync("vt-001", secrets);

        var run = await _system.CliAsync("config", "push", "--device", "vt-001", "--set", "resultTimeoutMs=2000");
        output.WriteLine(run.Output + run.Error);
        var show = await _system.CliAsync("device", "show", "vt-001");
        output.WriteLine(show.Output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("vt-001 refused v1: signature", run.Error, StringComparison.Ordinal);
        Assert.Contains("refused v1: signature", show.Output, StringComparison.Ordinal);
        var list = await _system.CliAsync("device", "list");
        Assert.Contains("refused v1: signature", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unset_takes_a_setting_out_of_the_layer_and_no_wait_returns_after_publishing()
    {
        await CreateAsync("vt-001");
        await _system.CliAsync("config", "push", "--device", "vt-001", "--set", "resultShownMs=5000", "--set", "language=fr", "--no-wait");

        var run = await _system.CliAsync("config", "push", "--device", "vt-001", "--unset", "language", "--no-wait", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("published", run.Json().GetProperty("devices").EnumerateArray().Single().GetProperty("result").GetString());
        var layer = await _system.CliAsync("config", "show", "device", "vt-001");
        Assert.Contains("resultShownMs", layer.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("language", layer.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_to_an_unknown_device_fails_with_the_agents_reason()
    {
        var run = await _system.CliAsync("config", "push", "--device", "vt-404", "--set", "language=nl");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("vt-404", run.Error, StringComparison.Ordinal);
    }

    private async Task<string> CreateAsync(string id)
    {
        var secrets = _system.PathOf(id + ".secret");
        Assert.Equal(0, (await _system.CliAsync("device", "create", id, "--kiosk-token", _system.KioskToken, "--out", secrets)).ExitCode);
        return secrets;
    }

    private async Task RunningTerminalAsync(string id) => await _system.StartTerminalAsync(id, await CreateAsync(id));
}
