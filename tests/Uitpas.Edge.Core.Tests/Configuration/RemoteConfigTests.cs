using System.Text;
using Uitpas.Edge.Core.Configuration;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Presence;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Config;
using static Uitpas.Edge.Core.Tests.Configuration.ConfigDocs;

namespace Uitpas.Edge.Core.Tests.Configuration;

public sealed class RemoteConfigTests
{
    private const string Device = "vt-001";
    private static readonly string ReportTopic = Topics.ConfigState(Device);

    private readonly ConfigTransport _mqtt = new();
    private readonly FlakyBlobStore _flash = new();
    private readonly WallClockDouble _wall = new();
    private readonly ConfigLogDouble _log = new();
    private TerminalSettings _terminal = new(Device);
    private PresenceSettings _presence = new("1.0.0", 0);

    /// <summary>A boot: fresh provisioned settings, a new applier over the same flash.</summary>
    private RemoteConfig Boot(byte[]? key = null, bool noKey = false)
    {
        _terminal = new TerminalSettings(Device);
        _presence = new PresenceSettings("1.0.0", 0);
        return new RemoteConfig(_terminal, _presence, noKey ? null : key ?? Key, HmacNet.Instance, _flash, _mqtt, _wall, _log);
    }

    private (string, int, int, int, int, int) Running() =>
        (_terminal.Language, _terminal.ResultTimeoutMs, _terminal.ResultShownMs, _terminal.RetapWindowMs, _terminal.ReplayIntervalMs, _presence.RoutineIntervalMs);

    private ConfigReport LastReport() => _mqtt.Reports(ReportTopic)[^1];

    [Fact]
    public void Signed_config_is_applied_persisted_and_reported()
    {
        RemoteConfig config = Boot();
        byte[] doc = Signed(Device, 5, (ConfigSettings.Language, "fr"), (ConfigSettings.ResultTimeoutMs, "5000"),
            (ConfigSettings.ResultShownMs, "2500"), (ConfigSettings.RetapWindowMs, "0"), (ConfigSettings.ReplayIntervalMs, "60000"),
            (ConfigSettings.StatusIntervalMs, "120000"));

        bool changed = config.Handle(doc, 0);

        Assert.True(changed);
        Assert.Equal(("fr", 5000, 2500, 0, 60000, 120000), Running());
        Assert.Equal(5u, _presence.ConfigVersion);
        Assert.Equal(5u, config.AppliedVersion);
        Assert.Equal(doc, _flash.Read(RemoteConfig.BlobName));
        ConfigReport report = LastReport();
        Assert.False(report.IsRefused);
        Assert.Equal((5u, 5u, _wall.UnixMs), (report.Version, report.Applied, report.AtUnixMs));
        Assert.Single(_log.Reports);
    }

    [Fact]
    public void A_setting_left_out_returns_to_the_provisioned_value()
    {
        RemoteConfig config = Boot();
        config.Handle(Signed(Device, 1, (ConfigSettings.Language, "en"), (ConfigSettings.ResultShownMs, "9000")), 0);
        Assert.Equal("en", _terminal.Language);

        Assert.True(config.Handle(Signed(Device, 2, (ConfigSettings.ResultShownMs, "9000")), 0));

        Assert.Equal("nl", _terminal.Language);
        Assert.Equal(9000, _terminal.ResultShownMs);
        Assert.Equal(2u, _presence.ConfigVersion);
    }

