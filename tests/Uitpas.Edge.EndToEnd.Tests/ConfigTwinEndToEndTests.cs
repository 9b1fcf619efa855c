using System.Collections;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Broker;
using Uitpas.Edge.Agent.Presence;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Config;
using Uitpas.Edge.VirtualTerminal.Adapters;
using Uitpas.Edge.VirtualTerminal.Snapshots;
using Terminal = Uitpas.Edge.VirtualTerminal.VirtualTerminal;
using TerminalOptions = Uitpas.Edge.VirtualTerminal.VirtualTerminalOptions;

namespace Uitpas.Edge.EndToEnd.Tests;

/// <summary>
/// The configuration twin's terminal side over the agent's embedded broker: a signed document
/// retained on the config topic is applied by a virtual terminal (screen language, status's
/// config version at the agent), survives a restart, comes again as the same retained message
/// (re-reported applied), and a tampered one is refused with the running settings kept.
/// </summary>
public sealed class ConfigTwinEndToEndTests : IAsyncLifetime
{
    private const string Device = "e2e-01";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private TapSystem _system = null!;

    public async Task InitializeAsync() => _system = await TapSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private TerminalOptions Options() => new()
    {
        DeviceId = Device,
        Broker = new BrokerEndpoint("127.0.0.1", _system.BrokerPort),
        DataDirectory = Path.Combine(_system.DataDirectory, Device),
        ConfigKey = _key,
        StatusRoutineIntervalMs = 1000,
    };

    private byte[] Document(uint version, params (string Key, string Value)[] settings)
    {
        var table = new Hashtable();
        foreach (var (k, v) in settings)
        {
            table[k] = v;
        }
        return new ConfigDocument(Device, version, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), table).Sign(NetHmacSha256.Instance, _key);
    }

    private Task<bool> PushAsync(byte[] document) =>
        _system.Agent.Services.GetRequiredService<EmbeddedBroker>().PublishAsync(Topics.Config(Device), document, retain: true, CancellationToken.None);

    /// <summary>The next report of <paramref name="terminal"/> that matches; listen before causing it.</summary>
    private static Task<ConfigReport> NextReport(Terminal terminal, Func<ConfigReport, bool> match)
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

    private async Task<TerminalPresence> StatusWithConfig(uint version)
    {
        var tracker = _system.Agent.Services.GetRequiredService<PresenceTracker>();
        var done = new TaskCompletionSource<TerminalPresence>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(TerminalPresence p)
        {
            if (p.DeviceId == Device && p.Online && p.ConfigVersion == version)
            {
                done.TrySetResult(p);
            }
        }
        tracker.Changed += OnChanged;
        try
        {
            if (tracker.TryGet(Device, out var now) && now.Online && now.ConfigVersion == version)
            {
                return now;
            }
            return await done.Task.WaitAsync(Timeout);
        }
        finally
        {
            tracker.Changed -= OnChanged;
        }
    }

    [Fact]
    public async Task Pushed_config_is_applied_live_kept_across_a_restart_and_a_tampered_one_is_refused()
    {
        await using (var terminal = new Terminal(Options()))
        {
            var applied = NextReport(terminal, r => !r.IsRefused && r.Applied == 1);
            terminal.Start();
            await terminal.WaitConnectedAsync(Timeout);
            Assert.Equal("Tik je UiTPAS", terminal.CurrentScreen?.Title);
            await StatusWithConfig(0); // birth: the session is up

            Assert.True(await PushAsync(Document(1, (ConfigSettings.Language, "fr"), (ConfigSettings.ResultShownMs, "2000"))));

            ConfigReport report = await applied;
            Assert.Equal(1u, report.Version);
            await StatusWithConfig(1);
            Assert.Equal("fr", terminal.Settings!.Language);
            Assert.Equal(2000, terminal.Settings.ResultShownMs);
        }

        await using (var restarted = new Terminal(Options()))
        {
            // The retained document arrives again at the connect: the same bytes, so applied again, not a refusal.
            var again = NextReport(restarted, _ => true);
            restarted.Start();
            Assert.Equal("fr", restarted.Settings!.Language); // from flash, before any message
            Assert.Equal("Présentez votre UiTPAS", restarted.CurrentScreen?.Title);
            ConfigReport reported = await again;
            Assert.False(reported.IsRefused);
            Assert.Equal((1u, 1u), (reported.Version, reported.Applied));
            await StatusWithConfig(1);

            byte[] tampered = Document(2, (ConfigSettings.Language, "en"));
            tampered[Array.IndexOf(tampered, (byte)'e', tampered.Length - 80)] ^= 0x01; // inside "language=en"
            var refused = NextReport(restarted, r => r.IsRefused);

            Assert.True(await PushAsync(tampered));

            ConfigReport refusal = await refused;
            Assert.Equal((ConfigRefusal.Signature, 2u, 1u), (refusal.Reason, refusal.Version, refusal.Applied));
            Assert.Equal("fr", restarted.Settings.Language);
            Assert.Equal(1u, restarted.Configuration!.AppliedVersion);
        }
    }
}
