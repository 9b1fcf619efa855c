using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Tests;

public sealed class TapFlowTests
{
    private const string Device = "vt-001";
    private static readonly byte[] Card = [0x04, 0x4D, 0x71, 0xDA, 0x86, 0x26, 0x80];

    private readonly FieldDouble _field = new();
    private readonly UiDouble _ui = new();
    private readonly TransportDouble _mqtt = new();
    private readonly MemoryAppendStore _flash = new();
    private readonly MemoryBlobStore _blobs = new();
    private readonly WallClockDouble _wall = new();
    private readonly RulesDouble _rules = new();
    private long _now;

    private TapFlow Boot(string language = "nl") =>
        TerminalBoot.Start(new TerminalSettings(Device) { Language = language }, _field, _ui, _mqtt, _flash, _blobs, _wall, _rules, _now);

    private void Run(TapFlow flow, long forMs)
    {
        long until = _now + forMs;
        while (_now < until)
        {
            _now += 10;
            flow.Step(_now);
        }
    }

    private TapEvent Tap(TapFlow flow)
    {
        _field.Card = Card;
        Run(flow, 50);
        _field.Card = null;
        Run(flow, 50);
        Assert.True(TapEventCodec.TryDecode(_mqtt.Published[^1].Payload, out var tap, out var error), error);
        return tap;
    }

    private void Answer(TapEvent tap, TapOutcome outcome, int points = 0, int total = -1, string reason = "", string message = "") =>
        _mqtt.Deliver(Topics.Result(Device), TapResultCodec.Encode(new TapResult(tap.BootEpoch, tap.Sequence, outcome, points, total, reason, message)));

    [Fact]
    public void Tap_is_journaled_and_flushed_before_it_is_published()
    {
        var flow = Boot();
        int flushesAtPublish = -1;
        long journalAtPublish = -1;
        _mqtt.OnPublish = () => { flushesAtPublish = _flash.Flushes; journalAtPublish = _flash.Length; };

        Tap(flow);

        Assert.True(journalAtPublish > 0);
        Assert.True(flushesAtPublish >= 1);
        Assert.Equal(Topics.Tap(Device), _mqtt.Published[0].Topic);
    }

    [Fact]
    public void Checked_in_answer_shows_the_points_line()
    {
        var flow = Boot();
        var tap = Tap(flow);
        Assert.Equal("Even geduld…", _ui.Last.Title);

        Answer(tap, TapOutcome.CheckedIn, points: 1, total: 12);
        Run(flow, 20);

        Assert.Equal("Ingecheckt", _ui.Last.Title);
        Assert.Equal("+1 punt · totaal 12", _ui.Last.Detail);
        Assert.Equal(Signal.Success, _ui.Last.Signal);
        Assert.Equal(0, flow.PendingTaps);
    }

    [Fact]
    public void Points_line_speaks_french_and_english_and_plural()
    {
        Assert.Equal("+2 points · total 30", Texts.French.PointsLine(2, 30));
        Assert.Equal("+1 point · total 5", Texts.English.PointsLine(1, 5));
        Assert.Equal("+3 punten · totaal 9", Texts.Dutch.PointsLine(3, 9));
        Assert.Equal("+1 punt", Texts.Dutch.PointsLine(1, -1));
    }

    [Fact]
    public void Refusal_shows_centrals_own_message()
    {
        var flow = Boot();
        var tap = Tap(flow);
        Answer(tap, TapOutcome.Refused, reason: "maximum-reached", message: "Je bent vandaag al ingecheckt.");
        Run(flow, 20);

        Assert.Equal("Niet gelukt", _ui.Last.Title);
        Assert.Equal("Je bent vandaag al ingecheckt.", _ui.Last.Detail);
        Assert.Equal(Signal.Refusal, _ui.Last.Signal);
    }

    [Fact]
    public void Outcome_gives_way_to_the_ready_screen_after_its_display_time()
    {
        var flow = Boot();
        var tap = Tap(flow);
        Answer(tap, TapOutcome.CheckedIn, 1, 2);
        Run(flow, 20);
        Run(flow, 4100);
        Assert.Equal("Tik je UiTPAS", _ui.Last.Title);
        Assert.Equal(FlowState.Ready, flow.State);
    }

    [Fact]
    public void No_answer_in_time_is_decided_alone_and_the_tap_stays_pending()
    {
        var flow = Boot();
        Tap(flow);
        Run(flow, 3100);

        Assert.Equal("Offline geregistreerd", _ui.Last.Title);
        Assert.Equal("Je punten volgen later", _ui.Last.Detail);
        Assert.Equal(1, flow.PendingTaps);
    }

