using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;
using static Uitpas.Edge.Core.Tests.SnapshotMaker;

namespace Uitpas.Edge.Core.Tests;

public sealed class SnapshotOfflineRulesTests
{
    // 2025-11-24 10:30 and 2025-11-25 00:30 in Brussels (UTC+1).
    private static readonly long Monday = new DateTimeOffset(2025, 11, 24, 9, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long TuesdayEarly = new DateTimeOffset(2025, 11, 24, 23, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private readonly SnapshotFlash _flash = new();
    private readonly AgentDouble _agent = new();
    private readonly LogDouble _log = new();
    private readonly SnapshotDriver _drive;

    public SnapshotOfflineRulesTests()
    {
        _drive = new SnapshotDriver(_agent, _log);
    }

    private SnapshotUpdater Boot() => new(SnapshotUpdaterTests.Settings(), _flash, _flash, _agent, HmacNet.Instance, _log, null);

    private void OfferEvents(uint version, byte[] file)
    {
        string name = SnapshotFileNames.Events(Device, version);
        _agent.Files[name] = file;
        _agent.Announce(SnapshotUpdaterTests.EventsTopic, Manifest(SnapshotKind.Events, version, name, file));
    }

    private void OfferAllowlist(uint version, byte[] file)
    {
        string name = SnapshotFileNames.Allowlist(CardSystem, version);
        _agent.Files[name] = file;
        _agent.Announce(SnapshotUpdaterTests.AllowlistTopic, Manifest(SnapshotKind.Allowlist, version, name, file));
    }

    private SnapshotUpdater Installed(int limit)
    {
        var updater = Boot();
        OfferAllowlist(1, Full(1, SnapshotUpdaterTests.BlockedV1, SnapshotUpdaterTests.SocialV1));
        OfferEvents(1, Events(1, [Event("evt-1", limit, LimitPeriod.Day)]));
        _drive.Run(updater, () => updater.AllowlistVersion == 1 && updater.EventsVersion == 1);
        return updater;
    }

    [Fact]
    public void Rules_flag_blocked_and_social_tariff_cards_and_give_the_days_limit()
    {
        var rules = Installed(limit: 2).Rules;

        Assert.Equal(CardFlags.Blocked, rules.FlagsOf(Uid(2)));
        Assert.Equal(CardFlags.SocialTariff, rules.FlagsOf(SnapshotUpdaterTests.SocialV1[^1]));
        Assert.Equal(CardFlags.None, rules.FlagsOf(Uid(99_999)));
        Assert.Equal(CardFlags.None, rules.FlagsOf([1, 2, 3]));

        string? monday = rules.CheckinPeriod(Monday, out int limit);
        Assert.Equal(2, limit);
        Assert.StartsWith("evt-1/d", monday);
        Assert.Equal(monday, rules.CheckinPeriod(Monday + 3_600_000, out _));
        Assert.NotEqual(monday, rules.CheckinPeriod(TuesdayEarly, out _));
        Assert.Equal("evt-1", rules.EventAt(Monday)!.EventId);
    }

    [Fact]
    public void Events_are_replaced_by_a_newer_version_and_another_terminals_are_refused()
    {
        var updater = Installed(limit: 1);

        OfferEvents(2, Events(2, [Event("evt-2", 3, LimitPeriod.Week)], device: "vt-008"));
        _drive.Run(updater, () => _agent.Reports.Any(r => r.IsRefused));
        Assert.Contains("wrong device", updater.LastRefusal);
        Assert.Equal("evt-1", updater.Rules.EventAt(Monday)!.EventId);

        OfferEvents(3, Events(3, [Event("evt-3", 3, LimitPeriod.Week)]));
        _drive.Run(updater, () => updater.EventsVersion == 3);
        Assert.StartsWith("evt-3/w", updater.Rules.CheckinPeriod(Monday, out int limit));
        Assert.Equal(3, limit);
    }

    [Fact]
    public void Offline_terminal_decides_from_the_installed_snapshots()
    {
        var updater = Installed(limit: 1);
        _agent.Disconnect();
        var field = new FieldDouble();
        var ui = new UiDouble();
        var flow = TerminalBoot.Start(new TerminalSettings(Device), field, ui, _agent, new MemoryAppendStore(), new MemoryBlobStore(),
            new WallClockDouble { UnixMs = Monday }, updater.Rules, 0);
        flow.Snapshots = updater;
        long now = 0;
        Screen Tap(byte[] card)
        {
            field.Card = card;
            for (int i = 0; i < 6; i++) flow.Step(now += 10);
            field.Card = null;
            for (int i = 0; i < 500; i++) flow.Step(now += 10);
            return ui.Screens.Last(s => s.Signal is not (Signal.None or Signal.Busy));
        }

        Assert.Equal(("Kaart geblokkeerd", Signal.Refusal), (Tap(Uid(1)).Title, Tap(Uid(1)).Signal));
        Screen social = Tap(SnapshotUpdaterTests.SocialV1[5]);
        Assert.Equal(("Offline geregistreerd", true), (social.Title, social.StaffCue));
        Assert.DoesNotContain("kansentarief", social.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Al geregistreerd", Tap(SnapshotUpdaterTests.SocialV1[5]).Title);
        Screen unknown = Tap(Uid(99_999));
        Assert.Equal(("Offline geregistreerd", false), (unknown.Title, unknown.StaffCue));
    }

    [Fact]
    public void Tap_flow_routes_snapshot_messages_to_the_updater()
    {
        var updater = Boot();
        var flow = TerminalBoot.Start(new TerminalSettings(Device), new FieldDouble(), new UiDouble(), _agent, new MemoryAppendStore(),
            new MemoryBlobStore(), new WallClockDouble(), updater.Rules, 0);
        flow.Snapshots = updater;
        OfferAllowlist(1, Full(1, SnapshotUpdaterTests.BlockedV1, SnapshotUpdaterTests.SocialV1));

        long now = 0;
        for (int i = 0; i < 5_000 && updater.AllowlistVersion != 1; i++)
        {
            flow.Step(now += 10);
        }

        Assert.Equal(1u, updater.AllowlistVersion);
        Assert.Equal(CardFlags.Blocked, updater.Rules.FlagsOf(Uid(1)));
        Assert.Equal(0, flow.MalformedMessages);
    }
}
