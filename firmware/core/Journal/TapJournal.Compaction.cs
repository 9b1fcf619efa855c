using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.Core.Journal
{
    public sealed partial class TapJournal
    {
        /// <summary>
        /// Moves what is still pending into the other log of the pair as the next generation,
        /// switches to it once its seal is durable and read back, then erases the old log.
        /// False when the store has no sibling or the new log could not be verified (the old
        /// log then stays the journal). Store errors propagate; the journal stays usable.
        /// </summary>
        public bool Compact()
        {
            RequireOpen();
            IAppendStore target = _active.Sibling;
            if (target == null)
            {
                return false;
            }
            uint generation = Generation + 1;
            if (!_compaction.Run(_reader, _active, target, generation, HighestEpoch, _window, _spillFrom, _spillEpoch, _spillSequence,
                _answers))
            {
                CompactionFailures++;
                _compactAt = NextCompaction(_active.Length);
                return false;
            }
            IAppendStore old = _active;
            _active = target;
            Generation = generation;
            if (_spillFrom >= 0)
            {
                _spillFrom = _compaction.CopiedFrom;
            }
            if (_answers.Complete)
            {
                _answers.RemoveSettled();
            }
            Compactions++;
            _compactAt = NextCompaction(_compaction.Length);
            old.Truncate(0);
            return true;
        }

        /// <summary>
        /// Compaction run after a final answer: a failure leaves the old log as the journal and
        /// must not undo the answer, which is already durable.
        /// </summary>
        private void TryCompact()
        {
            try
            {
                Compact();
            }
            catch (System.Exception)
            {
                CompactionFailures++;
                _compactAt = NextCompaction(_active.Length);
            }
        }

        /// <summary>
        /// The next compaction waits until the log has at least doubled since this one (or reached
        /// the threshold), so a long backlog that compaction cannot shrink is not rewritten at
        /// every answer: each byte is copied a bounded number of times.
        /// </summary>
        private long NextCompaction(long length)
        {
            long doubled = 2 * length;
            return doubled > _threshold ? doubled : _threshold;
        }
    }
}
