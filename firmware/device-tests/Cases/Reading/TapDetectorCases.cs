using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Reading;

namespace Uitpas.Edge.DeviceTests.Cases.Reading
{
    /// <summary>From reader samples to taps: one tap per presentation, bounces within the re-tap window ignored.</summary>
    [TestClass]
    public class TapDetectorCases
    {
        private static readonly byte[] CardA = new byte[] { 0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66 };
        private static readonly byte[] CardB = new byte[] { 0x04, 0x99, 0x88, 0x77, 0x66, 0x55, 0x44 };

        private static void NoCardFrom20To100(TapDetector detector)
        {
            for (long t = 20; t <= 100; t += 20)
            {
                detector.Sample(null, t);
            }
        }

        [TestMethod]
        public void Card_held_on_the_reader_for_a_minute_is_one_tap()
        {
            TapDetector detector = new TapDetector(3000);
            int taps = 0;
            for (long t = 0; t <= 60000; t += 20)
            {
                if (detector.Sample(CardA, t) != null)
                {
                    taps++;
                }
            }
            Assert.AreEqual(1, taps, "taps in a minute of holding");
        }

        [TestMethod]
        public void A_single_missed_read_while_the_card_is_held_does_not_make_a_second_tap()
        {
            TapDetector detector = new TapDetector(0);
            Assert.IsNotNull(detector.Sample(CardA, 0), "the first read is a tap");
            Assert.IsNull(detector.Sample(null, 20), "a missed read");
            Assert.IsNull(detector.Sample(null, 40), "a second missed read");
            Assert.IsNull(detector.Sample(CardA, 60), "the card read again is the same tap");
        }

        [TestMethod]
        public void Same_card_back_within_the_retap_window_is_a_bounce()
        {
            TapDetector detector = new TapDetector(3000);
            Assert.IsNotNull(detector.Sample(CardA, 0), "the first tap");
            NoCardFrom20To100(detector);
            Assert.IsNull(detector.Sample(CardA, 1000), "back after 1 s");
        }

        [TestMethod]
        public void Same_card_back_after_the_retap_window_is_a_new_tap()
        {
            TapDetector detector = new TapDetector(3000);
            Assert.IsNotNull(detector.Sample(CardA, 0), "the first tap");
            NoCardFrom20To100(detector);
            Assert.IsNotNull(detector.Sample(CardA, 3200), "back after 3.2 s");
        }

        [TestMethod]
        public void Another_card_is_a_tap_at_once()
        {
            TapDetector detector = new TapDetector(3000);
            Assert.IsNotNull(detector.Sample(CardA, 0), "the first tap");
            NoCardFrom20To100(detector);
            Assert.Equal(CardB, detector.Sample(CardB, 120), "the other card's tap");
        }
    }
}
