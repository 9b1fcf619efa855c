using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Tests;

public sealed class TapJournalCompactionTests
{
    private static readonly byte[] Card = [0x04, 0x4D, 0x71, 0xDA, 0x86, 0x26, 0x80];

    [Fact]
    public void Flash_stays_bounded_over_ten_thousand_answered_taps()
    {
        var store = new MemoryAppendStore();
        var journal = new TapJournal(store, 64, 4096);
        journal.Open();
        long mostBytes = 0;
        for (uint sequence = 1; sequence <= 10_000; sequence++)
        {
            journal.AppendTap(1, sequence, sequence, Card);
            if (sequence > 5)
            {
                journal.AppendResult(1, sequence - 5, sequence % 3 == 0 ? TapOutcome.Refused : TapOutcome.CheckedIn);
            }
            mostBytes = Math.Max(mostBytes, store.Length + store.Other.Length);
        }

        Assert.True(journal.Compactions > 50);
        Assert.True(mostBytes <= 4096 + 2 * 47, $"flash grew to {mostBytes} bytes");
        Assert.Equal(5, journal.PendingCount);
        var reopened = new TapJournal(store, 64, 4096);
        reopened.Open();
        Assert.Equal(5, reopened.PendingCount);
        Assert.Equal(9996u, reopened.PendingAt(0).Sequence);
    }

    [Fact]
    public void Compaction_keeps_pending_taps_their_held_state_and_the_epoch()
    {
        var store = new MemoryAppendStore();
        var journal = new TapJournal(store, 4, 100_000);
        journal.Open();
        for (uint sequence = 1; sequence <= 10; sequence++)
        {
            journal.AppendTap(7, sequence, sequence * 10, Card);
        }
        journal.AppendResult(7, 2, TapOutcome.Queued);
        journal.AppendResult(7, 8, TapOutcome.Queued);
        journal.AppendResult(7, 9, TapOutcome.CheckedIn);
        journal.AppendResult(7, 1, TapOutcome.CheckedIn);

        Assert.True(journal.Compact());
        Assert.True(journal.Compact());

        var reopened = new TapJournal(store, 4, 100_000);
        reopened.Open();
        Assert.Equal(2u, reopened.Generation);
        Assert.Equal(8, reopened.PendingCount);
        Assert.True(reopened.FindPending(7, 2)!.HeldByAgent);
        Assert.True(reopened.FindPending(7, 8)!.HeldByAgent);
        Assert.False(reopened.FindPending(7, 3)!.HeldByAgent);
        Assert.Null(reopened.FindPending(7, 9));
    }

    [Fact]
    public void Epoch_survives_compaction_when_nothing_is_pending()
    {
        var store = new MemoryAppendStore();
        var journal = new TapJournal(store);
        journal.Open();
        journal.AppendTap(41, 1, 0, Card);
        journal.AppendResult(41, 1, TapOutcome.CheckedIn);
        Assert.True(journal.Compact());

        var reopened = new TapJournal(store);
        reopened.Open();
        Assert.Equal(0, reopened.PendingCount);
        Assert.Equal(41u, reopened.HighestEpoch);
    }

    [Fact]
    public void Backlog_that_compaction_cannot_shrink_is_not_rewritten_at_every_answer()
    {
        var store = new MemoryAppendStore();
        var journal = new TapJournal(store, 64, 1024);
        journal.Open();
        for (uint sequence = 1; sequence <= 600; sequence++)
        {
            journal.AppendTap(1, sequence, sequence, Card);
        }
        for (uint sequence = 1; sequence <= 100; sequence++)
        {
            journal.AppendResult(1, sequence, TapOutcome.CheckedIn);
        }
        Assert.InRange(journal.Compactions, 1, 2);
        Assert.Equal(500, journal.PendingCount);
    }

    [Fact]
    public void Store_without_a_sibling_never_compacts()
    {
        var store = new SingleLog();
        var journal = new TapJournal(store, 64, 256);
        journal.Open();
        for (uint sequence = 1; sequence <= 50; sequence++)
        {
            journal.AppendTap(1, sequence, sequence, Card);
            journal.AppendResult(1, sequence, TapOutcome.CheckedIn);
        }
        Assert.False(journal.Compact());
        Assert.Equal(0, journal.Compactions);
        Assert.Equal(0, journal.PendingCount);
    }

    /// <summary>A single log, no pair.</summary>
    private sealed class SingleLog : IAppendStore
    {
        private readonly List<byte> _bytes = [];
        public long Length => _bytes.Count;
        public IAppendStore? Sibling => null;
        public void Append(byte[] buffer, int offset, int count) => _bytes.AddRange(buffer.AsSpan(offset, count).ToArray());
        public void Flush() { }
        public int Read(long position, byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Max(0, Math.Min(count, _bytes.Count - position));
            _bytes.CopyTo((int)position, buffer, offset, n);
            return n;
        }
        public void Truncate(long length) => _bytes.RemoveRange((int)length, _bytes.Count - (int)length);
    }
}
