using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Mfrc522Simulator;

namespace Uitpas.Edge.Mfrc522.Tests;

public sealed class ReadingTests
{
    [Fact]
    public void Random_uids_of_each_length_are_read_exactly()
    {
        Property.ForAll(300, 1000, (seed, random) =>
        {
            var rig = new Rig(options: new SimulatorOptions { Seed = seed, AccessOverheadMicros = random.Next(0, 40) });
            rig.Start();
            int length = new[] { 4, 7, 10 }[seed % 3];
            byte[] uid = Property.RandomUid(random, length);
            var profile = Property.RandomProfile(random, length);
            rig.Reader.Place(uid, profile);
            byte[]? read = rig.PollUntilCard();
            Assert.Equal(Rig.Hex(uid), Rig.Hex(read));
            Assert.Equal(profile.Sak, rig.Driver.LastSak);
        });
    }

    [Theory]
    [InlineData(0x0344, 0x20, CardKind.MifareDesfire)]
    [InlineData(0x0044, 0x00, CardKind.MifareUltralight)]
    public void Uitpas_cards_are_recognised_by_atqa_and_sak(ushort atqa, byte sak, CardKind kind)
    {
        var rig = new Rig();
        rig.Start();
        rig.Reader.Place([0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6], new CardProfile("card", atqa, sak, 7));
        Assert.NotNull(rig.PollUntilCard());
        Assert.Equal(kind, rig.Driver.LastCardKind);
    }

    [Fact]
    public void A_new_card_is_reported_after_a_second_activation_selects_it_by_its_uid()
    {
        var rig = new Rig();
        rig.Start();
        var card = rig.Reader.Place([0x04, 1, 2, 3, 4, 5, 6]);
        Assert.Null(rig.Poll());
        Assert.Equal(ReadOutcome.Card, rig.Driver.LastOutcome);
        Assert.NotNull(rig.Poll());
        Assert.Equal(PiccState.Halt, card.State); // left halted, woken by WUPA on the next poll
    }

    [Fact]
    public void With_one_confirmation_read_a_card_is_reported_on_the_first_poll()
    {
        var rig = new Rig(new Mfrc522Settings { ConfirmReads = 1 });
        rig.Start();
        rig.Reader.Place([0x04, 1, 2, 3, 4, 5, 6]);
        Assert.NotNull(rig.Poll());
    }

    [Fact]
    public void An_empty_field_reports_no_card_and_costs_one_wupa()
    {
        var rig = new Rig();
        rig.Start();
        var before = rig.Chip.Counters.Snapshot();
        Assert.Null(rig.Poll());
        var cost = rig.Chip.Counters.Snapshot() - before;
        Assert.Equal(ReadOutcome.NoCard, rig.Driver.LastOutcome);
        Assert.Equal(1, cost.Frames);
    }

    [Fact]
    public void Two_cards_in_the_field_give_one_correct_uid_or_a_collision_never_a_mixed_uid()
    {
        Property.ForAll(300, 2000, (seed, random) =>
        {
            bool resolve = random.Next(2) == 0;
            var rig = new Rig(new Mfrc522Settings { ResolveCollisions = resolve }, new SimulatorOptions { Seed = seed });
            rig.Start();
            var cards = Property.RandomCards(random, 2, 3);
            foreach (var (uid, profile) in cards)
            {
                rig.Reader.Place(uid, profile);
            }
            var inField = cards.Select(c => Rig.Hex(c.Uid)).ToHashSet();
            bool collisionReported = false;
            string? first = null;
            for (int poll = 0; poll < 30; poll++)
            {
                byte[]? read = rig.Poll();
                collisionReported |= rig.Driver.LastOutcome == ReadOutcome.Collision;
                if (read is null)
                {
                    continue;
                }
                Assert.Contains(Rig.Hex(read), inField);
                first ??= Rig.Hex(read);
                Assert.Equal(first, Rig.Hex(read)); // the same card every time: no flip-flopping between cards
            }
            if (resolve)
            {
                Assert.NotNull(first);
            }
            else
            {
                Assert.True(first is not null || collisionReported, "neither a UID nor a collision was reported");
            }
        });
    }

    [Fact]
    public void Every_poll_stays_within_its_register_access_budget()
    {
        Property.ForAll(100, 3000, (seed, random) =>
        {
            var settings = new Mfrc522Settings { MaxAccessesPerPoll = random.Next(64, 400) };
            // Half of the cases with faults and chip hangs: the budget holds whatever the chip does.
            var faults = random.Next(2) == 0 ? FaultSettings.None : new FaultSettings
            {
                NoiseRate = 0.05, TruncateRate = 0.05, BusBitFlipRate = 0.001, HangRate = 0.0005, BusHangHealsAfterMs = 200,
            };
            var rig = new Rig(settings, new SimulatorOptions { Seed = seed, AccessOverheadMicros = random.Next(0, 20), Faults = faults });
            foreach (var (uid, profile) in Property.RandomCards(random, 0, 3))
            {
                rig.Reader.Place(uid, profile);
            }
            for (int poll = 0; poll < 100; poll++)
            {
                rig.Poll();
            }
            Assert.InRange(rig.MaxAccessesInOnePoll, 1, settings.MaxAccessesPerPoll);
            Assert.True(rig.Driver.Health.CardsReported > 0 || rig.Reader.Field.Cards.Count == 0 || faults != FaultSettings.None, "no card was read");
        });
    }

    [Fact]
    public void The_register_transport_without_spi_framing_reads_the_same()
    {
        var rig = new Rig(throughSpiFraming: false);
        rig.Start();
        byte[] uid = [0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90];
        rig.Reader.Place(uid, CardProfile.TripleSizeSmartCard);
        Assert.Equal(Rig.Hex(uid), Rig.Hex(rig.PollUntilCard()));
    }
}
