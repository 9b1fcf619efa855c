using System.Text;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Presence;
using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Presence;

namespace Uitpas.Edge.Core.Tests;

public sealed class PresenceTests
{
    private const string Device = "vt-017";
    private static readonly byte[] Card = [0x04, 0x4D, 0x71, 0xDA, 0x86, 0x26, 0x80];

    private readonly FieldDouble _field = new();
    private readonly PresenceTransport _mqtt = new();
    private readonly WallClockDouble _wall = new();
    private readonly ReaderHealth _reader = new() { State = ReaderState.Ok };
    private long _now = 1_000;

    private (TapFlow Flow, PresenceReporter Presence) Boot(Action<PresenceSettings>? configure = null)
    {
        var flow = TerminalBoot.Start(new TerminalSettings(Device), _field, new UiDouble(), _mqtt, new MemoryAppendStore(), new MemoryBlobStore(),
            _wall, new RulesDouble(), _now);
        var settings = new PresenceSettings("1.4.2+abc123", 7);
        configure?.Invoke(settings);
        var presence = new PresenceReporter(settings, _mqtt, flow, _reader, _wall, Device, _now);
        flow.Presence = presence;
        return (flow, presence);
    }

    private void Run(TapFlow flow, long forMs)
    {
        long until = _now + forMs;
        while (_now < until)
        {
            _now += 10;
            flow.Step(_now);
        }
    }

    private void Tap(TapFlow flow)
    {
        _field.Card = Card;
        Run(flow, 50);
        _field.Card = null;
        Run(flow, 50);
    }

    private static TerminalStatus Decode(byte[] payload)
    {
        Assert.True(TerminalStatus.TryParse(payload, out var status, out var error), error);
        return status;
    }

    private List<TerminalStatus> Statuses() =>
        _mqtt.Published.Where(p => p.Topic == Topics.Status(Device)).Select(p => { Assert.True(p.Retained); return Decode(p.Payload); }).ToList();

    private static TerminalStatus Full() => new()
    {
        State = TerminalStatus.Online,
        BootEpoch = 4_000_000_000,
        UptimeMs = 123_456_789_012,
        SentAtUnixMs = 1_790_000_123_456,
        LastTapUnixMs = 1_790_000_000_001,
        TapsSinceBoot = 812,
        Reader = TerminalStatus.ReaderDegraded,
        ReaderFaults = 3,
        ReaderResets = 2,
        JournalDepth = 41,
        AllowlistVersion = 12,
        EventsVersion = 5,
        Firmware = "2.0.1+5f0c9a1d2e3b4c5d6e7f8091a2b3c4d5e6f70812",
        ConfigVersion = 9,
    };

    [Fact]
    public void Status_round_trips_every_field()
    {
        var original = Full();

        var decoded = Decode(original.Encode());

        Assert.Equivalent(original, decoded, strict: true);
        Assert.Equal(TerminalStatus.OfflineWill, Decode(original.WithState(TerminalStatus.OfflineWill).Encode()).State);
    }

    [Fact]
    public void Largest_status_fits_the_bound()
    {
        var largest = Full();
        largest.State = TerminalStatus.OfflineClean;
        largest.BootEpoch = uint.MaxValue;
        largest.UptimeMs = 999_999_999_999_999;
        largest.SentAtUnixMs = largest.LastTapUnixMs = 999_999_999_999_999;
        largest.TapsSinceBoot = largest.ReaderFaults = largest.ReaderResets = largest.JournalDepth = uint.MaxValue;
        largest.AllowlistVersion = largest.EventsVersion = largest.ConfigVersion = uint.MaxValue;
        largest.Firmware = new string('x', 200);

        var payload = largest.Encode();

        Assert.InRange(payload.Length, 1, TerminalStatus.MaxLength);
        Assert.Equal(64, Decode(payload).Firmware.Length);
    }

