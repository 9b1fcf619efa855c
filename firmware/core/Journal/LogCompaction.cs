using System.Collections;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Journal
{
    /// <summary>
    /// Writes what is still pending into the other log of the pair, as the next generation:
    /// a begin entry, the pending taps held in RAM (each followed by a Queued result when the
    /// agent holds it), then the taps from the spill point on, copied byte for byte, and a seal
    /// entry. While <see cref="SpillAnswers"/> is complete the copy is exact too (answered taps
    /// dropped, held ones followed by a Queued result, no other result); otherwise every tap
    /// beyond RAM is copied with the results that name such taps (results of earlier taps are
    /// dropped), so nothing is decided that was not read.
    /// It flushes and reads the new log back. The caller switches to the new log only when this
    /// succeeded and erases the old one only after switching: until the seal is durable the old
    /// log is the journal, afterwards the new one is (its generation is higher), so a power cut
    /// at any byte leaves one complete journal.
    /// </summary>
    internal sealed class LogCompaction
    {
        private readonly byte[] _out = new byte[512];
        private int _outFilled;
        private IAppendStore _target;

        /// <summary>Length of the new log (up to and including its seal).</summary>
        public long Length { get; private set; }

        /// <summary>Where the copied part (the spill point) starts in the new log.</summary>
        public long CopiedFrom { get; private set; }

        public bool Run(JournalReader reader, IAppendStore source, IAppendStore target, uint generation, uint highestEpoch,
            ArrayList loaded, long spillFrom, uint spillEpoch, uint spillSequence, SpillAnswers answers)
        {
            target.Truncate(0);
            if (target.Length != 0)
            {
                return false;
            }
            _target = target;
            _outFilled = 0;
            Length = 0;
            Put(JournalFormat.Begin(generation, highestEpoch));
            for (int i = 0; i < loaded.Count; i++)
            {
                JournaledTap tap = (JournaledTap)loaded[i];
                Put(JournalFormat.Tap(tap.BootEpoch, tap.Sequence, tap.TappedAtUnixMs, tap.ChipUid));
                if (tap.HeldByAgent)
                {
                    Put(JournalFormat.Result(tap.BootEpoch, tap.Sequence, TapOutcome.Queued));
                }
            }
            CopiedFrom = Length;
            if (spillFrom >= 0)
            {
                reader.Reset(source, spillFrom, source.Length);
                while (reader.Read())
                {
                    if (answers.Complete)
                    {
                        CopyKnown(reader, answers);
                    }
                    else if (reader.Kind == JournalFormat.KindTap
                        || (reader.Kind == JournalFormat.KindResult
                            && JournalFormat.CompareKeys(reader.Epoch, reader.Sequence, spillEpoch, spillSequence) >= 0))
                    {
                        PutCurrent(reader);
                    }
                }
            }
            Put(JournalFormat.Seal(generation));
            Drain();
            target.Flush();

            LogProbe check = new LogProbe();
            check.Read(reader, target);
            return check.Sealed && !check.Empty && check.Generation == generation && check.SealEnd == Length
                && target.Length == Length;
        }

        private void CopyKnown(JournalReader reader, SpillAnswers answers)
        {
            if (reader.Kind != JournalFormat.KindTap || answers.IsSettled(reader.Epoch, reader.Sequence))
            {
                return;
            }
            PutCurrent(reader);
            if (answers.IsHeld(reader.Epoch, reader.Sequence))
            {
                Put(JournalFormat.Result(reader.Epoch, reader.Sequence, TapOutcome.Queued));
            }
        }

        private void Put(byte[] entry)
        {
            if (_outFilled + entry.Length > _out.Length)
            {
                Drain();
            }
            System.Array.Copy(entry, 0, _out, _outFilled, entry.Length);
            _outFilled += entry.Length;
            Length += entry.Length;
        }

        private void PutCurrent(JournalReader reader)
        {
            if (_outFilled + reader.EntryLength > _out.Length)
            {
                Drain();
            }
            reader.CopyEntry(_out, _outFilled);
            _outFilled += reader.EntryLength;
            Length += reader.EntryLength;
        }

        private void Drain()
        {
            if (_outFilled > 0)
            {
                _target.Append(_out, 0, _outFilled);
                _outFilled = 0;
            }
        }
    }
}
