using System.Collections;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Journal
{
    /// <summary>
    /// The terminal's journal on flash (docs/protocol.md, "Journal"): every tap is written and
    /// flushed before it is published, every answer after it arrives. A tap stays pending, and
    /// is replayed, until it has a final answer; Queued (the agent holds it) keeps it pending
    /// too, so the terminal keeps its own copy until central has answered.
    /// <para>RAM is bounded: at most <see cref="Capacity"/> pending taps, the oldest, are held
    /// (<see cref="PendingAt"/>); the others stay on flash and are read in, in order, when the
    /// held ones drop to half. Taps are appended in (epoch, sequence) order, so the log's order
    /// is the replay order.</para>
    /// <para>Flash is bounded: when the log passes the compaction threshold and a final answer
    /// arrives, what is still pending is written into the other log of the pair as the next
    /// generation and the old log is erased (<see cref="LogCompaction"/>). Opening picks the
    /// complete log of the newer generation and erases the other, then cuts a torn tail.</para>
    /// </summary>
    public sealed partial class TapJournal
    {
        public const int DefaultCapacity = 64;
        public const long DefaultCompactAtBytes = 16384;

        private readonly IAppendStore _first;
        private readonly int _capacity;
        private readonly long _threshold;
        private readonly ArrayList _window = new ArrayList();
        private readonly JournalReader _reader = new JournalReader();
        private readonly PendingCollector _collector;
        private readonly LogCompaction _compaction = new LogCompaction();
        private readonly SpillAnswers _answers;

        private IAppendStore _active;
        private long _compactAt;
        private long _spillFrom = -1;
        private uint _spillEpoch;
        private uint _spillSequence;
        private int _spilledPending;
        private JournaledTap _lastSpilled;
        private bool _hasLast;
        private uint _lastEpoch;
        private uint _lastSequence;

        public TapJournal(IAppendStore store)
            : this(store, DefaultCapacity, DefaultCompactAtBytes)
        {
        }

        /// <param name="store">The first log of the pair; its <see cref="IAppendStore.Sibling"/> is the second (null: never compacts).</param>
        /// <param name="capacity">Pending taps held in RAM, at least 1.</param>
        /// <param name="compactAtBytes">Log length from which a final answer triggers compaction, at least 256.</param>
        public TapJournal(IAppendStore store, int capacity, long compactAtBytes)
        {
            if (store == null)
            {
                throw new System.ArgumentNullException("store");
            }
            if (capacity < 1)
            {
                throw new System.ArgumentException("capacity must be at least 1");
            }
            if (compactAtBytes < 256)
            {
                throw new System.ArgumentException("compaction threshold must be at least 256 bytes");
            }
            _first = store;
            _capacity = capacity;
            _threshold = compactAtBytes;
            _collector = new PendingCollector(_reader);
            _answers = new SpillAnswers(capacity);
        }

        /// <summary>Highest boot epoch the journal has seen (kept across compactions); 0 for an empty one.</summary>
        public uint HighestEpoch { get; private set; }

        /// <summary>Bytes cut from a torn tail when the journal was opened.</summary>
        public long DiscardedBytes { get; private set; }

        /// <summary>Generation of the log in use: 0 before the first compaction.</summary>
        public uint Generation { get; private set; }

        public int Capacity
        {
            get { return _capacity; }
        }

        /// <summary>Compactions done since <see cref="Open"/>.</summary>
        public int Compactions { get; private set; }

        /// <summary>Compactions that failed (a store error or a read-back mismatch); the old log stayed the journal.</summary>
        public int CompactionFailures { get; private set; }

        /// <summary>Length of the log in use.</summary>
        public long Length
        {
            get { return _active == null ? 0 : _active.Length; }
        }

        /// <summary>All pending taps, in RAM and on flash.</summary>
        public int PendingCount
        {
            get { return _window.Count + _spilledPending; }
        }

        /// <summary>Pending taps held in RAM: the oldest ones, in order; <see cref="PendingAt"/> indexes them.</summary>
        public int LoadedCount
        {
            get { return _window.Count; }
        }

        public JournaledTap PendingAt(int index)
        {
            return (JournaledTap)_window[index];
        }

        /// <summary>
        /// Opens the journal: picks the log of the pair that holds it, erases the other, reads the
        /// pending taps (up to <see cref="Capacity"/> into RAM) and cuts a torn tail.
        /// </summary>
        public void Open()
        {
            _window.Clear();
            _answers.Clear();
            _spillFrom = -1;
            _spilledPending = 0;
            _lastSpilled = null;
            DiscardedBytes = 0;
            Compactions = 0;
            CompactionFailures = 0;

            LogProbe first = new LogProbe();
            first.Read(_reader, _first);
            _active = _first;
            Generation = first.Generation;
            IAppendStore second = _first.Sibling;
            if (second != null)
            {
                LogProbe other = new LogProbe();
                other.Read(_reader, second);
                IAppendStore loser = second;
                if (!LogProbe.FirstWins(first, other))
                {
                    _active = second;
                    Generation = other.Generation;
                    loser = _first;
                }
                if (loser.Length > 0)
                {
                    loser.Truncate(0);
                }
            }

            _collector.ResetTracking();
            _collector.Collect(_active, 0, _window, _capacity, _answers);
            long length = _active.Length;
            if (_collector.End < length)
            {
                DiscardedBytes = length - _collector.End;
                _active.Truncate(_collector.End);
            }
            HighestEpoch = _collector.HighestEpoch;
            _hasLast = _collector.HasLast;
            _lastEpoch = _collector.LastEpoch;
            _lastSequence = _collector.LastSequence;
            TakeSpill();
            // A backlog that fills the log is not worth copying at the first answer after a boot.
            _compactAt = NextCompaction((long)JournalFormat.TapEntrySize(7) * PendingCount);
        }

        /// <summary>Writes and flushes a tap; taps must come in (epoch, sequence) order.</summary>
        public JournaledTap AppendTap(uint bootEpoch, uint sequence, long tappedAtUnixMs, byte[] chipUid)
        {
            RequireOpen();
            if (chipUid == null || !ChipUid.IsValidLength(chipUid.Length))
            {
                throw new System.ArgumentException("chip UID must be 4, 7 or 10 bytes");
            }
            if (_hasLast && JournalFormat.CompareKeys(bootEpoch, sequence, _lastEpoch, _lastSequence) <= 0)
            {
                throw new System.ArgumentException("taps must be journaled in (epoch, sequence) order");
            }
            long at = _active.Length;
            Write(JournalFormat.Tap(bootEpoch, sequence, tappedAtUnixMs, chipUid));
            _hasLast = true;
            _lastEpoch = bootEpoch;
            _lastSequence = sequence;
            if (bootEpoch > HighestEpoch)
            {
                HighestEpoch = bootEpoch;
            }
            JournaledTap tap = new JournaledTap(bootEpoch, sequence, tappedAtUnixMs, chipUid);
            if (_spillFrom < 0 && _window.Count < _capacity)
            {
                _window.Add(tap);
                _lastSpilled = null;
                return tap;
            }
            if (_spillFrom < 0)
            {
                _spillFrom = at;
                _spillEpoch = bootEpoch;
                _spillSequence = sequence;
            }
            _spilledPending++;
            _lastSpilled = tap;
            return tap;
        }

        /// <summary>
        /// Writes an answer for a pending tap; a final one (anything but Queued) ends its pending
        /// state. An answer for a tap that is not pending, or a Queued already known, writes nothing.
        /// </summary>
        public void AppendResult(uint bootEpoch, uint sequence, TapOutcome outcome)
        {
            RequireOpen();
            bool loaded;
            JournaledTap tap = Locate(bootEpoch, sequence, out loaded);
            if (tap == null || (outcome == TapOutcome.Queued && tap.HeldByAgent))
            {
                return;
            }
            Write(JournalFormat.Result(bootEpoch, sequence, outcome));
            if (outcome == TapOutcome.Queued)
            {
                tap.HeldByAgent = true;
                if (!loaded)
                {
                    _answers.Note(bootEpoch, sequence, outcome);
                }
                return;
            }
            if (loaded)
            {
                _window.Remove(tap);
            }
            else
            {
                _spilledPending--;
                _answers.Note(bootEpoch, sequence, outcome);
                if (tap == _lastSpilled)
                {
                    _lastSpilled = null;
                }
            }
            if (_spillFrom >= 0 && _window.Count <= _capacity / 2)
            {
                Refill();
            }
            if (_active.Length >= _compactAt)
            {
                TryCompact();
            }
        }

        /// <summary>The pending tap (held in RAM, or read from flash); null when it is not pending.</summary>
        public JournaledTap FindPending(uint bootEpoch, uint sequence)
        {
            bool loaded;
            return Locate(bootEpoch, sequence, out loaded);
        }

        /// <summary>
        /// Every pending tap in order, the ones in RAM first, then the rest streamed from flash
        /// with the same RAM bound. Valid until the journal is next written.
        /// </summary>
        public PendingScan ScanPending()
        {
            RequireOpen();
            return new PendingScan(_window, _active, _spillFrom, _capacity, _answers);
        }

        private JournaledTap Locate(uint bootEpoch, uint sequence, out bool loaded)
        {
            loaded = false;
            for (int i = 0; i < _window.Count; i++)
            {
                JournaledTap tap = (JournaledTap)_window[i];
                if (tap.Is(bootEpoch, sequence))
                {
                    loaded = true;
                    return tap;
                }
            }
            if (_lastSpilled != null && _lastSpilled.Is(bootEpoch, sequence))
            {
                return _lastSpilled;
            }
            if (_spillFrom < 0 || _active == null
                || JournalFormat.CompareKeys(bootEpoch, sequence, _spillEpoch, _spillSequence) < 0
                || JournalFormat.CompareKeys(bootEpoch, sequence, _lastEpoch, _lastSequence) > 0)
            {
                return null;
            }
            return _collector.FindPending(_active, _spillFrom, bootEpoch, sequence, _answers);
        }

        /// <summary>
        /// Reads the next pending taps from flash into RAM: only as far as needed while every
        /// answer beyond RAM is known, else with passes to the end that also rebuild that table.
        /// Keeps the last appended tap's object (the flow may be waiting for its answer).
        /// </summary>
        private void Refill()
        {
            if (_answers.Complete)
            {
                int before = _window.Count;
                _collector.Fill(_active, _spillFrom, _window, _capacity, _answers);
                _spilledPending = _collector.SpillFrom < 0 ? 0 : _spilledPending - (_window.Count - before);
                _spillFrom = _collector.SpillFrom;
                _spillEpoch = _collector.SpillEpoch;
                _spillSequence = _collector.SpillSequence;
            }
            else
            {
                _collector.Collect(_active, _spillFrom, _window, _capacity, _answers);
                TakeSpill();
            }
            if (_lastSpilled == null || (_spillFrom >= 0
                && JournalFormat.CompareKeys(_lastSpilled.BootEpoch, _lastSpilled.Sequence, _spillEpoch, _spillSequence) >= 0))
            {
                return;
            }
            for (int i = _window.Count - 1; i >= 0; i--)
            {
                JournaledTap read = (JournaledTap)_window[i];
                if (read.Is(_lastSpilled.BootEpoch, _lastSpilled.Sequence))
                {
                    _lastSpilled.HeldByAgent = _lastSpilled.HeldByAgent || read.HeldByAgent;
                    _window[i] = _lastSpilled;
                    break;
                }
            }
            _lastSpilled = null;
        }

        private void TakeSpill()
        {
            _spillFrom = _collector.SpillFrom;
            _spillEpoch = _collector.SpillEpoch;
            _spillSequence = _collector.SpillSequence;
            _spilledPending = _spillFrom < 0 ? 0 : _collector.SpilledPending;
        }

        private void Write(byte[] entry)
        {
            _active.Append(entry, 0, entry.Length);
            _active.Flush();
        }

        private void RequireOpen()
        {
            if (_active == null)
            {
                throw new System.InvalidOperationException("the journal is not open");
            }
        }
    }
}
