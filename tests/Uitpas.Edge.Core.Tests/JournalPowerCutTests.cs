using System.Diagnostics;
using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.Protocol;
using Xunit.Abstractions;

namespace Uitpas.Edge.Core.Tests;

public sealed class JournalPowerCutTests(ITestOutputHelper output)
{
    private const int Trials = 10_000;

    [Fact]
    public void Power_cut_at_a_random_byte_in_10000_trials_loses_no_confirmed_tap_and_replays_nothing_corrupt()
    {
        var where = new SortedDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        int garbled = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            var rng = new Random(20_260_000 + trial);
            try
            {
                string cutIn = RunTrial(rng, out bool garble);
                where[cutIn] = where.GetValueOrDefault(cutIn) + 1;
                garbled += garble ? 1 : 0;
            }
            catch (Exception e) when (e is not PowerCutException)
            {
                throw new Xunit.Sdk.XunitException($"trial {trial} (seed {20_260_000 + trial}): {e.Message}");
            }
        }
        output.WriteLine($"{Trials} trials in {clock.ElapsedMilliseconds} ms, {garbled} with garbled bytes at the cut");
        foreach (var (place, count) in where)
        {
            output.WriteLine($"  cut {place}: {count}");
        }
        Assert.True(where.GetValueOrDefault("in an append to the journal's log") > 1000);
        Assert.True(where.GetValueOrDefault("in a compaction's copy to the other log") > 1000);
        Assert.True(where.GetValueOrDefault("in a truncation or erase") > 100);
    }

    /// <summary>
    /// A random history, then a random run cut at a byte chosen uniformly among the run's write
    /// units (found by a dry run of the same operations) or at one of its truncations, then
    /// reopen and check, continue, and reopen and check again.
    /// </summary>
    private static string RunTrial(Random rng, out bool garble)
    {
        bool defaults = rng.Next(10) == 0;
        int capacity = defaults ? TapJournal.DefaultCapacity : rng.Next(1, 9);
        long compactAt = defaults ? TapJournal.DefaultCompactAtBytes : rng.Next(256, 1500);
        var history = new JournalRig(new CutFlash(), capacity, compactAt);
        history.Boot();
        history.Run(new Random(rng.Next()), rng.Next(0, 120));

        int opsSeed = rng.Next();
        int opsCount = rng.Next(1, 30);
        var dry = history.Fork();
        dry.Boot();
        dry.Run(new Random(opsSeed), opsCount);
        long units = dry.Flash.Units;
        garble = rng.Next(2) == 0;
        if (units == 0)
        {
            return "nowhere (the run wrote nothing)";
        }

        var cut = history.Fork();
        // One trial in eight cuts a truncation (an erase or a torn tail's cut), which are single
        // units among thousands of bytes and would hardly ever be hit otherwise.
        var truncations = dry.Flash.TruncationUnits;
        long at = truncations.Count > 0 && rng.Next(8) == 0 ? truncations[rng.Next(truncations.Count)] : rng.NextInt64(units);
        cut.Flash.Arm(at, garble, rng.Next());
        try
        {
            cut.Boot();
            cut.Run(new Random(opsSeed), opsCount);
        }
        catch (PowerCutException)
        {
        }
        Assert.True(cut.Flash.IsCut);
        string place = cut.Flash.CutInTruncate ? "in a truncation or erase"
            : cut.Flash.CutIn == (cut.Journal.Generation % 2 == 0 ? cut.Flash.A : cut.Flash.B) ? "in an append to the journal's log"
            : "in a compaction's copy to the other log";

        cut.ReopenAndVerify();
        cut.Run(new Random(rng.Next()), 12);
        cut.ReopenAndVerify();
        return place;
    }

    [Fact]
    public void Cut_at_every_write_unit_of_a_compaction_leaves_exactly_one_complete_journal()
    {
        var rig = Backlog();
        long units = CompactionUnits(rig);
        Assert.True(units > 200);
        for (long at = 0; at < units; at++)
        {
            var cut = CutCompaction(rig, at, garble: at % 2 == 1);
            cut.ReopenAndVerify();
            Assert.True(cut.Flash.A.Length == 0 || cut.Flash.B.Length == 0);
        }
    }

    [Fact]
    public void Cut_inside_the_seal_keeps_the_old_log_as_the_journal()
    {
        var rig = Backlog();
        long newLogBytes = CompactionUnits(rig) - 2; // units: truncate the target, its bytes, erase the old log
        var cut = CutCompaction(rig, at: newLogBytes - 4, garble: false);

        cut.ReopenAndVerify();

        Assert.Equal(0u, cut.Journal.Generation);
        Assert.Equal(0, cut.Flash.B.Length);
        Assert.Equal(rig.Taps.Values.Count(t => !t.Settled), cut.Journal.PendingCount);
    }

    [Fact]
    public void Cut_after_the_seal_before_the_old_log_is_erased_opens_the_new_generation_and_erases_the_old()
    {
        var rig = Backlog();
        long newLogBytes = CompactionUnits(rig) - 2;
        var cut = CutCompaction(rig, at: newLogBytes + 1, garble: false);
        Assert.True(cut.Flash.CutInTruncate);
        Assert.True(cut.Flash.B.Length > 0);

        cut.ReopenAndVerify();

        Assert.Equal(1u, cut.Journal.Generation);
        Assert.Equal(0, cut.Flash.A.Length);
        Assert.Equal(rig.Taps.Values.Count(t => !t.Settled), cut.Journal.PendingCount);
    }

    [Fact]
    public void Torn_erase_of_the_old_log_after_the_switch_never_brings_it_back()
    {
        var rig = Backlog();
        long newLogBytes = CompactionUnits(rig) - 2;
        for (int seed = 0; seed < 64; seed++)
        {
            var cut = rig.Fork();
            cut.Boot();
            cut.Flash.Arm(newLogBytes + 1, garble: false, seed);
            Assert.Throws<PowerCutException>(() => cut.Journal.Compact());

            cut.ReopenAndVerify();

            Assert.Equal(1u, cut.Journal.Generation);
            Assert.Equal(0, cut.Flash.A.Length);
        }
    }

    [Fact]
    public void Both_logs_complete_the_newer_generation_wins_and_the_older_is_erased()
    {
        var rig = Backlog();
        rig.Journal.Compact();
        var generationOne = rig.Flash.B.Bytes.ToArray();
        rig.Journal.AppendTap(rig.BootEpoch, 100, 5, [0x04, 1, 2, 3, 4, 5, 6]);
        rig.Journal.Compact();
        Assert.Equal(2u, rig.Journal.Generation);
        rig.Flash.B.Bytes.AddRange(generationOne);

        var journal = new TapJournal(rig.Flash.A, 4, 100_000);
        journal.Open();

        Assert.Equal(2u, journal.Generation);
        Assert.Equal(0, rig.Flash.B.Length);
        Assert.Equal(rig.Taps.Values.Count(t => !t.Settled) + 1, journal.PendingCount);
        Assert.NotNull(journal.FindPending(rig.BootEpoch, 100));
    }

    [Fact]
    public void Empty_store_opens_as_an_empty_journal_that_takes_taps()
    {
        var flash = new CutFlash();
        var journal = new TapJournal(flash.A);
        journal.Open();
        Assert.Equal(0, journal.PendingCount);
        Assert.Equal(0u, journal.HighestEpoch);
        Assert.Equal(0u, journal.Generation);
        Assert.False(journal.ScanPending().Next());

        journal.AppendTap(1, 1, 10, [1, 2, 3, 4]);
        var reopened = new TapJournal(flash.A);
        reopened.Open();
        Assert.Equal(1, reopened.PendingCount);
        Assert.Equal(1u, reopened.HighestEpoch);
    }

    [Fact]
    public void Torn_begin_entry_in_the_other_log_is_ignored_and_erased()
    {
        var rig = Backlog();
        rig.Flash.B.Bytes.AddRange(new byte[] { 0xA5, 0x03, 0x08, 0x00, 0x00, 0x00 });

        rig.ReopenAndVerify();

        Assert.Equal(0u, rig.Journal.Generation);
        Assert.Equal(0, rig.Flash.B.Length);
    }

    [Fact]
    public void Erased_bytes_after_the_last_entry_are_cut_on_open_and_appends_follow_the_last_good_entry()
    {
        var rig = Backlog();
        long good = rig.Flash.A.Length;
        rig.Flash.A.Bytes.AddRange(Enumerable.Repeat((byte)0xFF, 40));

        rig.ReopenAndVerify();
        Assert.Equal(40, rig.Journal.DiscardedBytes);
        Assert.Equal(good, rig.Flash.A.Length);
        rig.Run(new Random(5), 20);
        rig.ReopenAndVerify();
        Assert.Equal(0, rig.Journal.DiscardedBytes);
    }

    [Fact]
    public void Damaged_compacted_log_beside_an_empty_one_is_salvaged_up_to_the_damage()
    {
        var flash = new CutFlash();
        var journal = new TapJournal(flash.A, 64, 100_000);
        journal.Open();
        for (uint sequence = 1; sequence <= 10; sequence++)
        {
            journal.AppendTap(1, sequence, sequence, [0x04, 1, 2, 3, 4, 5, (byte)sequence]);
        }
        journal.Compact();
        Assert.Equal(0, flash.A.Length);
        int beginEntry = 15, tapEntry = 31;
        flash.B.Bytes[beginEntry + 6 * tapEntry + 9] ^= 0x01; // inside the 7th tap, before the seal

        var reopened = new TapJournal(flash.A, 64, 100_000);
        reopened.Open();

        Assert.Equal(1u, reopened.Generation);
        Assert.Equal(6, reopened.PendingCount);
        Assert.Equal(6u, reopened.PendingAt(5).Sequence);
        Assert.Equal(1u, reopened.HighestEpoch);
    }

    /// <summary>12 taps over RAM for 4: held ones, answered ones, an answer for a tap beyond RAM.</summary>
    private static JournalRig Backlog()
    {
        var rig = new JournalRig(new CutFlash(), capacity: 4, compactAt: 100_000);
        rig.Boot();
        for (uint i = 1; i <= 12; i++)
        {
            rig.Journal.AppendTap(rig.BootEpoch, i, 1000 * i, [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, (byte)i]);
            rig.Taps.Add(((ulong)rig.BootEpoch << 32) | i, new ModelTap(rig.BootEpoch, i, 1000 * i, [0x04, 0x11, 0x22, 0x33, 0x44, 0x55, (byte)i]));
        }
        Answer(rig, 2, TapOutcome.Queued);
        Answer(rig, 3, TapOutcome.CheckedIn);
        Answer(rig, 9, TapOutcome.Refused);
        Answer(rig, 10, TapOutcome.Queued);
        Assert.Equal(3, rig.Journal.LoadedCount);
        Assert.Equal(10, rig.Journal.PendingCount);
        return rig;
    }

    private static void Answer(JournalRig rig, uint sequence, TapOutcome outcome)
    {
        rig.Journal.AppendResult(rig.BootEpoch, sequence, outcome);
        var tap = rig.Taps[((ulong)rig.BootEpoch << 32) | sequence];
        tap.Held |= outcome == TapOutcome.Queued;
        tap.Settled |= outcome != TapOutcome.Queued;
    }

    private static long CompactionUnits(JournalRig rig)
    {
        var dry = rig.Fork();
        dry.Boot();
        long before = dry.Flash.Units;
        Assert.True(dry.Journal.Compact());
        return dry.Flash.Units - before;
    }

    private static JournalRig CutCompaction(JournalRig rig, long at, bool garble)
    {
        var cut = rig.Fork();
        cut.Boot();
        cut.Flash.Arm(at, garble, (int)at);
        Assert.Throws<PowerCutException>(() => cut.Journal.Compact());
        return cut;
    }
}
