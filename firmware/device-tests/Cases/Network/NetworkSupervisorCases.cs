using System.Collections;
using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Network;

namespace Uitpas.Edge.DeviceTests.Cases.Network
{
    /// <summary>When the terminal tries to join WiFi: backoff, jitter per device, reset on success.</summary>
    [TestClass]
    public class NetworkSupervisorCases
    {
        [TestMethod]
        public void First_attempt_after_boot_waits_less_than_a_second()
        {
            NetworkSupervisor wifi = new NetworkSupervisor("vt-001", 5000);
            Assert.IsTrue(wifi.NextAttemptMs >= 5000 && wifi.NextAttemptMs < 6000, "first attempt at " + wifi.NextAttemptMs);
            Assert.IsFalse(wifi.ShouldJoin(wifi.NextAttemptMs - 1), "not before its time");
            Assert.IsTrue(wifi.ShouldJoin(wifi.NextAttemptMs), "at its time");
            Assert.IsTrue(wifi.State == NetworkState.Offline, "offline at boot");
        }

        [TestMethod]
        public void Failed_attempts_back_off_doubling_to_a_minute_within_the_jitter()
        {
            NetworkSupervisor wifi = new NetworkSupervisor("vt-001", 0);
            long now = wifi.NextAttemptMs;
            int[] nominal = new int[] { 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000 };
            for (int i = 0; i < nominal.Length; i++)
            {
                Assert.IsTrue(wifi.ShouldJoin(now), "attempt " + i + " due");
                wifi.Joining(now);
                Assert.IsFalse(wifi.ShouldJoin(now), "no second attempt while one is under way");
                int delay = wifi.Failed(now);
                Assert.IsTrue(delay >= nominal[i] * 3 / 4 && delay <= nominal[i] * 5 / 4,
                    "attempt " + i + ": " + delay + " ms is not within 25 % of " + nominal[i]);
                Assert.AreEqual(now + delay, wifi.NextAttemptMs, "next attempt after the delay");
                now += delay;
            }
            Assert.AreEqual(nominal.Length, wifi.Failures, "failures counted");
        }

        [TestMethod]
        public void The_same_terminal_always_waits_the_same()
        {
            NetworkSupervisor a = new NetworkSupervisor("bib-krook-01", 0);
            NetworkSupervisor b = new NetworkSupervisor("bib-krook-01", 0);
            Assert.AreEqual(a.NextAttemptMs, b.NextAttemptMs, "first attempt");
            for (int i = 0; i < 8; i++)
            {
                Assert.AreEqual(a.DelayMs(i), b.DelayMs(i), "delay after " + i + " failures");
            }
        }

        [TestMethod]
        public void Two_hundred_terminals_after_a_power_cut_spread_their_attempts()
        {
            Hashtable firstSecond = new Hashtable();
            int earliest = int.MaxValue;
            int latest = 0;
            Hashtable retries = new Hashtable();
            for (int n = 1; n <= 200; n++)
            {
                NetworkSupervisor wifi = new NetworkSupervisor("vt-" + n, 0);
                firstSecond[(int)(wifi.NextAttemptMs / 100)] = true;
                int retry = wifi.DelayMs(0);
                retries[retry / 50] = true;
                if (retry < earliest) earliest = retry;
                if (retry > latest) latest = retry;
            }
            Assert.IsTrue(firstSecond.Count >= 9, "first attempts fall in " + firstSecond.Count + " of the 10 tenths of the first second");
            Assert.IsTrue(latest - earliest >= 400, "first retries spread over " + (latest - earliest) + " ms");
            Assert.IsTrue(retries.Count >= 8, "first retries fall in " + retries.Count + " distinct 50 ms slots");
        }

        [TestMethod]
        public void A_join_resets_the_backoff_and_keeps_the_signal_strength()
        {
            NetworkSupervisor wifi = new NetworkSupervisor("vt-001", 0);
            long now = wifi.NextAttemptMs;
            for (int i = 0; i < 4; i++)
            {
                wifi.Joining(now);
                now += wifi.Failed(now);
            }
            wifi.Joining(now);
            wifi.Joined(now, -67);
            Assert.IsTrue(wifi.State == NetworkState.Joined, "joined");
            Assert.AreEqual(0, wifi.Failures, "backoff reset");
            Assert.AreEqual(-67, wifi.LastRssi, "signal kept");
            Assert.AreEqual(now, wifi.JoinedAtMs, "joined at");
            Assert.IsFalse(wifi.ShouldJoin(now + 600000), "no attempt while joined");
        }

        [TestMethod]
        public void A_drop_retries_after_the_first_backoff_step()
        {
            NetworkSupervisor wifi = new NetworkSupervisor("vt-001", 0);
            long now = wifi.NextAttemptMs;
            wifi.Joining(now);
            wifi.Joined(now, -70);
            now += 3600000;
            wifi.Lost(now);
            Assert.IsTrue(wifi.State == NetworkState.Offline, "offline after the drop");
            Assert.AreEqual(-1L, wifi.JoinedAtMs, "not joined");
            Assert.AreEqual(now + wifi.DelayMs(0), wifi.NextAttemptMs, "first step again");
            Assert.IsTrue(wifi.NextAttemptMs - now <= 1250, "within 1.25 s");
            Assert.AreEqual(-70, wifi.LastRssi, "the last measurement stays for the screen");
        }

        [TestMethod]
        public void Unknown_signal_strength_does_not_erase_the_last_measurement()
        {
            NetworkSupervisor wifi = new NetworkSupervisor("vt-001", 0);
            wifi.Rssi(-58);
            wifi.Rssi(0);
            wifi.Joined(10, 0);
            Assert.AreEqual(-58, wifi.LastRssi, "0 means not measured");
        }
    }
}
