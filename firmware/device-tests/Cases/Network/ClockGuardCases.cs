using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Network;
using Uitpas.Edge.DeviceTests.Support;

namespace Uitpas.Edge.DeviceTests.Cases.Network
{
    /// <summary>The clock counts only after a sync and within [build date, + 20 years]; TLS waits for it.</summary>
    [TestClass]
    public class ClockGuardCases
    {
        private const long Build = 1793491200000L; // 2026-11-01 00:00 UTC
        private const long Day = 86400000L;
        private const long Minute = 60000L;

        [TestMethod]
        public void Clock_is_not_set_before_a_sync_even_when_it_reads_a_plausible_time()
        {
            ClockGuard clock = new ClockGuard(Build, new DiagnosticsRecordingLog());
            Assert.IsTrue(clock.IsPlausible(Build + Day), "a plausible reading");
            Assert.IsFalse(clock.IsSet(Build + Day), "but no sync yet: TLS waits");
            Assert.IsTrue(clock.ResyncDue(0), "a sync is due");
        }

        [TestMethod]
        public void A_sync_to_1970_or_before_the_build_is_refused_and_said()
        {
            DiagnosticsRecordingLog log = new DiagnosticsRecordingLog();
            ClockGuard clock = new ClockGuard(Build, log);
            Assert.IsFalse(clock.Synced(1000, 0, "sntp"), "1970 refused");
            Assert.IsFalse(clock.Synced(1000, Build - Day, "sntp"), "before the build refused");
            Assert.IsFalse(clock.IsSynced, "still not synced");
            Assert.IsFalse(clock.IsSet(Build - Day), "not set");
            Assert.Contains("implausible", log.Last, "the console says why");
        }

        [TestMethod]
        public void Clock_is_set_after_a_sync_and_only_within_twenty_years_of_the_build()
        {
            DiagnosticsRecordingLog log = new DiagnosticsRecordingLog();
            ClockGuard clock = new ClockGuard(Build, log);
            Assert.IsTrue(clock.Synced(1000, Build + 30 * Day, "sntp"), "accepted");
            Assert.IsTrue(clock.IsSet(Build + 30 * Day), "set");
            Assert.IsTrue(clock.IsSet(Build + 19 * 365 * Day), "19 years on");
            Assert.IsFalse(clock.IsSet(Build + 21 * 365 * Day), "21 years on is not believed");
            Assert.IsFalse(clock.IsSet(Build - 1), "before the build is not believed");
            Assert.Contains("[clock] set by sntp", log.Last, "the console says so");
        }

        [TestMethod]
        public void Resync_is_due_every_six_hours()
        {
            ClockGuard clock = new ClockGuard(Build, null);
            clock.Synced(1000, Build + Day, "sntp");
            Assert.IsFalse(clock.ResyncDue(1000 + ClockGuard.ResyncIntervalMs - 1), "not before 6 h");
            Assert.IsTrue(clock.ResyncDue(1000 + ClockGuard.ResyncIntervalMs), "at 6 h");
            clock.Synced(1000 + ClockGuard.ResyncIntervalMs, Build + Day + ClockGuard.ResyncIntervalMs, "sntp");
            Assert.IsFalse(clock.ResyncDue(1000 + ClockGuard.ResyncIntervalMs + 1), "a new sync restarts the 6 h");
            Assert.AreEqual(2, clock.Syncs, "two syncs");
        }

        [TestMethod]
        public void A_jump_of_more_than_five_minutes_after_a_sync_is_logged_and_asks_for_a_sync()
        {
            DiagnosticsRecordingLog log = new DiagnosticsRecordingLog();
            ClockGuard clock = new ClockGuard(Build, log);
            clock.Synced(0, Build + Day, "sntp");
            long jump = clock.Observe(60000, Build + Day + 60000 + 6 * Minute);
            Assert.AreEqual(6 * Minute, jump, "the jump");
            Assert.AreEqual(1, clock.Jumps, "counted");
            Assert.Contains("[clock] jumped +360 s", log.Last, "logged");
            Assert.IsTrue(clock.ResyncDue(60000), "a sync is asked at once");
            Assert.AreEqual(0L, clock.Observe(61000, Build + Day + 61000 + 6 * Minute), "the jumped reading is the new reference");
        }

        [TestMethod]
        public void Drift_within_five_minutes_is_not_a_jump()
        {
            DiagnosticsRecordingLog log = new DiagnosticsRecordingLog();
            ClockGuard clock = new ClockGuard(Build, log);
            clock.Synced(0, Build + Day, "sntp");
            int lines = log.Count;
            Assert.AreEqual(0L, clock.Observe(3600000, Build + Day + 3600000 + 4 * Minute), "4 minutes off");
            Assert.AreEqual(0L, clock.Observe(3600000, Build + Day + 3600000 - 4 * Minute), "4 minutes back");
            Assert.AreEqual(lines, log.Count, "nothing logged");
            Assert.AreEqual(0, clock.Jumps, "no jump");
        }

        [TestMethod]
        public void A_jump_to_an_implausible_time_unsets_the_clock_until_the_next_sync()
        {
            ClockGuard clock = new ClockGuard(Build, new DiagnosticsRecordingLog());
            clock.Synced(0, Build + Day, "sntp");
            clock.Observe(1000, 1000);
            Assert.IsFalse(clock.IsSet(1000), "1970 is not set");
            Assert.IsTrue(clock.Synced(2000, Build + Day + 2000, "sntp"), "a new sync");
            Assert.IsTrue(clock.IsSet(Build + Day + 2000), "set again");
        }
    }
}
