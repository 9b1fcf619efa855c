using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Display.Signals;

namespace Uitpas.Edge.DeviceTests.Cases.Signals
{
    /// <summary>Every outcome is seen and heard: its own colour and its own sound.</summary>
    [TestClass]
    public class SignalPatternCases
    {
        [TestMethod]
        public void Every_outcome_differs_from_the_others_in_colour_and_in_sound()
        {
            Signal[] outcomes = new Signal[] { Signal.Success, Signal.Refusal, Signal.Pending, Signal.Busy };
            for (int i = 0; i < outcomes.Length; i++)
            {
                SignalPattern a = SignalPattern.For(outcomes[i]);
                Assert.IsTrue(a.HoldColour != SignalColour.Off, a.Name + " lights the LED");
                Assert.IsTrue(a.ToneCount > 0, a.Name + " makes a sound");
                for (int j = i + 1; j < outcomes.Length; j++)
                {
                    SignalPattern b = SignalPattern.For(outcomes[j]);
                    Assert.IsTrue(a.HoldColour != b.HoldColour, a.Name + " and " + b.Name + " share the colour " + SignalColour.NameOf(a.HoldColour));
                    Assert.IsFalse(Sound(a) == Sound(b), a.Name + " and " + b.Name + " sound alike: " + Sound(a));
                }
            }
        }

        [TestMethod]
        public void Success_is_green_with_one_high_beep()
        {
            SignalPattern p = SignalPattern.For(Signal.Success);
            Assert.AreEqual(SignalColour.Green, p.HoldColour, "colour");
            Assert.AreEqual(1, p.ToneCount, "one beep");
            Assert.IsTrue(HighestTone(p) >= 2000, "high: " + HighestTone(p) + " Hz");
        }

        [TestMethod]
        public void Refused_tap_plays_two_low_beeps_on_red()
        {
            SignalPattern p = SignalPattern.For(Signal.Refusal);
            Assert.AreEqual(SignalColour.Red, p.HoldColour, "colour");
            Assert.AreEqual(2, p.ToneCount, "two beeps");
            Assert.IsTrue(HighestTone(p) < 1000, "low: " + HighestTone(p) + " Hz");
        }

        [TestMethod]
        public void Pending_is_amber_with_one_long_beep()
        {
            SignalPattern p = SignalPattern.For(Signal.Pending);
            Assert.AreEqual(SignalColour.Amber, p.HoldColour, "amber = red and green");
            Assert.AreEqual(1, p.ToneCount, "one beep");
            Assert.IsTrue(p.DurationMs >= 2 * SignalPattern.For(Signal.Success).DurationMs, "long: " + p.DurationMs + " ms");
        }

        [TestMethod]
        public void Busy_is_a_blue_short_click()
        {
            SignalPattern p = SignalPattern.For(Signal.Busy);
            Assert.AreEqual(SignalColour.Blue, p.HoldColour, "colour");
            Assert.AreEqual(1, p.ToneCount, "one click");
            Assert.IsTrue(p.DurationMs <= 50, "short: " + p.DurationMs + " ms");
        }

        [TestMethod]
        public void Idle_turns_the_led_off_and_stays_silent()
        {
            SignalPattern p = SignalPattern.For(Signal.None);
            Assert.AreEqual(SignalColour.Off, p.HoldColour, "LED off");
            Assert.AreEqual(0, p.ToneCount, "silent");
        }

        [TestMethod]
        public void Self_test_lights_every_colour_and_sounds_the_buzzer()
        {
            SignalPattern p = SignalPattern.SelfTest;
            int colours = 0;
            for (int i = 0; i < p.StepCount; i++)
            {
                colours |= p.StepAt(i).Colour;
            }
            Assert.AreEqual(SignalColour.Red | SignalColour.Green | SignalColour.Blue, colours, "red, green and blue");
            Assert.IsTrue(p.ToneCount >= 1, "a chirp");
            Assert.IsTrue(p.DurationMs <= 1500, "short enough not to slow the boot: " + p.DurationMs + " ms");
        }

        /// <summary>The sound as the ear tells it apart: number of tones, their pitch and their length.</summary>
        private static string Sound(SignalPattern p)
        {
            string sound = string.Empty;
            for (int i = 0; i < p.StepCount; i++)
            {
                SignalStep step = p.StepAt(i);
                if (step.ToneHz > 0)
                {
                    sound += step.ToneHz + "Hz/" + step.DurationMs + "ms ";
                }
            }
            return sound;
        }

        private static int HighestTone(SignalPattern p)
        {
            int highest = 0;
            for (int i = 0; i < p.StepCount; i++)
            {
                if (p.StepAt(i).ToneHz > highest)
                {
                    highest = p.StepAt(i).ToneHz;
                }
            }
            return highest;
        }
    }
}
