using System;
using System.Collections;
using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.DeviceTests.Cases.Journal
{
    /// <summary>
    /// A backlog larger than the journal holds in RAM: at most the capacity in memory, the rest
    /// streamed from flash in order. The backlog is 400 taps (about 12 KB of log): over six times
    /// the RAM window and past the compaction threshold once answered, yet inside the device's heap.
    /// </summary>
    [TestClass]
    public class TapJournalWindowCases
    {
        private const uint Backlog = 400;

        private static byte[] Card(uint n)
        {
            return new byte[] { 0x04, (byte)(n >> 16), (byte)(n >> 8), (byte)n, 0x86, 0x26, 0x80 };
        }

        private static TapJournal Offline(MemoryAppendStore store, uint taps)
        {
            TapJournal journal = new TapJournal(store, 64, TapJournal.DefaultCompactAtBytes);
            journal.Open();
            for (uint sequence = 1; sequence <= taps; sequence++)
            {
                journal.AppendTap(5, sequence, 1000 + sequence, Card(sequence));
            }
            return journal;
        }

        private static ArrayList All(TapJournal journal)
        {
            ArrayList all = new ArrayList();
            PendingScan scan = journal.ScanPending();
            while (scan.Next())
            {
                all.Add(scan.Current);
            }
            return all;
        }

        [TestMethod]
        public void Ram_holds_at_most_the_capacity_and_the_rest_is_streamed_from_flash_in_order()
        {
            MemoryAppendStore store = new MemoryAppendStore();
            TapJournal journal = Offline(store, Backlog);
            Assert.AreEqual(64, journal.LoadedCount, "taps in RAM");
            Assert.AreEqual((int)Backlog, journal.PendingCount, "pending taps");

            TapJournal reopened = new TapJournal(store);
            reopened.Open();
            Assert.AreEqual(64, reopened.LoadedCount, "taps in RAM after reopening");
            Assert.AreEqual((int)Backlog, reopened.PendingCount, "pending taps after reopening");
            ArrayList all = All(reopened);
            Assert.AreEqual((int)Backlog, all.Count, "taps streamed");
            for (int i = 0; i < all.Count; i++)
            {
                JournaledTap tap = (JournaledTap)all[i];
                Assert.AreEqual((uint)(i + 1), tap.Sequence, "in order at " + i);
                Assert.Equal(Card(tap.Sequence), tap.ChipUid, "chip uid of tap " + tap.Sequence);
            }
        }

        [TestMethod]
        public void Backlog_drains_in_order_as_answers_arrive_for_the_taps_in_ram()
        {
            MemoryAppendStore store = new MemoryAppendStore();
            TapJournal journal = Offline(store, Backlog);
            uint expected = 1;
            while (journal.LoadedCount > 0)
            {
                Assert.IsTrue(journal.LoadedCount >= 1 && journal.LoadedCount <= 64, "taps in RAM: " + journal.LoadedCount);
                JournaledTap oldest = journal.PendingAt(0);
                Assert.AreEqual(expected, oldest.Sequence, "answered in order");
                expected++;
                journal.AppendResult(oldest.BootEpoch, oldest.Sequence, TapOutcome.CheckedIn);
            }
            Assert.AreEqual(Backlog + 1, expected, "every tap answered");
            Assert.AreEqual(0, journal.PendingCount, "nothing pending");

            TapJournal reopened = new TapJournal(store);
            reopened.Open();
            Assert.AreEqual(0, reopened.PendingCount, "nothing pending after reopening");
            Assert.AreEqual(5u, reopened.HighestEpoch, "epoch");
        }

        [TestMethod]
        public void Answer_for_a_tap_beyond_ram_settles_it_and_it_is_not_replayed()
        {
            MemoryAppendStore store = new MemoryAppendStore();
            TapJournal journal = Offline(store, 100);
            JournaledTap live = journal.AppendTap(5, 101, 9999, Card(101));
            Assert.AreSame(live, journal.FindPending(5, 101), "the live tap is found");
            journal.AppendResult(5, 101, TapOutcome.CheckedIn);
            journal.AppendResult(5, 70, TapOutcome.Refused);
            Assert.IsNull(journal.FindPending(5, 101), "the live tap settled");
            Assert.IsNull(journal.FindPending(5, 70), "tap 70 settled");
            Assert.AreEqual(99, journal.PendingCount, "pending taps");

            TapJournal reopened = new TapJournal(store);
            reopened.Open();
            ArrayList all = All(reopened);
            Assert.AreEqual(99, reopened.PendingCount, "pending after reopening");
            Assert.AreEqual(99, all.Count, "taps streamed");
            for (int i = 0; i < all.Count; i++)
            {
                uint sequence = ((JournaledTap)all[i]).Sequence;
                Assert.IsTrue(sequence != 70 && sequence != 101, "settled tap " + sequence + " is not replayed");
            }
        }

        [TestMethod]
        public void Queued_answer_keeps_the_tap_pending_and_held_until_a_final_answer()
        {
            MemoryAppendStore store = new MemoryAppendStore();
            TapJournal journal = Offline(store, 3);
            journal.AppendResult(5, 2, TapOutcome.Queued);
            Assert.AreEqual(3, journal.PendingCount, "still pending");
            Assert.IsTrue(journal.FindPending(5, 2).HeldByAgent, "held by the agent");

            TapJournal reopened = new TapJournal(store);
            reopened.Open();
            Assert.IsTrue(reopened.FindPending(5, 2).HeldByAgent, "held after reopening");
            reopened.AppendResult(5, 2, TapOutcome.CheckedIn);
            Assert.IsNull(reopened.FindPending(5, 2), "settled by the final answer");
            Assert.AreEqual(2, reopened.PendingCount, "pending taps");
        }

        [TestMethod]
        public void Repeated_or_unknown_answers_write_nothing()
        {
            MemoryAppendStore store = new MemoryAppendStore();
            TapJournal journal = Offline(store, 200);
            journal.AppendResult(5, 1, TapOutcome.Queued);
            journal.AppendResult(5, 150, TapOutcome.Queued);
            journal.AppendResult(5, 3, TapOutcome.CheckedIn);
            journal.AppendResult(5, 160, TapOutcome.CheckedIn);
            long length = store.Length;

            journal.AppendResult(5, 1, TapOutcome.Queued);
            journal.AppendResult(5, 150, TapOutcome.Queued);
            journal.AppendResult(5, 3, TapOutcome.CheckedIn);
            journal.AppendResult(5, 160, TapOutcome.Refused);
            journal.AppendResult(5, 999, TapOutcome.CheckedIn);
            journal.AppendResult(4, 1, TapOutcome.CheckedIn);

            Assert.AreEqual(length, store.Length, "nothing written");
            Assert.AreEqual(198, journal.PendingCount, "pending taps");
        }

        [TestMethod]
        public void Taps_out_of_epoch_and_sequence_order_are_refused()
        {
            TapJournal journal = Offline(new MemoryAppendStore(), 3);
            Expect.Throws(typeof(ArgumentException), () => journal.AppendTap(5, 3, 0, Card(3)), "a repeated sequence");
            Expect.Throws(typeof(ArgumentException), () => journal.AppendTap(4, 9, 0, Card(9)), "an older epoch");
            Expect.Throws(typeof(ArgumentException), () => journal.AppendTap(6, 1, 0, new byte[5]), "a 5-byte uid");
            journal.AppendTap(6, 1, 0, Card(1));
            Assert.AreEqual(4, journal.PendingCount, "the good tap is taken");
        }

        [TestMethod]
        public void Journal_used_before_it_is_opened_says_so()
        {
            TapJournal journal = new TapJournal(new MemoryAppendStore());
            Expect.Throws(typeof(InvalidOperationException), () => journal.AppendTap(1, 1, 0, Card(1)), "not opened");
            Expect.Throws(typeof(ArgumentException), () => new TapJournal(new MemoryAppendStore(), 0, 4096), "capacity 0");
            Expect.Throws(typeof(ArgumentException), () => new TapJournal(new MemoryAppendStore(), 8, 100), "compaction threshold too small");
        }
    }
}
