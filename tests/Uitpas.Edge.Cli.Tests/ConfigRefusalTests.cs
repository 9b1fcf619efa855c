using System.Collections;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Broker;
using Uitpas.Edge.Cli.Tests.Infrastructure;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Config;
using Uitpas.Edge.VirtualTerminal.Snapshots;
using Terminal = Uitpas.Edge.VirtualTerminal.VirtualTerminal;

namespace Uitpas.Edge.Cli.Tests;

/// <summary>
/// Configs that did not come from the agent as they are — tampered, unsigned, an older version,
/// the applied version with other bytes — published on a real terminal's config topic: the
/// virtual terminal refuses each with its reason and keeps its last good settings, and the refusal
/// shows in <c>device show</c>.
/// </summary>
public sealed class ConfigRefusalTests : IAsyncLifetime
{
    private const string Device = "vt-refuse";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private CliSystem _system = null!;

    public async Task InitializeAsync() => _system = await CliSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Tampered_unsigned_older_and_replayed_configs_are_refused_and_shown_in_device_show()
    {
        var secrets = _system.PathOf(Device + ".secret");
        Ok(await _system.CliAsync("device", "create", Device, "--kiosk-token", _system.KioskToken, "--out", secrets));
        var key = Convert.FromHexString(File.ReadAllLines(secrets).Single(l => l.StartsWith("configKey=", StringComparison.Ordinal))["configKey=".Length..]);
        await using var terminal = await _system.StartTerminalAsync(Device, secrets);
        Ok(await _system.CliAsync("config", "push", "--device", Device, "--set", "language=fr"));
        Ok(await _system.CliAsync("config", "push", "--device", Device, "--set", "language=fr", "--set", "resultShownMs=2500"));
        Assert.Equal(2u, terminal.Configuration!.AppliedVersion);

        // Signed with the right key, then one byte of a setting changed.
        var tampered = Sign(key, 3, "language", "en");
        tampered[Encoding.ASCII.GetString(tampered).IndexOf("language=en", StringComparison.Ordinal) + 9] ^= 0x01;
        await RefusedAsync(terminal, tampered, ConfigRefusal.Signature);

        // No signature line at all.
        var signed = Encoding.ASCII.GetString(Sign(key, 3, "language", "en"));
        await RefusedAsync(terminal, Encoding.ASCII.GetBytes(signed[..signed.IndexOf("sig=", StringComparison.Ordinal)]), ConfigRefusal.Unsigned);

        // A correctly signed but older document (what an eavesdropper could have kept).
        await RefusedAsync(terminal, Sign(key, 1, "language", "en"), ConfigRefusal.Stale);

        // The applied version again with other bytes. The agent answers a replay with a newer version of its own.
        var selfHealed = Until(terminal, r => !r.IsRefused && r.Applied == 3);
        await RefusedAsync(terminal, Sign(key, 2, "language", "en"), ConfigRefusal.Replay, waitForShow: false);
        await selfHealed;
        Assert.Equal(("fr", 2500), (terminal.Settings!.Language, terminal.Settings.ResultShownMs));
        await ShownAsync(d => d.GetProperty("config").GetString() == "applied" && d.GetProperty("desiredConfigVersion").GetInt32() == 3, "applied v3");
    }

    /// <summary>Waits until <c>device show --json</c> satisfies <paramref name="condition"/> (the agent stores reports as they come).</summary>
    private async Task ShownAsync(Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var show = await _system.CliAsync("device", "show", Device, "--json");
            Ok(show);
            if (condition(show.Json()))
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"device show never showed {what}: {show.Output}");
            await Task.Delay(50);
        }
    }

    private async Task RefusedAsync(Terminal terminal, byte[] document, string reason, bool waitForShow = true)
    {
        var refused = Until(terminal, r => r.IsRefused && r.Reason == reason);
        Assert.True(await _system.Tap.Agent.Services.GetRequiredService<EmbeddedBroker>().PublishAsync(Topics.Config(Device), document, retain: true, CancellationToken.None));
        var report = await refused;
        Assert.Equal(2u, report.Applied);
        Assert.Equal(("fr", 2500), (terminal.Settings!.Language, terminal.Settings.ResultShownMs));
        if (!waitForShow)
        {
            return;
        }
        await ShownAsync(d => d.GetProperty("configRefusal") is { ValueKind: JsonValueKind.Object } refusal && refusal.GetProperty("reason").GetString() == reason,
            $"the {reason} refusal");
        var text = await _system.CliAsync("device", "show", Device);
        Assert.Contains(reason, text.Output, StringComparison.Ordinal);
    }

    private static byte[] Sign(byte[] key, uint version, string setting, string value) =>
        new ConfigDocument(Device, version, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), new Hashtable { [setting] = value }).Sign(NetHmacSha256.Instance, key);

    private static Task<ConfigReport> Until(Terminal terminal, Func<ConfigReport, bool> match)
    {
        var done = new TaskCompletionSource<ConfigReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        terminal.ConfigReported += report =>
        {
            if (match(report))
            {
                done.TrySetResult(report);
            }
        };
        return done.Task.WaitAsync(Timeout);
    }

    private static void Ok(CliRun run) => Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}{run.Output}");
}
