using System;
using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.DeviceTests.Cases.Flow
{
    /// <summary>The path of a tap on the terminal: journaled, published, answered, shown; replayed when offline.</summary>
    [TestClass]
    public class TapFlowCases
    {
        private const string Device = "vt-001";

        private static FlowRig Rig(TransportDouble mqtt)
        {
            return new FlowRig(Device, mqtt);
        }

        private static TapEvent Tap(FlowRig rig, TransportDouble mqtt, TapFlow flow)
        {
            rig.TapAndLift(flow, Wire.Card);
            return Wire.DecodeTap(mqtt.Last.Payload);
        }

        [TestMethod]
        public void Tap_is_journaled_and_flushed_before_it_is_published()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = rig.Boot();
            long[] atPublish = new long[] { -1, -1 };
            mqtt.OnPublish = () =>
            {
                atPublish[0] = rig.Flash.Flushes;
                atPublish[1] = rig.Flash.Length;
            };

            Tap(rig, mqtt, flow);

            Assert.IsTrue(atPublish[1] > 0, "the journal held the tap at the publish");
            Assert.IsTrue(atPublish[0] >= 1, "the journal was flushed before the publish");
            Assert.AreEqual(Topics.Tap(Device), mqtt.At(0).Topic, "tap topic");
        }

        [TestMethod]
        public void Checked_in_answer_shows_the_points_line()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = rig.Boot();
            TapEvent tap = Tap(rig, mqtt, flow);
            Assert.AreEqual("Even geduld…", rig.Ui.Last.Title, "waiting for the answer");

            mqtt.Deliver(Topics.Result(Device), Wire.Result(tap, TapOutcome.CheckedIn, 1, 12));
            rig.Run(flow, 20);

            Assert.AreEqual("Ingecheckt", rig.Ui.Last.Title, "title");
            Assert.AreEqual("+1 punt · totaal 12", rig.Ui.Last.Detail, "points line");
            Assert.AreEqual((int)Signal.Success, (int)rig.Ui.Last.Signal, "success signal");
            Assert.AreEqual(0, flow.PendingTaps, "nothing pending");
        }

        [TestMethod]
        public void Points_line_speaks_french_and_english_and_plural()
        {
            Assert.AreEqual("+2 points · total 30", Texts.French.PointsLine(2, 30), "French");
            Assert.AreEqual("+1 point · total 5", Texts.English.PointsLine(1, 5), "English");
            Assert.AreEqual("+3 punten · totaal 9", Texts.Dutch.PointsLine(3, 9), "Dutch plural");
            Assert.AreEqual("+1 punt", Texts.Dutch.PointsLine(1, -1), "no total");
        }

        [TestMethod]
        public void Refusal_shows_centrals_own_message()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = rig.Boot();
            TapEvent tap = Tap(rig, mqtt, flow);

            mqtt.Deliver(Topics.Result(Device), Wire.Result(tap, TapOutcome.Refused, 0, -1, "maximum-reached", "Je bent vandaag al ingecheckt."));
            rig.Run(flow, 20);

            Assert.AreEqual("Niet gelukt", rig.Ui.Last.Title, "title");
            Assert.AreEqual("Je bent vandaag al ingecheckt.", rig.Ui.Last.Detail, "central's message");
            Assert.AreEqual((int)Signal.Refusal, (int)rig.Ui.Last.Signal, "refusal signal");
        }

        [TestMethod]
        public void Outcome_gives_way_to_the_ready_screen_after_its_display_time()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = rig.Boot();
            TapEvent tap = Tap(rig, mqtt, flow);
            mqtt.Deliver(Topics.Result(Device), Wire.Result(tap, TapOutcome.CheckedIn, 1, 2));
            rig.Run(flow, 20);

            rig.Run(flow, 4100);

            Assert.AreEqual("Tik je UiTPAS", rig.Ui.Last.Title, "ready screen");
            Assert.AreEqual((int)FlowState.Ready, (int)flow.State, "ready");
        }

        [TestMethod]
        public void No_answer_in_time_is_decided_alone_and_the_tap_stays_pending()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = rig.Boot();
            Tap(rig, mqtt, flow);

            rig.Run(flow, 3100);

            Assert.AreEqual("Offline geregistreerd", rig.Ui.Last.Title, "title");
            Assert.AreEqual("Je punten volgen later", rig.Ui.Last.Detail, "detail");
            Assert.AreEqual(1, flow.PendingTaps, "pending");
        }

        [TestMethod]
        public void Tap_while_offline_is_journaled_and_replayed_with_the_replay_flag_after_reconnect()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = rig.Boot();
            mqtt.IsConnected = false;
            rig.Hold(flow, Wire.Card, 50);
            Assert.AreEqual(0, mqtt.Count, "nothing published offline");
            Assert.AreEqual("Offline geregistreerd", rig.Ui.Last.Title, "decided alone");

            mqtt.IsConnected = true;
            rig.Run(flow, 20);

            Assert.AreEqual(1, mqtt.Count, "one replay");
            Assert.AreEqual(Topics.Tap(Device), mqtt.At(0).Topic, "tap topic");
            TapEvent replayed = Wire.DecodeTap(mqtt.At(0).Payload);
            Assert.IsTrue(replayed.IsReplay, "replay flag");
            Assert.Equal(Wire.Card, replayed.ChipUid, "chip uid");
        }

        [TestMethod]
        public void Queued_answer_slows_replays_and_a_later_final_answer_settles_the_tap()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = rig.Boot();
            TapEvent tap = Tap(rig, mqtt, flow);
            mqtt.Deliver(Topics.Result(Device), Wire.Result(tap, TapOutcome.Queued, 0, -1));
            rig.Run(flow, 20);
            Assert.AreEqual("Tik bewaard", rig.Ui.Last.Title, "queued screen");

            rig.Run(flow, 31000);
            Assert.AreEqual(1, mqtt.Count, "no replay of a held tap");
            Assert.AreEqual(1, flow.PendingTaps, "still pending");

            mqtt.Deliver(Topics.Result(Device), Wire.Result(tap, TapOutcome.CheckedIn, 1, 3));
            rig.Run(flow, 20);
            Assert.AreEqual(0, flow.PendingTaps, "settled");
        }

        [TestMethod]
        public void Held_tap_is_asked_after_again_at_reconnect_so_a_missed_final_answer_is_not_lost()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = rig.Boot();
            TapEvent tap = Tap(rig, mqtt, flow);
            mqtt.Deliver(Topics.Result(Device), Wire.Result(tap, TapOutcome.Queued, 0, -1));
            rig.Run(flow, 20);

            mqtt.IsConnected = false;
            rig.Run(flow, 100);
            mqtt.IsConnected = true;
            rig.Run(flow, 20);

            Assert.AreEqual(2, mqtt.Count, "asked again");
            TapEvent replayed = Wire.DecodeTap(mqtt.At(1).Payload);
            Assert.IsTrue(replayed.IsReplay, "as a replay");
            Assert.AreEqual(tap.Sequence, replayed.Sequence, "of the held tap");
        }

        [TestMethod]
        public void Pending_tap_survives_a_reboot_and_is_replayed_with_its_original_identity()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = Rig(mqtt);
            TapFlow first = rig.Boot();
            mqtt.IsConnected = false;
            rig.TapAndLift(first, Wire.Card);

            mqtt.IsConnected = true;
            TapFlow second = rig.Boot();
            Assert.AreEqual(first.BootEpoch + 1, second.BootEpoch, "next epoch");
            rig.Run(second, 20);

            Assert.AreEqual(1, mqtt.Count, "one replay");
            TapEvent replayed = Wire.DecodeTap(mqtt.At(0).Payload);
            Assert.AreEqual(first.BootEpoch, replayed.BootEpoch, "original epoch");
            Assert.AreEqual(1u, replayed.Sequence, "original sequence");
        }

        [TestMethod]
        public void Repeated_answer_is_journaled_once()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = rig.Boot();
            TapEvent tap = Tap(rig, mqtt, flow);
            mqtt.Deliver(Topics.Result(Device), Wire.Result(tap, TapOutcome.CheckedIn, 1, 1));
            rig.Run(flow, 20);
            long length = rig.Flash.Length;

            mqtt.Deliver(Topics.Result(Device), Wire.Result(tap, TapOutcome.CheckedIn, 1, 1));
            rig.Run(flow, 20);

            Assert.AreEqual(length, rig.Flash.Length, "nothing more written");
        }

        [TestMethod]
        public void Malformed_answer_is_counted_and_ignored()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = rig.Boot();
            Tap(rig, mqtt, flow);

            mqtt.Deliver(Topics.Result(Device), new byte[] { 1, 2, 3 });
            rig.Run(flow, 20);

            Assert.AreEqual(1, flow.MalformedMessages, "counted");
            Assert.AreEqual((int)FlowState.AwaitingResult, (int)flow.State, "still waiting");
        }

        [TestMethod]
        public void Second_card_during_the_wait_is_tapped_once_the_answer_is_shown()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = rig.Boot();
            TapEvent first = Tap(rig, mqtt, flow);
            byte[] other = new byte[] { 0x04, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06 };
            rig.Field.Card = other;
            rig.Run(flow, 50);
            Assert.AreEqual(1, mqtt.Count, "not tapped during the wait");

            mqtt.Deliver(Topics.Result(Device), Wire.Result(first, TapOutcome.CheckedIn, 1, 1));
            rig.Run(flow, 50);

            Assert.AreEqual(2, mqtt.Count, "tapped once the answer is shown");
            TapEvent second = Wire.DecodeTap(mqtt.At(1).Payload);
            Assert.Equal(other, second.ChipUid, "the second card");
            Assert.AreEqual(2u, second.Sequence, "sequence 2");
        }

        [TestMethod]
        public void Boot_epoch_never_falls_below_what_the_journal_has_seen()
        {
            TapJournal journal = new TapJournal(new MemoryAppendStore());
            journal.Open();
            journal.AppendTap(41, 1, 0, Wire.Card);

            uint epoch = BootEpoch.Advance(new MemoryBlobStore(), journal.HighestEpoch);

            Assert.AreEqual(42u, epoch, "one past the journal's highest epoch");
        }

        [TestMethod]
        public void Invalid_settings_are_refused_with_a_reason()
        {
            TerminalSettings settings = new TerminalSettings("Bad/Id");
            Assert.Contains("device id", settings.Validate(), "reason");

            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = Rig(mqtt);
            Expect.Throws(typeof(ArgumentException),
                () => new TapFlow(settings, 1, rig.Field, rig.Ui, mqtt, new TapJournal(rig.Flash), rig.Wall, rig.Rules),
                "a flow with an invalid device id");
        }
    }
}
