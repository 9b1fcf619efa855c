using System.Net;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Presence;
using Uitpas.Edge.Protocol.Presence;
using Uitpas.Edge.VirtualTerminal;
using Uitpas.Edge.VirtualTerminal.Adapters;
using Terminal = Uitpas.Edge.VirtualTerminal.VirtualTerminal;
using TerminalOptions = Uitpas.Edge.VirtualTerminal.VirtualTerminalOptions;
using Uitpas.Edge.Tests.Shared;

namespace Uitpas.Edge.EndToEnd.Tests;

/// <summary>
/// Presence with the firmware core's PresenceReporter in a virtual terminal and the agent's
/// tracker: birth with the terminal's versions, a status after a tap, the will the transport
/// gave the broker when its connection is cut, and offline-clean at a planned stop.
/// </summary>
public sealed class PresenceEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private TapSystem _system = null!;

    public async Task InitializeAsync() => _system = await TapSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private PresenceTracker Tracker => _system.Agent.Services.GetRequiredService<PresenceTracker>();

    private TerminalOptions Options(string deviceId, int port) => new()
    {
        DeviceId = deviceId,
        Broker = new BrokerEndpoint("127.0.0.1", port),
        DataDirectory = Path.Combine(_system.DataDirectory, deviceId),
        RetapWindowMs = 0,
        ConfigVersion = 3,
        StatusRoutineIntervalMs = 1000,
    };

    /// <summary>Waits until the tracker's entry for the device matches (checked at once, then at every change).</summary>
    private async Task<TerminalPresence> WaitForAsync(string deviceId, Func<TerminalPresence, bool> match, string what)
    {
        var done = new TaskCompletionSource<TerminalPresence>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(TerminalPresence p)
        {
            if (p.DeviceId == deviceId && match(p))
            {
                done.TrySetResult(p);
            }
        }
        Tracker.Changed += OnChanged;
        try
        {
            if (Tracker.TryGet(deviceId, out var now) && match(now))
            {
                return now;
            }
            return await done.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            Tracker.TryGet(deviceId, out var last);
            throw new TimeoutException($"no {what} for {deviceId} within {Timeout}; last: {last}");
        }
        finally
        {
            Tracker.Changed -= OnChanged;
        }
    }

    [Fact]
    public async Task Terminal_birth_carries_its_versions_and_a_tap_updates_its_status()
    {
        var terminal = await _system.StartTerminalAsync(Options("e2e-01", _system.BrokerPort));

        var born = await WaitForAsync("e2e-01", p => p.Online, "birth");
        string expected = typeof(TerminalOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(TerminalStatus.CleanFirmware(expected), born.Firmware);
        Assert.Equal(3u, born.ConfigVersion);
        Assert.Equal(terminal.Flow!.BootEpoch, born.BootEpoch);
        Assert.Equal(0u, born.TapsSinceBoot);

        await terminal.TapAsync(_system.Central.Seed.GoodCards[0].ChipNumber, Timeout);

        var after = await WaitForAsync("e2e-01", p => p.TapsSinceBoot == 1 && p.JournalDepth == 0, "status after the tap");
        Assert.True(after.Online);
        Assert.NotNull(after.LastTap);
        Assert.Equal(born.OnlineSince, after.OnlineSince);
    }

    [Fact]
    public async Task Cut_connection_brings_the_terminals_own_will_and_a_planned_stop_says_offline_clean()
    {
        await using var relay = CuttableTcpRelay.Start(new IPEndPoint(IPAddress.Loopback, _system.BrokerPort));
        var cut = await _system.StartTerminalAsync(Options("e2e-01", relay.EndPoint.Port));
        var clean = await _system.StartTerminalAsync(Options("e2e-02", _system.BrokerPort));
        var born = await WaitForAsync("e2e-01", p => p.Online, "birth");
        await WaitForAsync("e2e-02", p => p.Online, "birth");

        relay.Cut();

        var will = await WaitForAsync("e2e-01", p => p.State == TerminalStatus.OfflineWill, "last will");
        Assert.Equal(born.BootEpoch, will.BootEpoch);
        Assert.Equal(born.Firmware, will.Firmware);

        await clean.DisposeAsync();

        var goodbye = await WaitForAsync("e2e-02", p => p.State == TerminalStatus.OfflineClean, "goodbye");
        Assert.False(goodbye.Online);
        Assert.Equal(0, Tracker.OnlineCount);
        Assert.False(cut.IsConnected);
    }
}
