using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Journal
{
    /// <summary>
    /// The answers journaled for taps that are not held in RAM (beyond the spill point), in a
    /// fixed table (as many entries as the journal holds taps in RAM). While it is <see cref="Complete"/> (it never overflowed since it was last
    /// rebuilt) the journal knows the fate of every tap beyond RAM without reading ahead: RAM is
    /// refilled, pending taps are streamed and the log is compacted in one forward pass. When
    /// it overflows the journal falls back to passes that read to the end of the log.
    /// Such answers are rare: the live tap answered while a backlog waits, or a tap the agent
    /// answered Queued, then for good, before the terminal had replayed it from RAM.
    /// </summary>
    internal sealed class SpillAnswers
    {
        private readonly uint[] _epochs;
        private readonly uint[] _sequences;
        private readonly byte[] _outcomes;
        private int _count;

        public SpillAnswers(int size)
        {
            _epochs = new uint[size];
            _sequences = new uint[size];
            _outcomes = new byte[size];
            Complete = true;
        }

        public bool Complete { get; private set; }

        public int Count
        {
            get { return _count; }
        }

        public void Clear()
        {
            _count = 0;
            Complete = true;
        }

        /// <summary>Notes an answer; a final one replaces a Queued one. A full table stops being complete.</summary>
        public void Note(uint epoch, uint sequence, TapOutcome outcome)
        {
            int at = Find(epoch, sequence);
            if (at >= 0)
            {
                if (outcome != TapOutcome.Queued)
                {
                    _outcomes[at] = (byte)outcome;
                }
                return;
            }
            if (_count == _epochs.Length)
            {
                Complete = false;
                return;
            }
            _epochs[_count] = epoch;
            _sequences[_count] = sequence;
            _outcomes[_count] = (byte)outcome;
            _count++;
        }

        public bool IsSettled(uint epoch, uint sequence)
        {
            int at = Find(epoch, sequence);
            return at >= 0 && _outcomes[at] != (byte)TapOutcome.Queued;
        }

        public bool IsHeld(uint epoch, uint sequence)
        {
            int at = Find(epoch, sequence);
            return at >= 0 && _outcomes[at] == (byte)TapOutcome.Queued;
        }

        public void Remove(uint epoch, uint sequence)
        {
            int at = Find(epoch, sequence);
            if (at >= 0)
            {
                _count--;
                _epochs[at] = _epochs[_count];
                _sequences[at] = _sequences[_count];
                _outcomes[at] = _outcomes[_count];
            }
        }

        /// <summary>Forgets the final answers (after a compaction dropped their taps); keeps the Queued ones.</summary>
        public void RemoveSettled()
        {
            for (int i = _count - 1; i >= 0; i--)
            {
                if (_outcomes[i] != (byte)TapOutcome.Queued)
                {
                    Remove(_epochs[i], _sequences[i]);
                }
            }
        }

        private int Find(uint epoch, uint sequence)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_epochs[i] == epoch && _sequences[i] == sequence)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
