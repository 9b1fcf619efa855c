using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Tests;

public sealed class OfflineDecisionTests
{
    private const string Device = "vt-002";
    private static readonly byte[] Card = [0x04, 0x4D, 0x71, 0xDA, 0x86, 0x26, 0x80];
    private static readonly byte[] Other = [0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60];

    private readonly FieldDouble _field = new();
    private readonly UiDouble _ui = new();
    private readonly TransportDouble _mqtt = new() { IsConnected = false };
    private readonly MemoryAppendStore _flash = new();
    private readonly MemoryBlobStore _blobs = new();
    private readonly WallClockDouble _wall = new();
    private readonly RulesDouble _rules = new();
    private long _now;

    private TapFlow Boot(string language = "nl") =>
        TerminalBoot.Start(new TerminalSettings(Device) { Language = language }, _field, _ui, _mqtt, _flash, _blobs, _wall, _rules, _now);

    private Screen TapOffline(TapFlow flow, byte[] card)
    {
        _field.Card = card;
        Step(flow, 60);
        _field.Card = null;
        Step(flow, 60);
        return _ui.Screens.Last(s => s.Signal is not (Signal.None or Signal.Busy));
    }

    private void Step(TapFlow flow, long forMs)
    {
        for (long until = _now + forMs; _now < until;)
        {
            _now += 10;
            flow.Step(_now);
        }
    }

    [Fact]
    public void Offline_tap_is_registered_and_queued_without_inventing_points()
    {
        var flow = Boot();

        var screen = TapOffline(flow, Card);

        Assert.Equal(("Offline geregistreerd", "Je punten volgen later"), (screen.Title, screen.Detail));
        Assert.DoesNotContain("punt ·", screen.Detail);
        Assert.Equal(1, flow.PendingTaps);
    }

    [Fact]
    public void Second_offline_tap_in_the_same_period_says_already_registered()
    {
        var flow = Boot();
        TapOffline(flow, Card);
        Step(flow, 5000);

        var again = TapOffline(flow, Card);

        Assert.Equal(("Al geregistreerd", Signal.Refusal), (again.Title, again.Signal));
        Assert.Equal(2, flow.PendingTaps);
        Assert.Equal("Offline geregistreerd", TapOffline(flow, Other).Title);
    }

    [Fact]
    public void Limit_counts_taps_registered_before_a_reboot()
    {
        TapOffline(Boot(), Card);

        var rebooted = Boot();
        var again = TapOffline(rebooted, Card);

        Assert.Equal("Al geregistreerd", again.Title);
    }

    [Fact]
    public void Card_blocked_in_the_allowlist_is_refused_offline()
    {
        _rules.Flags[ChipUid.ToHex(Card)] = CardFlags.Blocked;
        var flow = Boot();

        var screen = TapOffline(flow, Card);

        Assert.Equal(("Kaart geblokkeerd", Signal.Refusal), (screen.Title, screen.Signal));
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("fr")]
    [InlineData("en")]
    public void Social_tariff_shows_only_the_staff_cue_never_the_words(string language)
    {
        _rules.Flags[ChipUid.ToHex(Card)] = CardFlags.SocialTariff;
        var flow = Boot(language);

        var screen = TapOffline(flow, Card);

        Assert.True(screen.StaffCue);
        foreach (var shown in _ui.Screens)
        {
            string text = (shown.Title + " " + shown.Detail).ToLowerInvariant();
            Assert.DoesNotContain("kansen", text);
            Assert.DoesNotContain("tarif", text);
            Assert.DoesNotContain("social", text);
            Assert.DoesNotContain("sociaal", text);
        }
    }

    [Fact]
    public void Ordinary_card_gets_no_staff_cue()
    {
        Assert.False(TapOffline(Boot(), Card).StaffCue);
    }

    [Fact]
    public void Offline_screens_speak_french_and_english()
    {
        Assert.Equal("Enregistré hors ligne", TapOffline(Boot("fr"), Card).Title);
        var english = new OfflineDecisionTests();
        Assert.Equal("Registered offline", english.TapOffline(english.Boot("en"), Card).Title);
    }

    [Fact]
    public void Without_event_rules_every_tap_is_registered_and_central_decides_later()
    {
        _rules.EventOpen = false;
        var flow = Boot();
        TapOffline(flow, Card);
        Step(flow, 5000);
        Assert.Equal("Offline geregistreerd", TapOffline(flow, Card).Title);
    }

    [Fact]
    public void Live_check_in_counts_against_the_limit_when_the_next_tap_must_be_decided_alone()
    {
        _mqtt.IsConnected = true;
        var flow = Boot();
        _field.Card = Card;
        Step(flow, 60);
        _field.Card = null;
        Assert.True(TapEventCodec.TryDecode(_mqtt.Published[^1].Payload, out var tap, out _));
        _mqtt.Deliver(Topics.Result(Device), TapResultCodec.Encode(new TapResult(tap.BootEpoch, tap.Sequence, TapOutcome.CheckedIn, 1, 5, "", "")));
        Step(flow, 5000);

        _mqtt.IsConnected = false;
        Assert.Equal("Al geregistreerd", TapOffline(flow, Card).Title);
    }

    [Fact]
    public void Ledger_keeps_a_fixed_number_of_cards_and_forgets_the_oldest()
    {
        var ledger = new OfflineLedger(capacity: 3);
        byte[][] cards = [.. Enumerable.Range(1, 4).Select(i => new byte[] { 4, 0, 0, 0, 0, 0, (byte)i })];
        foreach (var card in cards) ledger.Add(card, "p");

        Assert.Equal(0, ledger.Count(cards[0], "p"));
        Assert.Equal([1, 1, 1], cards[1..].Select(c => ledger.Count(c, "p")));
        Assert.Equal(0, ledger.Count(cards[1], "another period"));
    }
}
