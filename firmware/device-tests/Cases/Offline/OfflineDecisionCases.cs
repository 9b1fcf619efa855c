using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.DeviceTests.Cases.Offline
{
    /// <summary>Deciding alone: registered, already registered, blocked; the social tariff as a staff cue only.</summary>
    [TestClass]
    public class OfflineDecisionCases
    {
        private const string Device = "vt-002";
        private static readonly byte[] Other = new byte[] { 0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60 };

        private static FlowRig OfflineRig(string language)
        {
            TransportDouble mqtt = new TransportDouble();
            mqtt.IsConnected = false;
            FlowRig rig = new FlowRig(Device, mqtt);
            rig.Settings.Language = language;
            return rig;
        }

        private static Screen TapOffline(FlowRig rig, TapFlow flow, byte[] card)
        {
            rig.Hold(flow, card, 60);
            rig.Run(flow, 60);
            return rig.Ui.LastDecision();
        }

        [TestMethod]
        public void Offline_tap_is_registered_and_queued_without_inventing_points()
        {
            FlowRig rig = OfflineRig("nl");
            TapFlow flow = rig.Boot();

            Screen screen = TapOffline(rig, flow, Wire.Card);

            Assert.AreEqual("Offline geregistreerd", screen.Title, "title");
            Assert.AreEqual("Je punten volgen later", screen.Detail, "detail");
            Assert.DoesNotContains("punt ·", screen.Detail, "no invented points");
            Assert.AreEqual(1, flow.PendingTaps, "queued");
        }

        [TestMethod]
        public void Second_offline_tap_in_the_same_period_says_already_registered()
        {
            FlowRig rig = OfflineRig("nl");
            TapFlow flow = rig.Boot();
            TapOffline(rig, flow, Wire.Card);
            rig.Run(flow, 5000);

            Screen again = TapOffline(rig, flow, Wire.Card);

            Assert.AreEqual("Al geregistreerd", again.Title, "title");
            Assert.AreEqual((int)Signal.Refusal, (int)again.Signal, "refusal signal");
            Assert.AreEqual(2, flow.PendingTaps, "both journaled");
            Assert.AreEqual("Offline geregistreerd", TapOffline(rig, flow, Other).Title, "another card is registered");
        }

        [TestMethod]
        public void Limit_counts_taps_registered_before_a_reboot()
        {
            FlowRig rig = OfflineRig("nl");
            TapOffline(rig, rig.Boot(), Wire.Card);

            TapFlow rebooted = rig.Boot();
            Screen again = TapOffline(rig, rebooted, Wire.Card);

            Assert.AreEqual("Al geregistreerd", again.Title, "counted across the reboot");
        }

        [TestMethod]
        public void Card_blocked_in_the_allowlist_is_refused_offline()
        {
            FlowRig rig = OfflineRig("nl");
            rig.Rules.Flag(Wire.Card, CardFlags.Blocked);
            TapFlow flow = rig.Boot();

            Screen screen = TapOffline(rig, flow, Wire.Card);

            Assert.AreEqual("Kaart geblokkeerd", screen.Title, "title");
            Assert.AreEqual((int)Signal.Refusal, (int)screen.Signal, "refusal signal");
        }

        [DataRow("nl")]
        [DataRow("fr")]
        [DataRow("en")]
        public void Social_tariff_shows_only_the_staff_cue_never_the_words(string language)
        {
            FlowRig rig = OfflineRig(language);
            rig.Rules.Flag(Wire.Card, CardFlags.SocialTariff);
            TapFlow flow = rig.Boot();

            Screen screen = TapOffline(rig, flow, Wire.Card);

            Assert.IsTrue(screen.StaffCue, "staff cue");
            string[] forbidden = new string[] { "kansen", "tarif", "social", "sociaal" };
            for (int i = 0; i < rig.Ui.Count; i++)
            {
                Screen shown = rig.Ui.At(i);
                string text = (shown.Title + " " + shown.Detail).ToLower();
                for (int k = 0; k < forbidden.Length; k++)
                {
                    Assert.DoesNotContains(forbidden[k], text, "screen " + i + " in " + language);
                }
            }
        }

        [TestMethod]
        public void Ordinary_card_gets_no_staff_cue()
        {
            FlowRig rig = OfflineRig("nl");
            Assert.IsFalse(TapOffline(rig, rig.Boot(), Wire.Card).StaffCue, "no staff cue");
        }

        [TestMethod]
        public void Offline_screens_speak_french_and_english()
        {
            FlowRig french = OfflineRig("fr");
            Assert.AreEqual("Enregistré hors ligne", TapOffline(french, french.Boot(), Wire.Card).Title, "French");
            FlowRig english = OfflineRig("en");
            Assert.AreEqual("Registered offline", TapOffline(english, english.Boot(), Wire.Card).Title, "English");
        }

        [TestMethod]
        public void Without_event_rules_every_tap_is_registered_and_central_decides_later()
        {
            FlowRig rig = OfflineRig("nl");
            rig.Rules.EventOpen = false;
            TapFlow flow = rig.Boot();
            TapOffline(rig, flow, Wire.Card);
            rig.Run(flow, 5000);

            Assert.AreEqual("Offline geregistreerd", TapOffline(rig, flow, Wire.Card).Title, "registered again");
        }

        [TestMethod]
        public void Live_check_in_counts_against_the_limit_when_the_next_tap_must_be_decided_alone()
        {
            TransportDouble mqtt = new TransportDouble();
            FlowRig rig = new FlowRig(Device, mqtt);
            TapFlow flow = rig.Boot();
            rig.Hold(flow, Wire.Card, 60);
            TapEvent tap = Wire.DecodeTap(mqtt.Last.Payload);
            mqtt.Deliver(Topics.Result(Device), Wire.Result(tap, TapOutcome.CheckedIn, 1, 5));
            rig.Run(flow, 5000);

            mqtt.IsConnected = false;
            Assert.AreEqual("Al geregistreerd", TapOffline(rig, flow, Wire.Card).Title, "the live check-in counted");
        }

        [TestMethod]
        public void Ledger_keeps_a_fixed_number_of_cards_and_forgets_the_oldest()
        {
            OfflineLedger ledger = new OfflineLedger(3);
            byte[][] cards = new byte[4][];
            for (int i = 0; i < cards.Length; i++)
            {
                cards[i] = new byte[] { 4, 0, 0, 0, 0, 0, (byte)(i + 1) };
                ledger.Add(cards[i], "p");
            }

            Assert.AreEqual(0, ledger.Count(cards[0], "p"), "the oldest is forgotten");
            for (int i = 1; i < cards.Length; i++)
            {
                Assert.AreEqual(1, ledger.Count(cards[i], "p"), "card " + i + " counted once");
            }
            Assert.AreEqual(0, ledger.Count(cards[1], "another period"), "another period");
        }
    }
}
