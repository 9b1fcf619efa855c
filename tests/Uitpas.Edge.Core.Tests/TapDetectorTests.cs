using Uitpas.Edge.Core.Reading;

namespace Uitpas.Edge.Core.Tests;

public sealed class TapDetectorTests
{
    private static readonly byte[] CardA = [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66];
    private static readonly byte[] CardB = [0x04, 0x99, 0x88, 0x77, 0x66, 0x55, 0x44];

    [Fact]
    public void Card_held_on_the_reader_for_a_minute_is_one_tap()
    {
        var detector = new TapDetector(retapWindowMs: 3000);
        int taps = 0;
        for (long t = 0; t <= 60_000; t += 20)
        {
            if (detector.Sample(CardA, t) is not null) taps++;
        }
        Assert.Equal(1, taps);
    }

    [Fact]
    public void A_single_missed_read_while_the_card_is_held_does_not_make_a_second_tap()
    {
        var detector = new TapDetector(retapWindowMs: 0);
        Assert.NotNull(detector.Sample(CardA, 0));
        Assert.Null(detector.Sample(null, 20));
        Assert.Null(detector.Sample(null, 40));
        Assert.Null(detector.Sample(CardA, 60));
    }

    [Fact]
    public void Same_card_back_within_the_retap_window_is_a_bounce()
    {
        var detector = new TapDetector(retapWindowMs: 3000);
        Assert.NotNull(detector.Sample(CardA, 0));
        for (long t = 20; t <= 100; t += 20) detector.Sample(null, t);
        Assert.Null(detector.Sample(CardA, 1000));
    }

    [Fact]
    public void Same_card_back_after_the_retap_window_is_a_new_tap()
    {
        var detector = new TapDetector(retapWindowMs: 3000);
        Assert.NotNull(detector.Sample(CardA, 0));
        for (long t = 20; t <= 100; t += 20) detector.Sample(null, t);
        Assert.NotNull(detector.Sample(CardA, 3200));
    }

    [Fact]
    public void Another_card_is_a_tap_at_once()
    {
        var detector = new TapDetector(retapWindowMs: 3000);
        Assert.NotNull(detector.Sample(CardA, 0));
        for (long t = 20; t <= 100; t += 20) detector.Sample(null, t);
        Assert.Equal(CardB, detector.Sample(CardB, 120));
    }
}
