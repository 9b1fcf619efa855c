using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Tests;

/// <summary>The terminal when the agent refuses its taps (PUBACK QuotaExceeded at the agent's store cap): journal kept, replays slowed.</summary>
public sealed class TapFlowBackpressureTests
{
    private const string Device = "vt-007";
    private const int Interval = 30_000;
    private static readonly byte[] CardA = [0x04, 0x4D, 0x71, 0xDA, 0x86, 0x26, 0x80];
    private static readonly byte[] CardB = [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66];

    private readonly FieldDouble _field = new();
    private readonly UiDouble _ui = new();
    private readonly RefusingTransport _mqtt = new();
    private readonly MemoryAppendStore _flash = new();
    private readonly MemoryBlobStore _blobs = new();
    private readonly WallClockDouble _wall = new();
    private readonly RulesDouble _rules = new();
    private readonly TapFlow _flow;
    private long _now;

    public TapFlowBackpressureTests()
    {
        _flow = TerminalBoot.Start(new TerminalSettings(Device) { ReplayIntervalMs = Interval }, _field, _ui, _mqtt, _flash, _blobs, _wall, _rules, _now);
    }

    [Fact]
    public void A_live_tap_refused_for_back_pressure_is_decided_alone_at_once_and_stays_journaled()
    {
        Tap(CardA);

        _mqtt.RefuseLast(PublishRefusal.QuotaExceeded);
        Run(20);

        Assert.Equal(FlowState.ShowingOutcome, _flow.State);
        Assert.Equal("Offline geregistreerd", _ui.Last.Title);
        Assert.Equal(1, _flow.PendingTaps);
        Assert.Equal(1, _flow.RefusedTaps);
    }

    [Fact]
    public void While_the_agent_is_busy_replays_pause_for_one_interval_then_twice_as_long()
    {
        var tap = Tap(CardA);
        _mqtt.RefuseLast(PublishRefusal.QuotaExceeded);

        Run(Interval - 200);
        Assert.Single(_mqtt.Published);
        Run(400);
        Assert.Equal(2, _mqtt.Published.Count);
        AssertReplayOf(tap, _mqtt.Published[^1].Payload);

        _mqtt.RefuseLast(PublishRefusal.QuotaExceeded);
        Run(2 * Interval - 200);
        Assert.Equal(2, _mqtt.Published.Count);
        Run(400);
        Assert.Equal(3, _mqtt.Published.Count);
        AssertReplayOf(tap, _mqtt.Published[^1].Payload);
        Assert.Equal(1, _flow.PendingTaps);
    }

    [Fact]
    public void An_answer_from_the_agent_ends_the_pause()
    {
        var refused = Tap(CardA);
        _mqtt.RefuseLast(PublishRefusal.QuotaExceeded);
        Run(Interval + 200);
        Assert.Equal(2, _mqtt.Published.Count);
        _mqtt.RefuseLast(PublishRefusal.QuotaExceeded); // its replay refused too: paused for two intervals now
        Run(5_000);

        var answered = Tap(CardB);
        _mqtt.Deliver(Topics.Result(Device), TapResultCodec.Encode(new TapResult(answered.BootEpoch, answered.Sequence, TapOutcome.CheckedIn, 1, 5, "", "")));
        Run(Interval);

        var replays = _mqtt.Published.Skip(3).Select(p => Decode(p.Payload)).ToArray();
        var replay = Assert.Single(replays);
        Assert.Equal(refused.Sequence, replay.Sequence);
        Assert.Equal(1, _flow.PendingTaps);
    }

    private TapEvent Tap(byte[] card)
    {
        _field.Card = card;
        Run(50);
        _field.Card = null;
        Run(50);
        return Decode(_mqtt.Published[^1].Payload);
    }

    private void Run(long forMs)
    {
        long until = _now + forMs;
        while (_now < until)
        {
            _now += 10;
            _flow.Step(_now);
        }
    }

    private static TapEvent Decode(byte[] payload)
    {
        Assert.True(TapEventCodec.TryDecode(payload, out var tap, out var error), error);
        return tap;
    }

    private static void AssertReplayOf(TapEvent tap, byte[] payload)
    {
        var sent = Decode(payload);
        Assert.Equal((tap.BootEpoch, tap.Sequence), (sent.BootEpoch, sent.Sequence));
        Assert.Equal(TapFlags.Replay, sent.Flags);
    }

    /// <summary>A connected transport that reports PUBACK refusals, as the virtual terminal's MQTTnet transport does.</summary>
    private sealed class RefusingTransport : IMqttTransport, IPublishRefusals
    {
        private readonly Queue<InboundMessage> _inbound = new();
        private readonly Queue<PublishRefusal> _refusals = new();

        public bool IsConnected => true;

        public List<(string Topic, byte[] Payload)> Published { get; } = [];

        public bool Publish(string topic, byte[] payload)
        {
            Published.Add((topic, payload));
            return true;
        }

        public void RefuseLast(int reasonCode) => _refusals.Enqueue(new PublishRefusal(Published[^1].Topic, Published[^1].Payload, reasonCode));

        public void Deliver(string topic, byte[] payload) => _inbound.Enqueue(new InboundMessage(topic, payload));

        public InboundMessage? Receive() => _inbound.Count > 0 ? _inbound.Dequeue() : null;

        public PublishRefusal? ReceiveRefusal() => _refusals.Count > 0 ? _refusals.Dequeue() : null;
    }
}