    [Fact]
    public void Tap_while_offline_is_journaled_and_replayed_with_the_replay_flag_after_reconnect()
    {
        var flow = Boot();
        _mqtt.IsConnected = false;
        _field.Card = Card;
        Run(flow, 50);
        _field.Card = null;
        Assert.Empty(_mqtt.Published);
        Assert.Equal("Offline geregistreerd", _ui.Last.Title);

        _mqtt.IsConnected = true;
        Run(flow, 20);

        var (topic, payload) = Assert.Single(_mqtt.Published);
        Assert.Equal(Topics.Tap(Device), topic);
        Assert.True(TapEventCodec.TryDecode(payload, out var replayed, out _));
        Assert.True(replayed.IsReplay);
        Assert.Equal(Card, replayed.ChipUid);
    }

    [Fact]
    public void Queued_answer_slows_replays_and_a_later_final_answer_settles_the_tap()
    {
        var flow = Boot();
        var tap = Tap(flow);
        Answer(tap, TapOutcome.Queued);
        Run(flow, 20);
        Assert.Equal("Tik bewaard", _ui.Last.Title);

        Run(flow, 31_000);
        Assert.Single(_mqtt.Published);
        Assert.Equal(1, flow.PendingTaps);

        Answer(tap, TapOutcome.CheckedIn, 1, 3);
        Run(flow, 20);
        Assert.Equal(0, flow.PendingTaps);
    }

    [Fact]
    public void Held_tap_is_asked_after_again_at_reconnect_so_a_missed_final_answer_is_not_lost()
    {
        var flow = Boot();
        var tap = Tap(flow);
        Answer(tap, TapOutcome.Queued);
        Run(flow, 20);

        _mqtt.IsConnected = false;
        Run(flow, 100);
        _mqtt.IsConnected = true;
        Run(flow, 20);

        Assert.Equal(2, _mqtt.Published.Count);
        Assert.True(TapEventCodec.TryDecode(_mqtt.Published[1].Payload, out var replayed, out _));
        Assert.True(replayed.IsReplay);
        Assert.Equal(tap.Sequence, replayed.Sequence);
    }

    [Fact]
    public void Pending_tap_survives_a_reboot_and_is_replayed_with_its_original_identity()
    {
        var first = Boot();
        _mqtt.IsConnected = false;
        _field.Card = Card;
        Run(first, 50);
        _field.Card = null;
        Run(first, 50);

        _mqtt.IsConnected = true;
        var second = Boot();
        Assert.Equal(first.BootEpoch + 1, second.BootEpoch);
        Run(second, 20);

        Assert.True(TapEventCodec.TryDecode(_mqtt.Published.Single().Payload, out var replayed, out _));
        Assert.Equal(first.BootEpoch, replayed.BootEpoch);
        Assert.Equal(1u, replayed.Sequence);
    }

    [Fact]
    public void Repeated_answer_is_journaled_once()
    {
        var flow = Boot();
        var tap = Tap(flow);
        Answer(tap, TapOutcome.CheckedIn, 1, 1);
        Run(flow, 20);
        long length = _flash.Length;
        Answer(tap, TapOutcome.CheckedIn, 1, 1);
        Run(flow, 20);
        Assert.Equal(length, _flash.Length);
    }

    [Fact]
    public void Malformed_answer_is_counted_and_ignored()
    {
        var flow = Boot();
        Tap(flow);
        _mqtt.Deliver(Topics.Result(Device), [1, 2, 3]);
        Run(flow, 20);
        Assert.Equal(1, flow.MalformedMessages);
        Assert.Equal(FlowState.AwaitingResult, flow.State);
    }

    [Fact]
    public void Second_card_during_the_wait_is_tapped_once_the_answer_is_shown()
    {
        var flow = Boot();
        var first = Tap(flow);
        byte[] other = [0x04, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06];
        _field.Card = other;
        Run(flow, 50);
        Assert.Single(_mqtt.Published);

        Answer(first, TapOutcome.CheckedIn, 1, 1);
        Run(flow, 50);
        Assert.Equal(2, _mqtt.Published.Count);
        Assert.True(TapEventCodec.TryDecode(_mqtt.Published[1].Payload, out var second, out _));
        Assert.Equal(other, second.ChipUid);
        Assert.Equal(2u, second.Sequence);
    }

    [Fact]
    public void Boot_epoch_never_falls_below_what_the_journal_has_seen()
    {
        var journalFlash = new MemoryAppendStore();
        var journal = new TapJournal(journalFlash);
        journal.Open();
        journal.AppendTap(41, 1, 0, Card);

        uint epoch = BootEpoch.Advance(new MemoryBlobStore(), highestInJournal: 41);
        Assert.Equal(42u, epoch);
    }

    [Fact]
    public void Invalid_settings_are_refused_with_a_reason()
    {
        var settings = new TerminalSettings("Bad/Id");
        Assert.Contains("device id", settings.Validate());
        Assert.Throws<ArgumentException>(() => new TapFlow(settings, 1, _field, _ui, _mqtt, new TapJournal(_flash), _wall, _rules));
    }
}
