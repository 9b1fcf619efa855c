using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Tests;

public sealed class TapJournalTests
{
    private static readonly byte[] Card = [0x04, 0x4D, 0x71, 0xDA, 0x86, 0x26, 0x80];

    [Fact]
    public void Journal_reopens_at_every_cut_offset_with_only_complete_records()
    {
        var full = new MemoryAppendStore();
        var journal = new TapJournal(full);
        journal.Open();
        var boundaries = new List<long> { 0 };
        journal.AppendTap(1, 1, 1000, Card); boundaries.Add(full.Length);
        journal.AppendTap(1, 2, 2000, Card); boundaries.Add(full.Length);
        journal.AppendResult(1, 1, TapOutcome.CheckedIn); boundaries.Add(full.Length);
        int[] pendingAfter = [0, 1, 2, 1];

        for (int cut = 0; cut <= full.Length; cut++)
        {
            var torn = new MemoryAppendStore();
            torn.Bytes.AddRange(full.Bytes.Take(cut));
            var reopened = new TapJournal(torn);
            reopened.Open();

            int complete = boundaries.Count(b => b <= cut) - 1;
            Assert.Equal(pendingAfter[complete], reopened.PendingCount);
            Assert.Equal(boundaries[complete], torn.Length);
            Assert.Equal(cut - boundaries[complete], reopened.DiscardedBytes);
        }
    }

    [Fact]
    public void Flipped_bit_ends_the_readable_journal_at_the_damaged_record()
    {
        var store = new MemoryAppendStore();
        var journal = new TapJournal(store);
        journal.Open();
        journal.AppendTap(3, 1, 0, Card);
        long firstEnd = store.Length;
        journal.AppendTap(3, 2, 0, Card);
        store.Bytes[(int)firstEnd + 8] ^= 0x10;

        var reopened = new TapJournal(store);
        reopened.Open();
        Assert.Equal(1, reopened.PendingCount);
        Assert.Equal(1u, reopened.PendingAt(0).Sequence);
        Assert.Equal(3u, reopened.HighestEpoch);
    }

    [Fact]
    public void Appends_after_a_torn_tail_follow_the_last_good_record()
    {
        var store = new MemoryAppendStore();
        var journal = new TapJournal(store);
        journal.Open();
        journal.AppendTap(1, 1, 0, Card);
        store.Bytes.AddRange(new byte[] { 0xA5, 0x01, 0x19, 0x00 });

        var reopened = new TapJournal(store);
        reopened.Open();
        reopened.AppendTap(2, 1, 0, Card);

        var third = new TapJournal(store);
        third.Open();
        Assert.Equal(2, third.PendingCount);
        Assert.Equal(0, third.DiscardedBytes);
    }
}
