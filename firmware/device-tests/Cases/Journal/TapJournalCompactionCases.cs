using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.DeviceTests.Cases.Journal
{
    /// <summary>Compaction into the sibling log: flash stays bounded, pending taps, held state and epoch survive.</summary>
    [TestClass]
    public class TapJournalCompactionCases
    {
        [TestMethod]
        public void Flash_stays_bounded_over_ten_thousand_answered_taps()
        {
            MemoryAppendStore store = new MemoryAppendStore();
            TapJournal journal = new TapJournal(store, 64, 4096);
            journal.Open();
            long mostBytes = 0;
            for (uint sequence = 1; sequence <= 10000; sequence++)
            {
                journal.AppendTap(1, sequence, sequence, Wire.Card);
                if (sequence > 5)
                {
                    journal.AppendResult(1, sequence - 5, sequence % 3 == 0 ? TapOutcome.Refused : TapOutcome.CheckedIn);
                }
                long bytes = store.Length + store.Other.Length;
                if (bytes > mostBytes)
                {
                    mostBytes = bytes;
                }
            }

            Assert.IsTrue(journal.Compactions > 50, "compactions: " + journal.Compactions);
            Assert.IsTrue(mostBytes <= 4096 + 2 * 47, "flash grew to " + mostBytes + " bytes");
            Assert.AreEqual(5, journal.PendingCount, "the last five taps are unanswered");
            TapJournal reopened = new TapJournal(store, 64, 4096);
            reopened.Open();
            Assert.AreEqual(5, reopened.PendingCount, "five pending after reopening");
            Assert.AreEqual(9996u, reopened.PendingAt(0).Sequence, "the oldest pending tap");
        }

        [TestMethod]
        public void Compaction_keeps_pending_taps_their_held_state_and_the_epoch()
        {
            MemoryAppendStore store = new MemoryAppendStore();
            TapJournal journal = new TapJournal(store, 4, 100000);
            journal.Open();
            for (uint sequence = 1; sequence <= 10; sequence++)
            {
                journal.AppendTap(7, sequence, sequence * 10, Wire.Card);
            }
            journal.AppendResult(7, 2, TapOutcome.Queued);
            journal.AppendResult(7, 8, TapOutcome.Queued);
            journal.AppendResult(7, 9, TapOutcome.CheckedIn);
            journal.AppendResult(7, 1, TapOutcome.CheckedIn);

            Assert.IsTrue(journal.Compact(), "first compaction");
            Assert.IsTrue(journal.Compact(), "second compaction");

            TapJournal reopened = new TapJournal(store, 4, 100000);
            reopened.Open();
            Assert.AreEqual(2u, reopened.Generation, "generation");
            Assert.AreEqual(8, reopened.PendingCount, "pending taps");
            Assert.IsTrue(reopened.FindPending(7, 2).HeldByAgent, "tap 2 held");
            Assert.IsTrue(reopened.FindPending(7, 8).HeldByAgent, "tap 8 held");
            Assert.IsFalse(reopened.FindPending(7, 3).HeldByAgent, "tap 3 not held");
            Assert.IsNull(reopened.FindPending(7, 9), "tap 9 settled");
        }

        [TestMethod]
        public void Epoch_survives_compaction_when_nothing_is_pending()
        {
            MemoryAppendStore store = new MemoryAppendStore();
            TapJournal journal = new TapJournal(store);
            journal.Open();
            journal.AppendTap(41, 1, 0, Wire.Card);
            journal.AppendResult(41, 1, TapOutcome.CheckedIn);
            Assert.IsTrue(journal.Compact(), "compacted");

            TapJournal reopened = new TapJournal(store);
            reopened.Open();
            Assert.AreEqual(0, reopened.PendingCount, "nothing pending");
            Assert.AreEqual(41u, reopened.HighestEpoch, "epoch kept");
        }

        // 300 taps (about 9 KB of log, twice that while compacting) keep the case inside the device's heap.
        [TestMethod]
        public void Backlog_that_compaction_cannot_shrink_is_not_rewritten_at_every_answer()
        {
            MemoryAppendStore store = new MemoryAppendStore();
            TapJournal journal = new TapJournal(store, 64, 1024);
            journal.Open();
            for (uint sequence = 1; sequence <= 300; sequence++)
            {
                journal.AppendTap(1, sequence, sequence, Wire.Card);
            }
            for (uint sequence = 1; sequence <= 50; sequence++)
            {
                journal.AppendResult(1, sequence, TapOutcome.CheckedIn);
            }

            Assert.IsTrue(journal.Compactions >= 1 && journal.Compactions <= 2, "compactions: " + journal.Compactions);
            Assert.AreEqual(250, journal.PendingCount, "pending taps");
        }

        [TestMethod]
        public void Store_without_a_sibling_never_compacts()
        {
            TapJournal journal = new TapJournal(MemoryAppendStore.Single(), 64, 256);
            journal.Open();
            for (uint sequence = 1; sequence <= 50; sequence++)
            {
                journal.AppendTap(1, sequence, sequence, Wire.Card);
                journal.AppendResult(1, sequence, TapOutcome.CheckedIn);
            }

            Assert.IsFalse(journal.Compact(), "no sibling to compact into");
            Assert.AreEqual(0, journal.Compactions, "compactions");
            Assert.AreEqual(0, journal.PendingCount, "nothing pending");
        }
    }
}
