using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Watchdog;

namespace Uitpas.Edge.DeviceTests.Cases.Watchdog
{
    /// <summary>A stalled thread is noticed; a thread that legitimately blocks in a connect is not.</summary>
    [TestClass]
    public class LoopWatchdogCases
    {
        [TestMethod]
        public void Main_loop_stalls_after_ten_seconds_without_a_turn()
        {
            LoopWatchdog dog = new LoopWatchdog();
            int main = dog.AddLane("main loop", LoopWatchdog.MainLoopTimeoutMs);
            dog.Feed(main, 1000);
            Assert.AreEqual(-1, dog.Check(11000), "exactly 10 s is still fine");
            Assert.AreEqual(main, dog.Check(11001), "10 s and 1 ms without a turn");
            Assert.AreEqual("main loop", dog.NameOf(main), "named for reboot.bin");
            Assert.AreEqual(10001L, dog.SilentForMs(main, 11001), "silent for");
        }

        [TestMethod]
        public void A_loop_fed_every_turn_never_stalls()
        {
            LoopWatchdog dog = new LoopWatchdog();
            int main = dog.AddLane("main loop", LoopWatchdog.MainLoopTimeoutMs);
            for (long t = 0; t < 60000; t += 15)
            {
                dog.Feed(main, t);
                Assert.AreEqual(-1, dog.Check(t + 2000), "fed at " + t);
            }
        }

        [TestMethod]
        public void A_lane_never_fed_nor_entered_cannot_stall()
        {
            LoopWatchdog dog = new LoopWatchdog();
            dog.AddLane("main loop", LoopWatchdog.MainLoopTimeoutMs);
            dog.AddLane("wifi", LoopWatchdog.WifiJoinTimeoutMs);
            Assert.AreEqual(-1, dog.Check(3600000), "the loop has not started");
        }

        [TestMethod]
        public void A_network_lane_waiting_between_attempts_never_stalls()
        {
            LoopWatchdog dog = new LoopWatchdog();
            int wifi = dog.AddLane("wifi", LoopWatchdog.WifiJoinTimeoutMs);
            dog.Enter(wifi, 0);
            dog.Leave(wifi, 60000); // the join gave up after its own 60 s
            Assert.AreEqual(-1, dog.Check(60000 + 3600000), "backing off for an hour is not a hang");
            Assert.IsFalse(dog.IsInside(wifi), "outside");
        }

        [TestMethod]
        public void A_connect_that_blocks_within_its_timeout_is_not_a_stall()
        {
            LoopWatchdog dog = new LoopWatchdog();
            int main = dog.AddLane("main loop", LoopWatchdog.MainLoopTimeoutMs);
            int mqtt = dog.AddLane("mqtt", LoopWatchdog.MqttConnectTimeoutMs);
            dog.Enter(mqtt, 0);
            for (long t = 0; t <= 90000; t += 15)
            {
                dog.Feed(main, t);
            }
            Assert.AreEqual(-1, dog.Check(90000), "a 90 s TLS connect is slow, not hung");
            Assert.IsTrue(dog.IsInside(mqtt), "inside the connect");
        }

        [TestMethod]
        public void A_connect_stuck_past_its_timeout_is_a_stall_of_that_lane()
        {
            LoopWatchdog dog = new LoopWatchdog();
            int main = dog.AddLane("main loop", LoopWatchdog.MainLoopTimeoutMs);
            int mqtt = dog.AddLane("mqtt", LoopWatchdog.MqttConnectTimeoutMs);
            dog.Enter(mqtt, 0);
            long t = 0;
            for (; t <= LoopWatchdog.MqttConnectTimeoutMs + 15; t += 15)
            {
                dog.Feed(main, t);
            }
            Assert.AreEqual(mqtt, dog.Check(t), "the mqtt lane");
            Assert.AreEqual("mqtt", dog.NameOf(mqtt), "named");
        }

        [TestMethod]
        public void Lanes_beyond_the_limit_are_refused()
        {
            LoopWatchdog dog = new LoopWatchdog();
            for (int i = 0; i < LoopWatchdog.MaxLanes; i++)
            {
                dog.AddLane("lane " + i, 1000);
            }
            bool refused = false;
            try
            {
                dog.AddLane("one too many", 1000);
            }
            catch (System.InvalidOperationException)
            {
                refused = true;
            }
            Assert.IsTrue(refused, "a ninth lane is refused");
            Assert.AreEqual(LoopWatchdog.MaxLanes, dog.LaneCount, "eight lanes");
        }
    }
}
