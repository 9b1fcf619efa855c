using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.DeviceTests.Support;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.DeviceTests.Cases.Journal
{
    /// <summary>The journal on flash: torn and damaged tails are cut at the last complete entry.</summary>
    [TestClass]
    public class TapJournalCases
    {
        [TestMethod]
        public void Journal_reopens_at_every_cut_offset_with_only_complete_records()
        {
            MemoryAppendStore full = new MemoryAppendStore();
            TapJournal journal = new TapJournal(full);
            journal.Open();
            long[] boundaries = new long[4];
            journal.AppendTap(1, 1, 1000, Wire.Card);
            boundaries[1] = full.Length;
            journal.AppendTap(1, 2, 2000, Wire.Card);
            boundaries[2] = full.Length;
            journal.AppendResult(1, 1, TapOutcome.CheckedIn);
            boundaries[3] = full.Length;
            int[] pendingAfter = new int[] { 0, 1, 2, 1 };

            for (int cut = 0; cut <= full.Length; cut++)
            {
                MemoryAppendStore torn = full.CopyPrefix(cut);
                TapJournal reopened = new TapJournal(torn);
                reopened.Open();

                int complete = 0;
                while (complete + 1 < boundaries.Length && boundaries[complete + 1] <= cut)
                {
                    complete++;
                }
                Assert.AreEqual(pendingAfter[complete], reopened.PendingCount, "pending after a cut at " + cut);
                Assert.AreEqual(boundaries[complete], torn.Length, "log cut back at " + cut);
                Assert.AreEqual(cut - boundaries[complete], (long)reopened.DiscardedBytes, "bytes discarded at " + cut);
            }
        }

        [TestMethod]
        public void Flipped_bit_ends_the_readable_journal_at_the_damaged_record()
        {
            MemoryAppendStore store = new MemoryAppendStore();
            TapJournal journal = new TapJournal(store);
            journal.Open();
            journal.AppendTap(3, 1, 0, Wire.Card);
            long firstEnd = store.Length;
            journal.AppendTap(3, 2, 0, Wire.Card);
            store[firstEnd + 8] ^= 0x10;

            TapJournal reopened = new TapJournal(store);
            reopened.Open();

            Assert.AreEqual(1, reopened.PendingCount, "only the first tap");
            Assert.AreEqual(1u, reopened.PendingAt(0).Sequence, "the first tap's sequence");
            Assert.AreEqual(3u, reopened.HighestEpoch, "epoch");
        }

        [TestMethod]
        public void Appends_after_a_torn_tail_follow_the_last_good_record()
        {
            MemoryAppendStore store = new MemoryAppendStore();
            TapJournal journal = new TapJournal(store);
            journal.Open();
            journal.AppendTap(1, 1, 0, Wire.Card);
            store.AppendRaw(new byte[] { 0xA5, 0x01, 0x19, 0x00 });

            TapJournal reopened = new TapJournal(store);
            reopened.Open();
            reopened.AppendTap(2, 1, 0, Wire.Card);

            TapJournal third = new TapJournal(store);
            third.Open();
            Assert.AreEqual(2, third.PendingCount, "both taps");
            Assert.AreEqual(0L, (long)third.DiscardedBytes, "nothing torn any more");
        }
    }
}
