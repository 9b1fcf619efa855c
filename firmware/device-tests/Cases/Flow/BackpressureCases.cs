using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.DeviceTests.Cases.Flow
{
    /// <summary>The terminal when the agent refuses its taps (PUBACK QuotaExceeded at the agent's store cap): journal kept, replays slowed.</summary>
    [TestClass]
    public class BackpressureCases
    {
        private const string Device = "vt-007";
        private const int Interval = 30000;
        private static readonly byte[] CardB = new byte[] { 0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66 };

        private static FlowRig Rig(RefusingTransport mqtt)
        {
            FlowRig rig = new FlowRig(Device, mqtt);
            rig.Settings.ReplayIntervalMs = Interval;
            return rig;
        }

        private static TapEvent Tap(FlowRig rig, RefusingTransport mqtt, TapFlow flow, byte[] card)
        {
            rig.TapAndLift(flow, card);
            return Wire.DecodeTap(mqtt.Last.Payload);
        }

        private static void AssertReplayOf(TapEvent tap, byte[] payload)
        {
            TapEvent sent = Wire.DecodeTap(payload);
            Assert.AreEqual(tap.BootEpoch, sent.BootEpoch, "replay of the same epoch");
            Assert.AreEqual(tap.Sequence, sent.Sequence, "replay of the same sequence");
            Assert.AreEqual(TapFlags.Replay, sent.Flags, "replay flag");
        }

        [TestMethod]
        public void A_live_tap_refused_for_back_pressure_is_decided_alone_at_once_and_stays_journaled()
        {
            RefusingTransport mqtt = new RefusingTransport();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = rig.Boot();
            Tap(rig, mqtt, flow, Wire.Card);

            mqtt.RefuseLast(PublishRefusal.QuotaExceeded);
            rig.Run(flow, 20);

            Assert.AreEqual((int)FlowState.ShowingOutcome, (int)flow.State, "outcome shown");
            Assert.AreEqual("Offline geregistreerd", rig.Ui.Last.Title, "decided alone");
            Assert.AreEqual(1, flow.PendingTaps, "journaled");
            Assert.AreEqual(1, flow.RefusedTaps, "counted as refused");
        }

        [TestMethod]
        public void While_the_agent_is_busy_replays_pause_for_one_interval_then_twice_as_long()
        {
            RefusingTransport mqtt = new RefusingTransport();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = rig.Boot();
            TapEvent tap = Tap(rig, mqtt, flow, Wire.Card);
            mqtt.RefuseLast(PublishRefusal.QuotaExceeded);

            rig.Run(flow, Interval - 200);
            Assert.AreEqual(1, mqtt.Count, "no replay within the interval");
            rig.Run(flow, 400);
            Assert.AreEqual(2, mqtt.Count, "replayed after the interval");
            AssertReplayOf(tap, mqtt.Last.Payload);

            mqtt.RefuseLast(PublishRefusal.QuotaExceeded);
            rig.Run(flow, 2 * Interval - 200);
            Assert.AreEqual(2, mqtt.Count, "no replay within twice the interval");
            rig.Run(flow, 400);
            Assert.AreEqual(3, mqtt.Count, "replayed after twice the interval");
            AssertReplayOf(tap, mqtt.Last.Payload);
            Assert.AreEqual(1, flow.PendingTaps, "still pending");
        }

        [TestMethod]
        public void An_answer_from_the_agent_ends_the_pause()
        {
            RefusingTransport mqtt = new RefusingTransport();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = rig.Boot();
            TapEvent refused = Tap(rig, mqtt, flow, Wire.Card);
            mqtt.RefuseLast(PublishRefusal.QuotaExceeded);
            rig.Run(flow, Interval + 200);
            Assert.AreEqual(2, mqtt.Count, "one replay");
            mqtt.RefuseLast(PublishRefusal.QuotaExceeded); // its replay refused too: paused for two intervals now
            rig.Run(flow, 5000);

            TapEvent answered = Tap(rig, mqtt, flow, CardB);
            mqtt.Deliver(Topics.Result(Device), Wire.Result(answered, TapOutcome.CheckedIn, 1, 5));
            rig.Run(flow, Interval);

            Assert.AreEqual(4, mqtt.Count, "exactly one replay after the answer");
            TapEvent replay = Wire.DecodeTap(mqtt.At(3).Payload);
            Assert.AreEqual(refused.Sequence, replay.Sequence, "the refused tap replayed");
            Assert.AreEqual(1, flow.PendingTaps, "still pending");
        }
    }
}
