using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Network;
using Uitpas.Edge.Core.Startup;

namespace Uitpas.Edge.DeviceTests.Cases.Startup
{
    /// <summary>The boot waits for WiFi and the clock, says which, and never more than 60 s.</summary>
    [TestClass]
    public class NetworkWaitCases
    {
        [TestMethod]
        public void The_wait_shows_wifi_then_the_clock_then_ends_ready()
        {
            NetworkWait wait = new NetworkWait(1000);
            Assert.AreEqual(NetworkWait.JoiningWifi, wait.Stage(1000, NetworkState.Offline, false), "offline");
            Assert.AreEqual(NetworkWait.JoiningWifi, wait.Stage(3000, NetworkState.Joining, false), "joining");
            Assert.AreEqual(NetworkWait.SettingClock, wait.Stage(8000, NetworkState.Joined, false), "joined, no clock");
            Assert.AreEqual(NetworkWait.Ready, wait.Stage(9000, NetworkState.Joined, true), "both");
            Assert.IsTrue(NetworkWait.IsOver(NetworkWait.Ready), "over");
            Assert.IsNull(NetworkWait.ScreenFor(NetworkWait.Ready, BootScreens.Dutch, -60), "the tap screen follows");
            Assert.AreEqual("Klok wordt gezet…", NetworkWait.ScreenFor(NetworkWait.SettingClock, BootScreens.Dutch, -60).Title, "clock screen");
        }

        [TestMethod]
        public void The_wait_ends_after_sixty_seconds_without_network_and_says_tapping_still_works()
        {
            NetworkWait wait = new NetworkWait(1000);
            Assert.AreEqual(NetworkWait.JoiningWifi, wait.Stage(1000 + NetworkWait.LimitMs - 1, NetworkState.Joining, false), "just before");
            Assert.AreEqual(NetworkWait.TimedOut, wait.Stage(1000 + NetworkWait.LimitMs, NetworkState.Joining, false), "60 s");
            Assert.IsTrue(NetworkWait.IsOver(NetworkWait.TimedOut), "the core starts anyway");
            Assert.AreEqual("Tikken kan wel", NetworkWait.ScreenFor(NetworkWait.TimedOut, BootScreens.Dutch, 0).Detail, "taps are journaled");
        }

        [TestMethod]
        public void A_clock_set_without_a_network_does_not_end_the_wait()
        {
            NetworkWait wait = new NetworkWait(0);
            Assert.AreEqual(NetworkWait.JoiningWifi, wait.Stage(5000, NetworkState.Offline, true), "the network is needed too");
        }
    }
}
