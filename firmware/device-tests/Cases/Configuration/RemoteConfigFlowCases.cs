using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Configuration;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Presence;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.DeviceTests.Cases.Configuration
{
    /// <summary>The pushed configuration as the tap flow sees it: delivered on the config topic, in effect from the next step.</summary>
    [TestClass]
    public class RemoteConfigFlowCases
    {
        private const string Device = "vt-007";

        private static FlowRig Rig(RetainingTransport mqtt)
        {
            FlowRig rig = new FlowRig(Device, mqtt);
            rig.Now = 1000;
            return rig;
        }

        private static TapFlow Boot(FlowRig rig, RetainingTransport mqtt)
        {
            RemoteConfig config = new RemoteConfig(rig.Settings, new PresenceSettings("1.0.0", 0), ConfigDocs.Key(), TestHmac.Instance,
                rig.Blobs, mqtt, new WallClockDouble(), null);
            TapFlow flow = rig.Boot();
            flow.Configuration = config;
            return flow;
        }

        [TestMethod]
        public void A_pushed_language_changes_the_waiting_screen_at_once()
        {
            RetainingTransport mqtt = new RetainingTransport();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = Boot(rig, mqtt);
            Assert.AreEqual("Tik je UiTPAS", rig.Ui.Last.Title, "Dutch at first");

            mqtt.Deliver(Topics.Config(Device), ConfigDocs.Signed(Device, 1, ConfigSettings.Language, "fr"));
            rig.Run(flow, 10);

            Assert.AreEqual("Présentez votre UiTPAS", rig.Ui.Last.Title, "French at once");
            ConfigReport[] reports = ConfigDocs.Reports(mqtt, Topics.ConfigState(Device));
            Assert.AreEqual(1, reports.Length, "one report");
            Assert.AreEqual(ConfigReport.AppliedResult, reports[0].Result, "applied");
        }

        [TestMethod]
        public void A_pushed_retap_window_is_used_by_the_next_tap()
        {
            RetainingTransport mqtt = new RetainingTransport();
            FlowRig rig = Rig(mqtt);
            TapFlow flow = Boot(rig, mqtt);
            mqtt.IsConnected = false; // decide alone at once: the reader keeps sampling
            rig.TapAndLift(flow, Wire.Card);
            rig.TapAndLift(flow, Wire.Card);
            Assert.AreEqual(1u, flow.TapsSinceBoot, "the same card within 3 s is a bounce");

            mqtt.Deliver(Topics.Config(Device), ConfigDocs.Signed(Device, 1, ConfigSettings.RetapWindowMs, "0"));
            rig.Run(flow, 10);
            rig.TapAndLift(flow, Wire.Card);

            Assert.AreEqual(2u, flow.TapsSinceBoot, "no re-tap window any more");
        }

        [TestMethod]
        public void A_stored_configuration_is_in_force_from_the_first_step_after_a_reboot()
        {
            RetainingTransport mqtt = new RetainingTransport();
            FlowRig rig = Rig(mqtt);
            TapFlow first = Boot(rig, mqtt);
            mqtt.Deliver(Topics.Config(Device), ConfigDocs.Signed(Device, 2, ConfigSettings.Language, "en", ConfigSettings.ResultShownMs, "1000"));
            rig.Run(first, 10);

            rig.Settings.Language = "nl"; // the provisioned values again, as device.cfg gives them
            rig.Settings.ResultShownMs = 4000;
            TapFlow second = Boot(rig, mqtt);

            Assert.AreEqual("Tap your UiTPAS", rig.Ui.Last.Title, "English from the start");
            Assert.AreEqual(1000, rig.Settings.ResultShownMs, "stored display time");
            Assert.AreEqual(2u, second.Configuration.AppliedVersion, "stored version");
        }
    }
}
