using System.Collections;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Journal
{
    /// <summary>
    /// Finds pending taps on flash with a fixed amount of RAM. Entries are in (epoch, sequence)
    /// order and a result always follows its tap, so one forward pass from a tap to the end of
    /// the log learns everything about the taps it loads. A pass loads taps while there is room;
    /// the first tap that does not fit is where the next pass starts (the "spill" point), and
    /// the answers found for taps beyond it go to a <see cref="SpillAnswers"/> table. While that
    /// table is complete, <see cref="Fill"/> reads only as far as RAM is filled.
    /// </summary>
    internal sealed class PendingCollector
    {
        private readonly JournalReader _reader;

        public PendingCollector(JournalReader reader)
        {
            _reader = reader;
        }

        /// <summary>End of the readable log seen by the last full pass.</summary>
        public long End { get; private set; }

        /// <summary>Offset of the first tap that did not fit (the spill point); -1 when every pending tap was loaded.</summary>
        public long SpillFrom { get; private set; }

        public uint SpillEpoch { get; private set; }

        public uint SpillSequence { get; private set; }

        /// <summary>Pending taps at or after <see cref="SpillFrom"/> (set by <see cref="Collect"/>).</summary>
        public int SpilledPending { get; private set; }

        /// <summary>Highest epoch of any entry read since <see cref="ResetTracking"/> (begin entries included).</summary>
        public uint HighestEpoch { get; private set; }

        /// <summary>True when a tap was read since <see cref="ResetTracking"/>; its key is <see cref="LastEpoch"/>, <see cref="LastSequence"/>.</summary>
        public bool HasLast { get; private set; }

        public uint LastEpoch { get; private set; }

        public uint LastSequence { get; private set; }

        public void ResetTracking()
        {
            HighestEpoch = 0;
            HasLast = false;
            LastEpoch = 0;
            LastSequence = 0;
        }

        /// <summary>
        /// Adds to <paramref name="into"/> (up to <paramref name="capacity"/>) the pending taps
        /// found from <paramref name="from"/> on, in order, with what later results say of them,
        /// and rebuilds <paramref name="answers"/> (when given) for the new spill point. A tap
        /// that loses its place to a later result's settling is picked up by another pass, so
        /// on return either nothing pending is left beyond <paramref name="into"/> or it is full.
        /// </summary>
        public void Collect(IAppendStore log, long from, ArrayList into, int capacity, SpillAnswers answers)
        {
            long start = from;
            while (true)
            {
                long skipped = Pass(log, start, into, capacity, answers);
                if (skipped < 0 || into.Count >= capacity)
                {
                    SpillFrom = skipped;
                    if (skipped < 0)
                    {
                        SpilledPending = 0;
                    }
                    return;
                }
                if (answers != null && answers.Complete)
                {
                    int pending = SpilledPending;
                    int before = into.Count;
                    Fill(log, skipped, into, capacity, answers);
                    SpilledPending = SpillFrom < 0 ? 0 : pending - (into.Count - before);
                    return;
                }
                start = skipped;
            }
        }

        /// <summary>
        /// Loads pending taps from the spill point <paramref name="from"/> until RAM is full,
        /// their fate taken from a complete <paramref name="answers"/>; reads no further.
        /// </summary>
        public void Fill(IAppendStore log, long from, ArrayList into, int capacity, SpillAnswers answers)
        {
            _reader.Reset(log, from, log.Length);
            while (_reader.Read())
            {
                if (_reader.Kind != JournalFormat.KindTap)
                {
                    continue;
                }
                uint epoch = _reader.Epoch;
                uint sequence = _reader.Sequence;
                if (answers.IsSettled(epoch, sequence))
                {
                    answers.Remove(epoch, sequence);
                    continue;
                }
                if (into.Count >= capacity)
                {
                    SpillFrom = _reader.Offset;
                    SpillEpoch = epoch;
                    SpillSequence = sequence;
                    return;
                }
                JournaledTap tap = new JournaledTap(epoch, sequence, _reader.TappedAtUnixMs, _reader.CopyUid());
                tap.HeldByAgent = answers.IsHeld(epoch, sequence);
                answers.Remove(epoch, sequence);
                into.Add(tap);
            }
            SpillFrom = -1;
            answers.Clear();
        }

        /// <summary>
        /// The tap (<paramref name="epoch"/>, <paramref name="sequence"/>) at or after
        /// <paramref name="from"/> when it is still pending (held or not); null otherwise. With a
        /// complete <paramref name="answers"/> it reads only up to the tap.
        /// </summary>
        public JournaledTap FindPending(IAppendStore log, long from, uint epoch, uint sequence, SpillAnswers answers)
        {
            bool known = answers != null && answers.Complete;
            if (known && answers.IsSettled(epoch, sequence))
            {
                return null;
            }
            _reader.Reset(log, from, log.Length);
            JournaledTap found = null;
            while (_reader.Read())
            {
                byte kind = _reader.Kind;
                if (kind != JournalFormat.KindTap && kind != JournalFormat.KindResult)
                {
                    continue;
                }
                int order = JournalFormat.CompareKeys(_reader.Epoch, _reader.Sequence, epoch, sequence);
                if (found == null && kind == JournalFormat.KindTap)
                {
                    if (order > 0)
                    {
                        return null;
                    }
                    if (order == 0)
                    {
                        found = new JournaledTap(epoch, sequence, _reader.TappedAtUnixMs, _reader.CopyUid());
                        if (known)
                        {
                            found.HeldByAgent = answers.IsHeld(epoch, sequence);
                            return found;
                        }
                    }
                }
                else if (found != null && kind == JournalFormat.KindResult && order == 0)
                {
                    if (_reader.Outcome != TapOutcome.Queued)
                    {
                        return null;
                    }
                    found.HeldByAgent = true;
                }
            }
            return found;
        }

        /// <summary>One pass to the end of the log; returns the offset of the first tap that did not fit, or -1.</summary>
        private long Pass(IAppendStore log, long start, ArrayList into, int capacity, SpillAnswers answers)
        {
            if (answers != null)
            {
                answers.Clear();
            }
            long skipped = -1;
            int spilledTaps = 0;
            int spilledFinals = 0;
            _reader.Reset(log, start, log.Length);
            while (_reader.Read())
            {
                byte kind = _reader.Kind;
                if (kind == JournalFormat.KindBegin)
                {
                    Track(_reader.BeginHighestEpoch);
                }
                else if (kind == JournalFormat.KindTap)
                {
                    uint epoch = _reader.Epoch;
                    uint sequence = _reader.Sequence;
                    Track(epoch);
                    HasLast = true;
                    LastEpoch = epoch;
                    LastSequence = sequence;
                    if (skipped < 0 && into.Count < capacity)
                    {
                        into.Add(new JournaledTap(epoch, sequence, _reader.TappedAtUnixMs, _reader.CopyUid()));
                        continue;
                    }
                    if (skipped < 0)
                    {
                        skipped = _reader.Offset;
                        SpillEpoch = epoch;
                        SpillSequence = sequence;
                    }
                    spilledTaps++;
                }
                else if (kind == JournalFormat.KindResult)
                {
                    Track(_reader.Epoch);
                    if (!Apply(into) && skipped >= 0
                        && JournalFormat.CompareKeys(_reader.Epoch, _reader.Sequence, SpillEpoch, SpillSequence) >= 0)
                    {
                        if (_reader.Outcome != TapOutcome.Queued)
                        {
                            spilledFinals++;
                        }
                        if (answers != null)
                        {
                            answers.Note(_reader.Epoch, _reader.Sequence, _reader.Outcome);
                        }
                    }
                }
            }
            End = _reader.Position;
            SpilledPending = spilledTaps > spilledFinals ? spilledTaps - spilledFinals : 0;
            return skipped;
        }

        /// <summary>Applies the current result to the loaded tap it names; false when none is loaded.</summary>
        private bool Apply(ArrayList into)
        {
            uint epoch = _reader.Epoch;
            uint sequence = _reader.Sequence;
            for (int i = into.Count - 1; i >= 0; i--)
            {
                JournaledTap tap = (JournaledTap)into[i];
                if (tap.Is(epoch, sequence))
                {
                    if (_reader.Outcome == TapOutcome.Queued)
                    {
                        tap.HeldByAgent = true;
                    }
                    else
                    {
                        into.RemoveAt(i);
                    }
                    return true;
                }
            }
            return false;
        }

        private void Track(uint epoch)
        {
            if (epoch > HighestEpoch)
            {
                HighestEpoch = epoch;
            }
        }
    }
}