    public static TheoryData<string, string> BadDocuments()
    {
        byte[] good = Signed(Device, 8, (ConfigSettings.Language, "en"));
        byte[] tampered = (byte[])good.Clone();
        tampered[Encoding.UTF8.GetString(good).IndexOf("language=en", StringComparison.Ordinal) + 9] = (byte)'n'; // en → nn
        string unsigned = "v=1\ndevice=vt-001\nversion=8\nissuedAt=1\nlanguage=en\n";
        return new TheoryData<string, string>
        {
            { Convert.ToBase64String(tampered), ConfigRefusal.Signature },
            { Convert.ToBase64String(SignedWith(OtherKey, Device, 8, (ConfigSettings.Language, "en"))), ConfigRefusal.Signature },
            { Convert.ToBase64String(Encoding.UTF8.GetBytes(unsigned)), ConfigRefusal.Unsigned },
            { Convert.ToBase64String(Signed("vt-002", 8, (ConfigSettings.Language, "en"))), ConfigRefusal.Device },
            { Convert.ToBase64String(Signed(Device, 3, (ConfigSettings.Language, "en"))), ConfigRefusal.Stale },
            { Convert.ToBase64String(Signed(Device, 5, (ConfigSettings.Language, "en"))), ConfigRefusal.Replay },
            { Convert.ToBase64String(SignedRaw("v=1\ndevice=vt-001\nversion=8\nissuedAt=1\nvolume=11\n")), ConfigRefusal.Invalid },
            { Convert.ToBase64String(SignedRaw("v=1\ndevice=vt-001\nversion=8\nissuedAt=1\nresultTimeoutMs=60001\n")), ConfigRefusal.Invalid },
            { Convert.ToBase64String(SignedRaw("v=1\ndevice=vt-001\nversion=8\nissuedAt=1\nlanguage=de\n")), ConfigRefusal.Invalid },
            { Convert.ToBase64String(SignedRaw("v=1\ndevice=vt-001\nversion=8\nissuedAt=1\nlanguage=en\n" + string.Concat(Enumerable.Repeat("x=" + new string('y', 60) + "\n", 17)))), ConfigRefusal.Format },
            { Convert.ToBase64String([0xC3, 0x28, 0x00, 0xFF, 0x0A, 0x3D]), ConfigRefusal.Format },
        };
    }

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void Bad_document_is_refused_with_its_reason_and_changes_nothing(string payloadBase64, string reason)
    {
        RemoteConfig config = Boot();
        byte[] applied = Signed(Device, 5, (ConfigSettings.ResultTimeoutMs, "4000"), (ConfigSettings.StatusIntervalMs, "45000"));
        Assert.True(config.Handle(applied, 0));
        var running = Running();
        int writes = _flash.Writes;

        bool changed = config.Handle(Convert.FromBase64String(payloadBase64), 10);

        Assert.False(changed);
        ConfigReport report = LastReport();
        Assert.True(report.IsRefused);
        Assert.Equal(reason, report.Reason);
        Assert.Equal(5u, report.Applied);
        Assert.False(string.IsNullOrWhiteSpace(report.Detail));
        Assert.Equal(running, Running());
        Assert.Equal(5u, _presence.ConfigVersion);
        Assert.Equal(writes, _flash.Writes);
        Assert.Equal(applied, _flash.Read(RemoteConfig.BlobName));
    }

    [Fact]
    public void Stale_and_replay_refusals_name_the_version_in_use()
    {
        RemoteConfig config = Boot();
        config.Handle(Signed(Device, 7), 0);

        config.Handle(Signed(Device, 6), 0);
        Assert.Equal((6u, 7u, "stale", "older than 7"), (LastReport().Version, LastReport().Applied, LastReport().Reason, LastReport().Detail));

        config.Handle(Signed(Device, 7, (ConfigSettings.Language, "fr")), 0);
        Assert.Equal((7u, 7u, "replay"), (LastReport().Version, LastReport().Applied, LastReport().Reason));
        Assert.Equal("nl", _terminal.Language);
    }

    [Fact]
    public void Unreadable_document_is_reported_about_version_zero()
    {
        RemoteConfig config = Boot();
        config.Handle("not a config"u8.ToArray(), 0);
        Assert.Equal((0u, 0u, ConfigRefusal.Format), (LastReport().Version, LastReport().Applied, LastReport().Reason));
    }

    [Fact]
    public void The_identical_retained_document_again_is_reported_applied_not_refused()
    {
        RemoteConfig config = Boot();
        byte[] doc = Signed(Device, 4, (ConfigSettings.RetapWindowMs, "1500"));
        config.Handle(doc, 0);
        int writes = _flash.Writes;

        bool changed = config.Handle((byte[])doc.Clone(), 100); // the broker delivers it again at a reconnect

        Assert.False(changed);
        Assert.Equal(writes, _flash.Writes);
        List<ConfigReport> reports = _mqtt.Reports(ReportTopic);
        Assert.Equal(2, reports.Count);
        Assert.All(reports, r => Assert.False(r.IsRefused));
        Assert.Equal((4u, 4u), (reports[1].Version, reports[1].Applied));
    }