    [Theory]
    [InlineData("", "empty payload")]
    [InlineData("state=online\nepoch=1\nuptime=0\n", "format version missing")]
    [InlineData("v=2\nstate=online\nepoch=1\nuptime=0\n", "unknown format version 2")]
    [InlineData("v=1\nstate=sleeping\nepoch=1\nuptime=0\n", "state missing")]
    [InlineData("v=1\nstate=online\nuptime=0\n", "epoch missing")]
    [InlineData("v=1\nstate=online\nepoch=4294967296\nuptime=0\n", "epoch missing")]
    [InlineData("v=1\nstate=online\nepoch=1\n", "uptime missing")]
    [InlineData("v=1\nstate=online\nstate=offline-will\nepoch=1\nuptime=0\n", "state given twice")]
    [InlineData("v=1\nstate=online\nepoch=1\nuptime=0\njournal=-1\n", "journal is not a number")]
    [InlineData("v=1\nstate=online\nepoch=1\nuptime=0\nreader=broken\n", "reader is not")]
    [InlineData("v=1\nstate=online\nepoch=1\nuptime=0\nfirmware=a b\n", "firmware")]
    [InlineData("v=1\nstate=online\nepoch=1\nuptime=0\nnonsense\n", "not key=value")]
    public void Malformed_status_is_refused_with_a_reason(string text, string expected)
    {
        Assert.False(TerminalStatus.TryParse(Encoding.UTF8.GetBytes(text), out var status, out var error));
        Assert.Null(status);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Bad_bytes_never_throw_and_unknown_keys_are_ignored()
    {
        Assert.False(TerminalStatus.TryParse(null!, out _, out var nullError));
        Assert.NotNull(nullError);
        Assert.False(TerminalStatus.TryParse([0xC3, 0x28, 0x3D], out _, out var utf8Error));
        Assert.Contains("UTF-8", utf8Error);
        Assert.False(TerminalStatus.TryParse(new byte[TerminalStatus.MaxLength + 1], out _, out var longError));
        Assert.Contains("longer", longError);

        var extended = Encoding.UTF8.GetBytes("v=1\nstate=online\nepoch=3\nuptime=10\nbattery=87\n");
        var minimal = Decode(extended);
        Assert.Equal(3u, minimal.BootEpoch);
        Assert.Equal(TerminalStatus.ReaderUnknown, minimal.Reader);

        var random = new Random(5);
        var valid = Full().Encode();
        for (int i = 0; i < 20_000; i++)
        {
            var bytes = i % 2 == 0 ? new byte[random.Next(0, 600)] : (byte[])valid.Clone();
            if (i % 2 == 0)
            {
                random.NextBytes(bytes);
            }
            else
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            bool ok = TerminalStatus.TryParse(bytes, out var status, out var error);
            Assert.True(ok ? status is not null && error is null : status is null && error is not null);
        }
    }

    [Fact]
    public void Birth_is_published_retained_at_every_connect()
    {
        _mqtt.IsConnected = false;
        var (flow, _) = Boot();
        Tap(flow);
        Run(flow, 200);
        Assert.Empty(Statuses());

        _mqtt.IsConnected = true;
        Run(flow, 20);

        var birth = Assert.Single(Statuses());
        Assert.Equal(TerminalStatus.Online, birth.State);
        Assert.Equal(flow.BootEpoch, birth.BootEpoch);
        Assert.Equal(1u, birth.JournalDepth);
        Assert.Equal(1u, birth.TapsSinceBoot);
        Assert.Equal(_wall.UnixMs, birth.LastTapUnixMs);
        Assert.Equal("1.4.2+abc123", birth.Firmware);
        Assert.Equal(7u, birth.ConfigVersion);
        Assert.Equal(TerminalStatus.ReaderOk, birth.Reader);
        Assert.True(birth.UptimeMs >= 300);

        _mqtt.IsConnected = false;
        Run(flow, 100);
        _mqtt.IsConnected = true;
        Run(flow, 20);

        Assert.Equal(2, Statuses().Count);
    }

    [Fact]
    public void Routine_changes_wait_for_the_routine_interval()
    {
        var (flow, presence) = Boot(s => s.RoutineIntervalMs = 5_000);
        Run(flow, 20);
        Assert.Single(Statuses());

        Tap(flow);
        Run(flow, 3_000);
        Assert.Single(Statuses());

        Run(flow, 2_000);
        var statuses = Statuses();
        Assert.Equal(2, statuses.Count);
        Assert.Equal(1u, statuses[1].JournalDepth);

        Run(flow, 20_000);
        Assert.Equal(2, presence.Published);
    }

    [Fact]
    public void Reader_failure_is_reported_after_the_urgent_interval_only()
    {
        var (flow, _) = Boot(s => s.UrgentIntervalMs = 1_000);
        Run(flow, 20);

        _reader.State = ReaderState.Down;
        _reader.ChipFaults = 4;
        Run(flow, 500);
        Assert.Single(Statuses());
        Run(flow, 600);

        var statuses = Statuses();
        Assert.Equal(2, statuses.Count);
        Assert.Equal(TerminalStatus.ReaderFailed, statuses[1].Reader);
        Assert.Equal(4u, statuses[1].ReaderFaults);

        _reader.State = ReaderState.Recovering;
        Run(flow, 1_100);
        Assert.Equal(TerminalStatus.ReaderDegraded, Statuses()[^1].Reader);
    }

    [Fact]
    public void A_full_queue_is_retried_at_the_next_step()
    {
        var (flow, _) = Boot();
        _mqtt.Refuse = true;
        Run(flow, 100);
        Assert.Empty(Statuses());

        _mqtt.Refuse = false;
        Run(flow, 10);

        Assert.Single(Statuses());
    }

    [Fact]
    public void Will_is_the_status_with_state_offline_will_and_follows_each_status()
    {
        var (flow, _) = Boot(s => s.RoutineIntervalMs = 1_000);

        Assert.Equal(Topics.Status(Device), _mqtt.WillTopic);
        var will = Decode(_mqtt.Will!);
        Assert.Equal(TerminalStatus.OfflineWill, will.State);
        Assert.Equal(flow.BootEpoch, will.BootEpoch);
        Assert.Equal("1.4.2+abc123", will.Firmware);
        Assert.Equal(0u, will.JournalDepth);

        Run(flow, 20);
        Tap(flow);
        Run(flow, 1_000);

        var updated = Decode(_mqtt.Will!);
        Assert.Equal(TerminalStatus.OfflineWill, updated.State);
        Assert.Equal(1u, updated.JournalDepth);
    }

    [Fact]
    public void Planned_stop_says_offline_clean()
    {
        var (flow, presence) = Boot();
        Run(flow, 20);

        Assert.True(presence.GoOffline(_now));

        var last = Statuses()[^1];
        Assert.Equal(TerminalStatus.OfflineClean, last.State);
        Assert.Equal(flow.BootEpoch, last.BootEpoch);
    }

    [Fact]
    public void Invalid_presence_settings_are_refused()
    {
        var (flow, _) = Boot();
        Assert.Throws<ArgumentException>(() => new PresenceReporter(new PresenceSettings("", 0), _mqtt, flow, null!, _wall, Device, 0));
        Assert.Throws<ArgumentException>(() => new PresenceReporter(new PresenceSettings("1.0", 0) { RoutineIntervalMs = 10 }, _mqtt, flow, null!, _wall, Device, 0));
    }

    private sealed class PresenceTransport : IMqttTransport, IRetainedPublisher, IWillTransport
    {
        public bool IsConnected { get; set; } = true;
        public bool Refuse { get; set; }
        public List<(string Topic, byte[] Payload, bool Retained)> Published { get; } = [];
        public string? WillTopic { get; private set; }
        public byte[]? Will { get; private set; }

        public bool Publish(string topic, byte[] payload) => Add(topic, payload, false);
        public bool PublishRetained(string topic, byte[] payload) => Add(topic, payload, true);
        public InboundMessage? Receive() => null;

        public void SetWill(string topic, byte[] payload)
        {
            WillTopic = topic;
            Will = payload;
        }

        private bool Add(string topic, byte[] payload, bool retained)
        {
            if (!IsConnected || Refuse)
            {
                return false;
            }
            Published.Add((topic, payload, retained));
            return true;
        }
    }
}
