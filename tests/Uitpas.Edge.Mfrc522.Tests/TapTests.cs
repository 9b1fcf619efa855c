using Uitpas.Edge.Core.Reading;
using Uitpas.Edge.Mfrc522Simulator;

namespace Uitpas.Edge.Mfrc522.Tests;

/// <summary>The driver under the existing <see cref="TapDetector"/>, as TapFlow uses it.</summary>
public sealed class TapTests
{
    [Fact]
    public void Card_held_for_a_minute_is_one_tap()
    {
        Property.ForAll(6, 70_000, (seed, random) =>
        {
            // Moderate air noise and one chip hang half-way: still one tap.
            var faults = new FaultSettings { NoiseRate = 0.03, CrcErrorRate = 0.03, TruncateRate = 0.03, DoubleFlipRate = 0.01 };
            var rig = new Rig(options: new SimulatorOptions { Seed = seed, Faults = faults });
            var detector = new TapDetector(retapWindowMs: 3000);
            byte[] uid = Property.RandomUid(random, 7);
            rig.Reader.Place(uid);
            int taps = 0;
            var hangAt = random.Next(10_000, 50_000);
            var hang = new[] { ChipHang.Stalled, ChipHang.BusStuckLow, ChipHang.SilentReset }[random.Next(3)];
            while (rig.NowMs <= 60_000)
            {
                if (rig.NowMs == hangAt / 20 * 20)
                {
                    rig.Chip.InjectHang(hang);
                }
                long now = rig.NowMs;
                if (detector.Sample(rig.Poll(), now) is not null)
                {
                    taps++;
                }
            }
            Assert.Equal(1, taps);
            Assert.True(rig.Driver.Health.Activations > 2500, $"only {rig.Driver.Health.Activations} activations in a minute");
        });
    }

    [Fact]
    public void Card_taken_away_and_brought_back_is_a_new_tap_after_the_retap_window_only()
    {
        var rig = new Rig();
        var detector = new TapDetector(retapWindowMs: 3000);
        byte[] uid = [0x04, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56];
        int taps = 0;
        void PollFor(int ms)
        {
            for (long end = rig.NowMs + ms; rig.NowMs < end;)
            {
                long now = rig.NowMs;
                if (detector.Sample(rig.Poll(), now) is not null) taps++;
            }
        }
        rig.Reader.Place(uid);
        PollFor(1000);
        rig.Reader.RemoveAll();
        PollFor(500);
        rig.Reader.Place(uid); // back within 3 s: a bounce
        PollFor(1000);
        Assert.Equal(1, taps);
        rig.Reader.RemoveAll();
        PollFor(3500);
        rig.Reader.Place(uid);
        PollFor(1000);
        Assert.Equal(2, taps);
    }

    [Fact]
    public void Second_card_put_next_to_a_held_card_does_not_make_taps_flip_flop()
    {
        var rig = new Rig();
        var detector = new TapDetector(retapWindowMs: 3000);
        int taps = 0;
        rig.Reader.Place([0x04, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06]);
        rig.Reader.Place([0x04, 0x81, 0x02, 0x03, 0x04, 0x05, 0x06]);
        for (int i = 0; i < 500; i++)
        {
            long now = rig.NowMs;
            if (detector.Sample(rig.Poll(), now) is not null) taps++;
        }
        Assert.Equal(1, taps);
    }
}
