using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Display.Signals;
using Uitpas.Edge.DeviceTests.Support;

namespace Uitpas.Edge.DeviceTests.Cases.Signals
{
    /// <summary>The player times the patterns by the loop's clock: no threads, no sleeps.</summary>
    [TestClass]
    public class SignalPlayerCases
    {
        [TestMethod]
        public void Refused_tap_plays_two_low_beeps_with_a_pause_between_by_the_loops_clock()
        {
            SignalsRecordingOutputs outputs = new SignalsRecordingOutputs();
            SignalPlayer player = new SignalPlayer(outputs);

            player.Play(Signal.Refusal, 1000);
            Assert.AreEqual(SignalPattern.LowBeepHz, outputs.Tone, "first beep at once");
            Assert.AreEqual(SignalColour.Red, outputs.Led, "red at once");
            player.Step(1179);
            Assert.AreEqual(SignalPattern.LowBeepHz, outputs.Tone, "still the first beep at 179 ms");
            player.Step(1180);
            Assert.AreEqual(0, outputs.Tone, "the pause");
            player.Step(1260);
            Assert.AreEqual(SignalPattern.LowBeepHz, outputs.Tone, "the second beep");
            player.Step(1440);
            Assert.AreEqual(0, outputs.Tone, "silent after the second beep");
            Assert.AreEqual(2, outputs.TonesSounded, "two beeps in all");
            Assert.AreEqual(SignalColour.Red, outputs.Led, "the LED holds red");
        }

        [TestMethod]
        public void Led_holds_the_outcome_colour_for_the_hold_time_then_goes_idle()
        {
            SignalsRecordingOutputs outputs = new SignalsRecordingOutputs();
            SignalPlayer player = new SignalPlayer(outputs);
            player.HoldMs = 4000;

            player.Play(Signal.Success, 0);
            player.Step(200);
            Assert.AreEqual(SignalColour.Green, outputs.Led, "green after the beep");
            Assert.AreEqual(0, outputs.Tone, "the beep is over");
            player.Step(3999);
            Assert.AreEqual(SignalColour.Green, outputs.Led, "still green just before the hold time");
            player.Step(4000);
            Assert.AreEqual(SignalColour.Off, outputs.Led, "idle after the hold time");
            Assert.IsNull(player.Current, "nothing playing");
        }

        [TestMethod]
        public void A_new_play_interrupts_the_running_pattern()
        {
            SignalsRecordingOutputs outputs = new SignalsRecordingOutputs();
            SignalPlayer player = new SignalPlayer(outputs);

            player.Play(Signal.Pending, 0);
            player.Step(100);
            Assert.AreEqual(SignalPattern.LongBeepHz, outputs.Tone, "the long beep sounds");
            player.Play(Signal.Success, 120);
            Assert.AreEqual(SignalPattern.HighBeepHz, outputs.Tone, "the new beep replaces it at once");
            Assert.AreEqual(SignalColour.Green, outputs.Led, "and the colour");
            player.Step(300);
            Assert.AreEqual(0, outputs.Tone, "nothing of the long beep is left");
        }

        [TestMethod]
        public void A_late_poll_lands_on_the_step_due_now_and_leaves_no_tone_on()
        {
            SignalsRecordingOutputs outputs = new SignalsRecordingOutputs();
            SignalPlayer player = new SignalPlayer(outputs);
            player.HoldMs = 10000;

            player.Play(Signal.Refusal, 0);
            player.Step(5000); // the loop was held up for 5 s
            Assert.AreEqual(0, outputs.Tone, "silent: the beeps are long over");
            Assert.AreEqual(SignalColour.Red, outputs.Led, "holding red");
        }

        [TestMethod]
        public void Provisioning_blink_repeats_until_something_else_plays()
        {
            SignalsRecordingOutputs outputs = new SignalsRecordingOutputs();
            SignalPlayer player = new SignalPlayer(outputs);

            player.Play(SignalPattern.Provisioning, 0);
            int blueSeen = 0;
            int offSeen = 0;
            for (long t = 0; t < 10000; t += 15)
            {
                player.Step(t);
                if (outputs.Led == SignalColour.Blue) blueSeen++;
                if (outputs.Led == SignalColour.Off) offSeen++;
            }
            Assert.IsTrue(blueSeen > 250 && offSeen > 250, "blinks for 10 s: blue " + blueSeen + ", off " + offSeen + " polls");
            Assert.AreEqual(0, outputs.TonesSounded, "silently");
            player.Play(Signal.None, 10000);
            player.Step(12000);
            Assert.AreEqual(SignalColour.Off, outputs.Led, "stops when something else plays");
        }

        [TestMethod]
        public void Outputs_are_only_set_when_something_changes()
        {
            SignalsRecordingOutputs outputs = new SignalsRecordingOutputs();
            SignalPlayer player = new SignalPlayer(outputs);
            player.HoldMs = 4000;
            player.Play(Signal.Success, 0);
            int ledCalls = outputs.LedCalls;
            int toneCalls = outputs.ToneCalls;

            for (long t = 0; t < 140; t += 15)
            {
                player.Step(t);
            }
            Assert.AreEqual(ledCalls, outputs.LedCalls, "no LED call while the colour stays");
            Assert.AreEqual(toneCalls, outputs.ToneCalls, "no buzzer call while the tone stays");
        }

        [TestMethod]
        public void Idle_signal_leaves_the_led_off_and_the_buzzer_silent()
        {
            SignalsRecordingOutputs outputs = new SignalsRecordingOutputs();
            SignalPlayer player = new SignalPlayer(outputs);

            player.Play(Signal.None, 0);
            player.Step(15);
            Assert.AreEqual(SignalColour.Off, outputs.Led, "LED off");
            Assert.AreEqual(0, outputs.TonesSounded, "silent");
            Assert.IsNull(player.Current, "nothing playing");
        }
    }
}
