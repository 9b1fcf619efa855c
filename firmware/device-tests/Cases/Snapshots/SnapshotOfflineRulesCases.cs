using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.DeviceTests.Cases.Snapshots
{
    /// <summary>The installed allowlist and events as the terminal's offline rules, and the tap flow deciding from them.</summary>
    [TestClass]
    public class SnapshotOfflineRulesCases
    {
        // 2025-11-24 10:30 and 2025-11-25 00:30 in Brussels (UTC+1).
        private const long Monday = 1763976600000;
        private const long TuesdayEarly = 1764027000000;

        private static SnapshotUpdater Installed(SnapshotRig rig, int limit)
        {
            SnapshotUpdater updater = rig.Boot();
            rig.OfferAllowlist(1, SnapshotMaker.Full(1, SnapshotRig.BlockedV1(), SnapshotRig.SocialV1()));
            rig.OfferEvents(1, SnapshotMaker.Events(1, new EventRules[] { SnapshotMaker.Event("evt-1", limit, LimitPeriod.Day) }));
            rig.Drive.Run(updater, () => updater.AllowlistVersion == 1 && updater.EventsVersion == 1);
            return updater;
        }

        /// <summary>A tap on the offline terminal: 60 ms in the field, 5 s away; the decision shown.</summary>
        private static Screen Tap(FlowRig flowRig, TapFlow flow, byte[] card)
        {
            flowRig.Hold(flow, card, 60);
            flowRig.Run(flow, 5000);
            return flowRig.Ui.LastDecision();
        }

        [TestMethod]
        public void Rules_flag_blocked_and_social_tariff_cards_and_give_the_days_limit()
        {
            SnapshotRig rig = new SnapshotRig();
            SnapshotOfflineRules rules = Installed(rig, 2).Rules;
            byte[][] social = SnapshotRig.SocialV1();

            Assert.AreEqual(CardFlags.Blocked, rules.FlagsOf(Uids.Numbered(2)), "blocked");
            Assert.AreEqual(CardFlags.SocialTariff, rules.FlagsOf(social[social.Length - 1]), "social tariff (a scattered card)");
            Assert.AreEqual(CardFlags.None, rules.FlagsOf(Uids.Numbered(99999)), "unknown card");
            Assert.AreEqual(CardFlags.None, rules.FlagsOf(new byte[] { 1, 2, 3 }), "not a chip number");

            int limit;
            string monday = rules.CheckinPeriod(Monday, out limit);
            Assert.AreEqual(2, limit, "the day's limit");
            Assert.StartsWith("evt-1/d", monday, "a day period of the event");
            Assert.AreEqual(monday, rules.CheckinPeriod(Monday + 3600000, out limit), "an hour later, the same day");
            Assert.AreNotEqual(monday, rules.CheckinPeriod(TuesdayEarly, out limit), "after midnight in Brussels, the next day");
            Assert.AreEqual("evt-1", rules.EventAt(Monday).EventId, "the event");
        }

        [TestMethod]
        public void Events_are_replaced_by_a_newer_version_and_another_terminals_are_refused()
        {
            SnapshotRig rig = new SnapshotRig();
            SnapshotUpdater updater = Installed(rig, 1);

            rig.OfferEvents(2, SnapshotMaker.Events(2, new EventRules[] { SnapshotMaker.Event("evt-2", 3, LimitPeriod.Week) }, "vt-008", SnapshotMaker.CardSystem));
            rig.Drive.Run(updater, () => rig.Agent.AnyRefused());
            Assert.Contains("wrong device", updater.LastRefusal, "another terminal's events");
            Assert.AreEqual("evt-1", updater.Rules.EventAt(Monday).EventId, "the old events kept");

            rig.OfferEvents(3, SnapshotMaker.Events(3, new EventRules[] { SnapshotMaker.Event("evt-3", 3, LimitPeriod.Week) }));
            rig.Drive.Run(updater, () => updater.EventsVersion == 3);
            int limit;
            Assert.StartsWith("evt-3/w", updater.Rules.CheckinPeriod(Monday, out limit), "a week period of the new event");
            Assert.AreEqual(3, limit, "the new limit");
        }

        [TestMethod]
        public void Offline_terminal_decides_from_the_installed_snapshots()
        {
            SnapshotRig rig = new SnapshotRig();
            SnapshotUpdater updater = Installed(rig, 1);
            rig.Agent.Disconnect();
            FlowRig flowRig = new FlowRig(SnapshotMaker.Device, rig.Agent);
            flowRig.Wall.UnixMs = Monday;
            TapFlow flow = TerminalBoot.Start(flowRig.Settings, flowRig.Field, flowRig.Ui, rig.Agent, flowRig.Flash, flowRig.Blobs,
                flowRig.Wall, updater.Rules, 0);
            flow.Snapshots = updater;
            byte[] socialCard = SnapshotRig.SocialV1()[5];

            Screen blocked = Tap(flowRig, flow, Uids.Numbered(1));
            Assert.AreEqual("Kaart geblokkeerd", blocked.Title, "blocked title");
            Assert.AreEqual((int)Signal.Refusal, (int)Tap(flowRig, flow, Uids.Numbered(1)).Signal, "blocked again, refusal signal");
            Screen social = Tap(flowRig, flow, socialCard);
            Assert.AreEqual("Offline geregistreerd", social.Title, "social tariff registered");
            Assert.IsTrue(social.StaffCue, "with the staff cue");
            Assert.DoesNotContains("kansentarief", social.ToString().ToLower(), "never the words");
            Assert.AreEqual("Al geregistreerd", Tap(flowRig, flow, socialCard).Title, "the day's limit of 1");
            Screen unknown = Tap(flowRig, flow, Uids.Numbered(99999));
            Assert.AreEqual("Offline geregistreerd", unknown.Title, "unknown card registered");
            Assert.IsFalse(unknown.StaffCue, "without the staff cue");
        }

        [TestMethod]
        public void Tap_flow_routes_snapshot_messages_to_the_updater()
        {
            SnapshotRig rig = new SnapshotRig();
            SnapshotUpdater updater = rig.Boot();
            FlowRig flowRig = new FlowRig(SnapshotMaker.Device, rig.Agent);
            TapFlow flow = TerminalBoot.Start(flowRig.Settings, flowRig.Field, flowRig.Ui, rig.Agent, flowRig.Flash, flowRig.Blobs,
                flowRig.Wall, updater.Rules, 0);
            flow.Snapshots = updater;
            rig.OfferAllowlist(1, SnapshotMaker.Full(1, SnapshotRig.BlockedV1(), SnapshotRig.SocialV1()));

            long now = 0;
            for (int i = 0; i < 5000 && updater.AllowlistVersion != 1; i++)
            {
                now += 10;
                flow.Step(now);
            }

            Assert.AreEqual(1u, updater.AllowlistVersion, "installed through the flow");
            Assert.AreEqual(CardFlags.Blocked, updater.Rules.FlagsOf(Uids.Numbered(1)), "lookups answer");
            Assert.AreEqual(0, flow.MalformedMessages, "no message misrouted");
        }
    }
}
