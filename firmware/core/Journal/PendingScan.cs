using System.Collections;
using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.Core.Journal
{
    /// <summary>
    /// Walks every pending tap of the journal in (epoch, sequence) order: the ones held in RAM,
    /// then the ones on flash, in one forward pass while the journal knows every answer for
    /// them (<see cref="SpillAnswers"/>), else a batch of at most the journal's capacity per
    /// pass. Valid until the journal is next written.
    /// <code>
    /// PendingScan scan = journal.ScanPending();
    /// while (scan.Next()) { Use(scan.Current); }
    /// </code>
    /// </summary>
    public sealed class PendingScan
    {
        private readonly ArrayList _loaded;
        private readonly IAppendStore _log;
        private readonly int _capacity;
        private readonly SpillAnswers _answers;
        private readonly bool _onePass;
        private readonly ArrayList _batch = new ArrayList();
        private JournalReader _reader;
        private PendingCollector _collector;
        private long _next;
        private int _index;
        private bool _onFlash;

        internal PendingScan(ArrayList loaded, IAppendStore log, long spillFrom, int capacity, SpillAnswers answers)
        {
            _loaded = loaded;
            _log = log;
            _next = spillFrom;
            _capacity = capacity;
            _answers = answers;
            _onePass = answers.Complete;
        }

        public JournaledTap Current { get; private set; }

        public bool Next()
        {
            if (!_onFlash)
            {
                if (_index < _loaded.Count)
                {
                    Current = (JournaledTap)_loaded[_index++];
                    return true;
                }
                _onFlash = true;
                _index = 0;
                if (_next < 0)
                {
                    return Finish();
                }
                _reader = new JournalReader();
                if (_onePass)
                {
                    _reader.Reset(_log, _next, _log.Length);
                }
            }
            return _onePass ? NextInPass() : NextInBatch();
        }

        private bool NextInPass()
        {
            while (_reader != null && _reader.Read())
            {
                if (_reader.Kind == JournalFormat.KindTap && !_answers.IsSettled(_reader.Epoch, _reader.Sequence))
                {
                    JournaledTap tap = new JournaledTap(_reader.Epoch, _reader.Sequence, _reader.TappedAtUnixMs, _reader.CopyUid());
                    tap.HeldByAgent = _answers.IsHeld(tap.BootEpoch, tap.Sequence);
                    Current = tap;
                    return true;
                }
            }
            return Finish();
        }

        private bool NextInBatch()
        {
            if (_index >= _batch.Count)
            {
                if (_next < 0)
                {
                    return Finish();
                }
                if (_collector == null)
                {
                    _collector = new PendingCollector(_reader);
                }
                _batch.Clear();
                _index = 0;
                _collector.Collect(_log, _next, _batch, _capacity, null);
                _next = _collector.SpillFrom;
                if (_batch.Count == 0)
                {
                    return Finish();
                }
            }
            Current = (JournaledTap)_batch[_index++];
            return true;
        }

        private bool Finish()
        {
            Current = null;
            _reader = null;
            return false;
        }
    }
}
