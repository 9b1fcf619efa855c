using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Tests;

/// <summary>A tap as the test knows it: appended (its append returned), and what was answered.</summary>
internal sealed class ModelTap(uint epoch, uint sequence, long tappedAt, byte[] uid)
{
    public uint Epoch { get; } = epoch;
    public uint Sequence { get; } = sequence;
    public long TappedAt { get; } = tappedAt;
    public byte[] Uid { get; } = uid;
    public bool Held { get; set; }
    public bool Settled { get; set; }
    public ulong Key => ((ulong)Epoch << 32) | Sequence;

    public ModelTap Clone() => new(Epoch, Sequence, TappedAt, Uid) { Held = Held, Settled = Settled };
}

/// <summary>
/// A terminal's journal on a <see cref="CutFlash"/>, driven by random operations (taps, answers,
/// repeated answers, compactions, reboots) and checked against what the test knows was confirmed.
/// The operations depend only on the seed and the known state, so a dry run and a run that is
/// cut do the same thing up to the cut.
/// </summary>
internal sealed class JournalRig(CutFlash flash, int capacity, long compactAt)
{
    private static readonly TapOutcome[] Finals = [TapOutcome.CheckedIn, TapOutcome.Refused, TapOutcome.Rejected];

    public CutFlash Flash { get; } = flash;
    public TapJournal Journal { get; private set; } = null!;
    public Dictionary<ulong, ModelTap> Taps { get; private set; } = [];
    public uint BootEpoch { get; private set; }
    public uint Sequence { get; private set; }

    /// <summary>Highest epoch of a confirmed tap, answered or not: the journal must never forget it.</summary>
    public uint MaxConfirmedEpoch { get; private set; }

    /// <summary>The tap or answer whose write the cut interrupted: either outcome is allowed for it.</summary>
    public ModelTap? InFlightTap { get; private set; }
    public ModelTap? InFlightAnswerFor { get; private set; }
    public TapOutcome InFlightOutcome { get; private set; }

    public JournalRig Fork()
    {
        var fork = new JournalRig(Flash.Clone(), capacity, compactAt)
        {
            Taps = Taps.Values.Select(t => t.Clone()).ToDictionary(t => t.Key),
            BootEpoch = BootEpoch,
            MaxConfirmedEpoch = MaxConfirmedEpoch,
        };
        return fork;
    }

    /// <summary>Opens the journal as a boot does and advances the epoch (the stored counter survives: <see cref="BootEpoch"/>).</summary>
    public void Boot()
    {
        var journal = new TapJournal(Flash.A, capacity, compactAt);
        journal.Open();
        Journal = journal;
        BootEpoch = Math.Max(journal.HighestEpoch, BootEpoch) + 1;
        Sequence = 0;
    }

    /// <summary>Runs <paramref name="count"/> operations; stops early at a power cut.</summary>
    public void Run(Random ops, int count)
    {
        for (int i = 0; i < count && !Flash.IsCut; i++)
        {
            try
            {
                Step(ops);
            }
            catch (PowerCutException)
            {
                return;
            }
        }
    }

    public void Step(Random ops)
    {
        int roll = ops.Next(100);
        var open = Taps.Values.Where(t => !t.Settled).ToList();
        if (roll < 45 || (roll < 80 && open.Count == 0))
        {
            AppendTap(ops);
        }
        else if (roll < 80)
        {
            var tap = open[ops.Next(open.Count)];
            Answer(tap, ops.Next(10) < 3 ? TapOutcome.Queued : Finals[ops.Next(Finals.Length)]);
        }
        else if (roll < 88)
        {
            // a repeated answer (settled tap) or one for a tap never journaled: writes nothing
            var settled = Taps.Values.Where(t => t.Settled).ToList();
            uint epoch = settled.Count > 0 && ops.Next(2) == 0 ? settled[ops.Next(settled.Count)].Epoch : BootEpoch + 7;
            uint sequence = settled.Count > 0 && ops.Next(2) == 0 ? settled[ops.Next(settled.Count)].Sequence : (uint)ops.Next(1, 500);
            if (Taps.TryGetValue(((ulong)epoch << 32) | sequence, out var known) && !known.Settled)
            {
                return;
            }
            long before = Journal.Length;
            Journal.AppendResult(epoch, sequence, Finals[ops.Next(Finals.Length)]);
            Assert.Equal(before, Journal.Length);
        }
        else if (roll < 95)
        {
            Journal.Compact();
        }
        else
        {
            Boot();
        }
    }