    [Fact]
    public void After_a_reboot_the_stored_config_is_applied_and_an_older_one_is_still_refused()
    {
        RemoteConfig before = Boot();
        before.Handle(Signed(Device, 9, (ConfigSettings.Language, "fr"), (ConfigSettings.StatusIntervalMs, "60000")), 0);

        RemoteConfig after = Boot();

        Assert.Equal(9u, after.AppliedVersion);
        Assert.Equal(9u, _presence.ConfigVersion);
        Assert.Equal(("fr", 60000), (_terminal.Language, _presence.RoutineIntervalMs));
        after.Handle(Signed(Device, 8, (ConfigSettings.Language, "en")), 0);
        Assert.Equal((ConfigRefusal.Stale, 9u), (LastReport().Reason, LastReport().Applied));
        Assert.Equal("fr", _terminal.Language);
    }

    [Fact]
    public void A_corrupt_stored_document_leaves_the_provisioned_values_and_reports_storage_once_connected()
    {
        RemoteConfig first = Boot();
        first.Handle(Signed(Device, 3, (ConfigSettings.Language, "en")), 0);
        byte[] stored = _flash.Read(RemoteConfig.BlobName)!;
        stored[20] ^= 0x04; // a bit flipped on flash
        _flash.Write(RemoteConfig.BlobName, stored);
        _mqtt.IsConnected = false;
        _mqtt.Published.Clear();

        RemoteConfig config = Boot();

        Assert.Equal(0u, config.AppliedVersion);
        Assert.Equal(("nl", 3000, 4000, 3000, 30000, 30000), Running());
        Assert.Equal(0u, _presence.ConfigVersion);
        Assert.True(config.ReportPending);
        Assert.Empty(_mqtt.Published);
        _mqtt.IsConnected = true;
        config.Step(10);
        ConfigReport report = Assert.Single(_mqtt.Reports(ReportTopic));
        Assert.Equal((ConfigRefusal.Storage, 0u), (report.Reason, report.Applied));
        Assert.Contains("running as provisioned", report.Detail);
        Assert.False(config.ReportPending);

        // The agent's retained document, delivered at the connect, repairs it.
        Assert.True(config.Handle(Signed(Device, 3, (ConfigSettings.Language, "en")), 20));
        Assert.Equal("en", _terminal.Language);
    }

    [Fact]
    public void Without_a_config_key_every_document_is_refused_as_nokey()
    {
        RemoteConfig config = Boot(noKey: true);

        Assert.False(config.Handle(Signed(Device, 1, (ConfigSettings.Language, "fr")), 0));

        Assert.Equal((ConfigRefusal.NoKey, 1u, 0u), (LastReport().Reason, LastReport().Version, LastReport().Applied));
        Assert.Equal("nl", _terminal.Language);
        Assert.Null(_flash.Read(RemoteConfig.BlobName));
    }

    [Fact]
    public void A_flash_write_failure_is_refused_as_storage_and_the_running_settings_stay()
    {
        RemoteConfig config = Boot();
        config.Handle(Signed(Device, 1, (ConfigSettings.Language, "fr")), 0);
        _flash.Fail = true;

        Assert.False(config.Handle(Signed(Device, 2, (ConfigSettings.Language, "en")), 0));

        Assert.Equal((ConfigRefusal.Storage, 2u, 1u), (LastReport().Reason, LastReport().Version, LastReport().Applied));
        Assert.Contains("flash write failed", LastReport().Detail);
        Assert.Equal("fr", _terminal.Language);
        Assert.Equal(1u, _presence.ConfigVersion);
        _flash.Fail = false;
        Assert.Equal(1u, Boot().AppliedVersion);
    }

    [Fact]
    public void An_empty_retained_payload_is_ignored()
    {
        RemoteConfig config = Boot();
        Assert.False(config.Handle([], 0));
        Assert.Empty(_mqtt.Published);
        Assert.Empty(_log.Reports);
    }

    [Fact]
    public void A_report_made_offline_waits_and_only_the_latest_is_sent()
    {
        RemoteConfig config = Boot();
        _mqtt.IsConnected = false;
        config.Handle(Signed(Device, 1), 0);
        config.Handle(Signed(Device, 2), 0);
        config.Step(10);
        Assert.Empty(_mqtt.Published);

        _mqtt.IsConnected = true;
        config.Step(20);
        config.Step(30);

        ConfigReport report = Assert.Single(_mqtt.Reports(ReportTopic));
        Assert.Equal((2u, 2u), (report.Version, report.Applied));
    }
}
