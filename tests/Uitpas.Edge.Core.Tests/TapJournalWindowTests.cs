using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Tests;

public sealed class TapJournalWindowTests
{
    private static byte[] Card(uint n) => [0x04, (byte)(n >> 16), (byte)(n >> 8), (byte)n, 0x86, 0x26, 0x80];

    private static TapJournal Offline(MemoryAppendStore store, uint taps, int capacity = 64)
    {
        var journal = new TapJournal(store, capacity, TapJournal.DefaultCompactAtBytes);
        journal.Open();
        for (uint sequence = 1; sequence <= taps; sequence++)
        {
            journal.AppendTap(5, sequence, 1000 + sequence, Card(sequence));
        }
        return journal;
    }

    private static List<JournaledTap> All(TapJournal journal)
    {
        var all = new List<JournaledTap>();
        var scan = journal.ScanPending();
        while (scan.Next())
        {
            all.Add(scan.Current);
        }
        return all;
    }

    [Fact]
    public void Ram_holds_at_most_the_capacity_and_the_rest_is_streamed_from_flash_in_order()
    {
        var store = new MemoryAppendStore();
        var journal = Offline(store, 1000);
        Assert.Equal(64, journal.LoadedCount);
        Assert.Equal(1000, journal.PendingCount);

        var reopened = new TapJournal(store);
        reopened.Open();
        Assert.Equal(64, reopened.LoadedCount);
        Assert.Equal(1000, reopened.PendingCount);
        var all = All(reopened);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (uint)i), all.Select(t => t.Sequence));
        Assert.All(all, t => Assert.Equal(Card(t.Sequence), t.ChipUid));
    }

    [Fact]
    public void Backlog_drains_in_order_as_answers_arrive_for_the_taps_in_ram()
    {
        var store = new MemoryAppendStore();
        var journal = Offline(store, 1000);
        var answered = new List<uint>();
        while (journal.LoadedCount > 0)
        {
            Assert.InRange(journal.LoadedCount, 1, 64);
            var oldest = journal.PendingAt(0);
            answered.Add(oldest.Sequence);
            journal.AppendResult(oldest.BootEpoch, oldest.Sequence, TapOutcome.CheckedIn);
        }
        Assert.Equal(0, journal.PendingCount);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (uint)i), answered);

        var reopened = new TapJournal(store);
        reopened.Open();
        Assert.Equal(0, reopened.PendingCount);
        Assert.Equal(5u, reopened.HighestEpoch);
    }

    [Fact]
    public void Answer_for_a_tap_beyond_ram_settles_it_and_it_is_not_replayed()
    {
        var store = new MemoryAppendStore();
        var journal = Offline(store, 100);
        var live = journal.AppendTap(5, 101, 9999, Card(101));
        Assert.Same(live, journal.FindPending(5, 101));
        journal.AppendResult(5, 101, TapOutcome.CheckedIn);
        journal.AppendResult(5, 70, TapOutcome.Refused);
        Assert.Null(journal.FindPending(5, 101));
        Assert.Null(journal.FindPending(5, 70));
        Assert.Equal(99, journal.PendingCount);

        var reopened = new TapJournal(store);
        reopened.Open();
        var all = All(reopened);
        Assert.Equal(99, reopened.PendingCount);
        Assert.DoesNotContain(all, t => t.Sequence is 70 or 101);
        Assert.Equal(99, all.Count);
    }

    [Fact]
    public void Queued_answer_keeps_the_tap_pending_and_held_until_a_final_answer()
    {
        var store = new MemoryAppendStore();
        var journal = Offline(store, 3);
        journal.AppendResult(5, 2, TapOutcome.Queued);
        Assert.Equal(3, journal.PendingCount);
        Assert.True(journal.FindPending(5, 2)!.HeldByAgent);

        var reopened = new TapJournal(store);
        reopened.Open();
        Assert.True(reopened.FindPending(5, 2)!.HeldByAgent);
        reopened.AppendResult(5, 2, TapOutcome.CheckedIn);
        Assert.Null(reopened.FindPending(5, 2));
        Assert.Equal(2, reopened.PendingCount);
    }

    [Fact]
    public void Repeated_or_unknown_answers_write_nothing()
    {
        var store = new MemoryAppendStore();
        var journal = Offline(store, 200);
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

        Assert.Equal(length, store.Length);
        Assert.Equal(198, journal.PendingCount);
    }

    [Fact]
    public void Taps_out_of_epoch_and_sequence_order_are_refused()
    {
        var journal = Offline(new MemoryAppendStore(), 3);
        Assert.Throws<ArgumentException>(() => journal.AppendTap(5, 3, 0, Card(3)));
        Assert.Throws<ArgumentException>(() => journal.AppendTap(4, 9, 0, Card(9)));
        Assert.Throws<ArgumentException>(() => journal.AppendTap(6, 1, 0, new byte[5]));
        journal.AppendTap(6, 1, 0, Card(1));
        Assert.Equal(4, journal.PendingCount);
    }

    [Fact]
    public void Journal_used_before_it_is_opened_says_so()
    {
        var journal = new TapJournal(new MemoryAppendStore());
        Assert.Throws<InvalidOperationException>(() => journal.AppendTap(1, 1, 0, Card(1)));
        Assert.Throws<ArgumentException>(() => new TapJournal(new MemoryAppendStore(), 0, 4096));
        Assert.Throws<ArgumentException>(() => new TapJournal(new MemoryAppendStore(), 8, 100));
    }
}