    private void AppendTap(Random ops)
    {
        byte[] uid = new byte[ops.Next(3) switch { 0 => 4, 1 => 7, _ => 10 }];
        ops.NextBytes(uid);
        var tap = new ModelTap(BootEpoch, ++Sequence, ops.NextInt64(0, 2_000_000_000_000), uid);
        InFlightTap = tap;
        Journal.AppendTap(tap.Epoch, tap.Sequence, tap.TappedAt, tap.Uid);
        InFlightTap = null;
        Taps.Add(tap.Key, tap);
        MaxConfirmedEpoch = Math.Max(MaxConfirmedEpoch, tap.Epoch);
    }

    private void Answer(ModelTap tap, TapOutcome outcome)
    {
        InFlightAnswerFor = tap;
        InFlightOutcome = outcome;
        Journal.AppendResult(tap.Epoch, tap.Sequence, outcome);
        InFlightAnswerFor = null;
        if (outcome == TapOutcome.Queued)
        {
            tap.Held = true;
        }
        else
        {
            tap.Settled = true;
        }
    }

    /// <summary>
    /// Reopens the journal from flash and checks it against what was confirmed: every confirmed,
    /// unanswered tap is there, byte for byte, in order, once; nothing answered for good or
    /// never appended comes back; the epoch is not forgotten. Then takes the journal's word for
    /// the interrupted write and boots on, so the run can continue.
    /// </summary>
    public void ReopenAndVerify()
    {
        Flash.Disarm();
        Boot();
        var scanned = new List<JournaledTap>();
        var scan = Journal.ScanPending();
        while (scan.Next())
        {
            scanned.Add(scan.Current);
        }
        Assert.True(Flash.A.Length == 0 || Flash.B.Length == 0, "two logs left after opening");
        Assert.Equal(scanned.Count, Journal.PendingCount);
        Assert.InRange(Journal.LoadedCount, 0, capacity);
        Assert.True(Journal.HighestEpoch >= MaxConfirmedEpoch, $"epoch {Journal.HighestEpoch} fell below {MaxConfirmedEpoch}");

        var seen = new HashSet<ulong>();
        ulong previous = 0;
        foreach (var got in scanned)
        {
            ulong key = ((ulong)got.BootEpoch << 32) | got.Sequence;
            Assert.True(key > previous, "replay out of order or repeated");
            previous = key;
            seen.Add(key);
            ModelTap? known = Taps.GetValueOrDefault(key) ?? (InFlightTap?.Key == key ? InFlightTap : null);
            Assert.True(known is not null, $"replayed a tap never appended: {got.BootEpoch}/{got.Sequence}");
            Assert.Equal(known.TappedAt, got.TappedAtUnixMs);
            Assert.Equal(known.Uid, got.ChipUid);
            Assert.False(known.Settled, $"tap {got.BootEpoch}/{got.Sequence} came back after its final answer");
            bool queuedInFlight = InFlightAnswerFor == known && InFlightOutcome == TapOutcome.Queued;
            if (known.Held)
            {
                Assert.True(got.HeldByAgent, "a Queued answer was forgotten");
            }
            else if (!queuedInFlight)
            {
                Assert.False(got.HeldByAgent, "held without a Queued answer");
            }
        }
        foreach (var tap in Taps.Values.Where(t => !t.Settled))
        {
            bool answerInFlight = InFlightAnswerFor == tap && InFlightOutcome != TapOutcome.Queued;
            Assert.True(seen.Contains(tap.Key) || answerInFlight, $"confirmed tap {tap.Epoch}/{tap.Sequence} lost");
        }
        Resolve(scanned, seen);
    }

    private void Resolve(List<JournaledTap> scanned, HashSet<ulong> seen)
    {
        if (InFlightTap is { } tap && seen.Contains(tap.Key))
        {
            Taps.Add(tap.Key, tap);
            MaxConfirmedEpoch = Math.Max(MaxConfirmedEpoch, tap.Epoch);
        }
        if (InFlightAnswerFor is { } answered)
        {
            var now = scanned.FirstOrDefault(t => t.Is(answered.Epoch, answered.Sequence));
            answered.Settled = now is null;
            answered.Held = now?.HeldByAgent ?? false;
        }
        InFlightTap = null;
        InFlightAnswerFor = null;
    }
}
