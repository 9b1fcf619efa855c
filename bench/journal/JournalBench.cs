using System.Diagnostics;
using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.VirtualTerminal.Adapters;

namespace Uitpas.Edge.Bench.Journal;

/// <summary>One measured row: what was done, how long it took, what the store was asked.</summary>
internal sealed record Row(string Store, string Work, long Items, double Ms, StoreCounts Counts)
{
    public double PerSecond => Items / (Ms / 1000.0);
}

/// <summary>
/// The journal's workloads, deterministic (fixed seed, fixed sizes): appends with a flush per
/// tap, tap-and-answer cycles with compaction, opening and streaming a backlog, draining it,
/// and one compaction of a backlog.
/// </summary>
internal sealed class JournalBench(string directory, int seed) : IDisposable
{
    private readonly List<FileAppendStore> _files = [];

    public IAppendStore NewStore(bool onFile)
    {
        if (!onFile)
        {
            return new MemoryStore();
        }
        var file = new FileAppendStore(Path.Combine(directory, $"journal-{_files.Count + 1}.bin"));
        _files.Add(file);
        return file;
    }

    public void Dispose() => _files.ForEach(file => file.Dispose());

    public static string Name(bool onFile) => onFile ? "file (fsync)" : "memory";

    public Row Append(bool onFile, int taps)
    {
        var store = new CountingStore(NewStore(onFile));
        var journal = Open(store);
        var uids = Uids(taps);
        store.Counts.Reset();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < taps; i++)
        {
            journal.AppendTap(1, (uint)i + 1, 1_790_000_000_000 + i, uids[i]);
        }
        return Done(store, onFile, "append tap + flush", taps, clock);
    }

    /// <summary>Tap, then its answer 5 taps later (a terminal online): compaction keeps the log short.</summary>
    public Row Cycle(bool onFile, int taps)
    {
        var store = new CountingStore(NewStore(onFile));
        var journal = Open(store);
        var uids = Uids(taps);
        store.Counts.Reset();
        var clock = Stopwatch.StartNew();
        for (int i = 1; i <= taps; i++)
        {
            journal.AppendTap(1, (uint)i, 1_790_000_000_000 + i, uids[i - 1]);
            if (i > 5)
            {
                journal.AppendResult(1, (uint)(i - 5), TapOutcome.CheckedIn);
            }
        }
        return Done(store, onFile, $"tap + answer, {journal.Compactions} compactions", taps, clock);
    }

    /// <summary>Boot with a backlog: open (both logs probed, RAM filled) and stream every pending tap.</summary>
    public Row Replay(bool onFile, int pending)
    {
        var store = new CountingStore(NewStore(onFile));
        Backlog(store, pending);
        store.Counts.Reset();
        var clock = Stopwatch.StartNew();
        var journal = Open(store);
        int seen = 0;
        var scan = journal.ScanPending();
        while (scan.Next())
        {
            seen++;
        }
        Check(seen == pending, "replay missed taps");
        return Done(store, onFile, "open + read all pending", pending, clock);
    }

    /// <summary>Answer a backlog oldest first, as a reconnected terminal does (RAM refilled from flash, compaction).</summary>
    public Row Drain(bool onFile, int pending)
    {
        var store = new CountingStore(NewStore(onFile));
        Backlog(store, pending);
        var journal = Open(store);
        store.Counts.Reset();
        var clock = Stopwatch.StartNew();
        int answered = 0;
        while (journal.LoadedCount > 0)
        {
            var oldest = journal.PendingAt(0);
            journal.AppendResult(oldest.BootEpoch, oldest.Sequence, TapOutcome.CheckedIn);
            answered++;
        }
        Check(answered == pending && journal.PendingCount == 0, "drain left taps");
        return Done(store, onFile, "answer all, oldest first", pending, clock);
    }

    /// <summary>
    /// One compaction of a log holding <paramref name="pending"/> pending taps and as many answered
    /// ones: answered oldest first (a drained backlog, the usual case), or every other one
    /// (answers for taps beyond RAM, more than its table of such answers holds: the worst case).
    /// </summary>
    public Row Compaction(bool onFile, int pending, bool interleaved)
    {
        var store = new CountingStore(NewStore(onFile));
        var journal = new TapJournal(store, TapJournal.DefaultCapacity, long.MaxValue / 4);
        journal.Open();
        var uids = Uids(2 * pending);
        for (int i = 1; i <= 2 * pending; i++)
        {
            journal.AppendTap(1, (uint)i, i, uids[i - 1]);
        }
        for (int i = 1; i <= pending; i++)
        {
            journal.AppendResult(1, (uint)(interleaved ? 2 * i : i), TapOutcome.CheckedIn);
        }
        long before = journal.Length;
        store.Counts.Reset();
        var clock = Stopwatch.StartNew();
        Check(journal.Compact(), "compaction failed");
        string answered = interleaved ? "every other answered" : "oldest half answered";
        var row = Done(store, onFile, $"compact ({answered}) {before:N0} B → {journal.Length:N0} B", pending, clock);
        Check(journal.PendingCount == pending, "compaction lost taps");
        return row;
    }

    private static TapJournal Open(IAppendStore store)
    {
        var journal = new TapJournal(store);
        journal.Open();
        return journal;
    }

    private void Backlog(IAppendStore store, int pending)
    {
        var journal = Open(store);
        var uids = Uids(pending);
        for (int i = 1; i <= pending; i++)
        {
            journal.AppendTap(1, (uint)i, i, uids[i - 1]);
        }
    }

    private byte[][] Uids(int count)
    {
        var random = new Random(seed);
        var uids = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            uids[i] = new byte[7];
            random.NextBytes(uids[i]);
            uids[i][0] = 0x04;
        }
        return uids;
    }

    private static Row Done(CountingStore store, bool onFile, string work, long items, Stopwatch clock)
    {
        clock.Stop();
        var counts = new StoreCounts
        {
            Appends = store.Counts.Appends,
            BytesWritten = store.Counts.BytesWritten,
            Flushes = store.Counts.Flushes,
            Reads = store.Counts.Reads,
            BytesRead = store.Counts.BytesRead,
            Truncates = store.Counts.Truncates,
        };
        return new Row(Name(onFile), work, items, clock.Elapsed.TotalMilliseconds, counts);
    }

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException(problem);
        }
    }
}
