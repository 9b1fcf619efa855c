namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// Turns activation outcomes into what the tap flow sees. A new UID is reported only after
    /// <see cref="Mfrc522Settings.ConfirmReads"/> activations in a row gave it; an empty field
    /// (nobody answers WUPA) clears it at once; while the field cannot be observed (recovery,
    /// garbled answers, an exchange still running) the confirmed card is kept for
    /// <see cref="Mfrc522Settings.HoldMs"/>.
    /// </summary>
    public sealed class CardPresence
    {
        private readonly int _confirmReads;
        private readonly int _holdMs;
        private byte[] _confirmed;
        private long _lastSeenMs;
        private byte[] _candidate;
        private int _candidateReads;

        public CardPresence(Mfrc522Settings settings)
        {
            _confirmReads = settings.ConfirmReads;
            _holdMs = settings.HoldMs;
        }

        /// <summary>The UID the next activation should select directly: the confirmed card, else the candidate.</summary>
        public byte[] Expected
        {
            get { return _confirmed != null ? _confirmed : _candidate; }
        }

        public byte[] Confirmed { get { return _confirmed; } }

        /// <summary>The last <see cref="Report"/> confirmed a new card.</summary>
        public bool JustConfirmed { get; private set; }

        /// <summary>The UID to hand to the tap flow after an activation (or a poll without one).</summary>
        public byte[] Report(ReadOutcome outcome, Iso14443aReader activation, long nowMs)
        {
            JustConfirmed = false;
            switch (outcome)
            {
                case ReadOutcome.Card:
                    return OnCard(activation, nowMs);
                case ReadOutcome.NoCard:
                case ReadOutcome.Collision:
                    _confirmed = null;
                    _candidate = null;
                    _candidateReads = 0;
                    return null;
                default:
                    return _confirmed != null && nowMs - _lastSeenMs <= _holdMs ? _confirmed : null;
            }
        }

        private byte[] OnCard(Iso14443aReader activation, long nowMs)
        {
            if (activation.UidEquals(_confirmed))
            {
                _lastSeenMs = nowMs;
                return _confirmed;
            }
            if (activation.UidEquals(_candidate))
            {
                _candidateReads++;
            }
            else
            {
                _candidate = activation.CopyUid();
                _candidateReads = 1;
            }
            _confirmed = null;
            if (_candidateReads < _confirmReads)
            {
                return null;
            }
            _confirmed = _candidate;
            _candidate = null;
            _candidateReads = 0;
            _lastSeenMs = nowMs;
            JustConfirmed = true;
            return _confirmed;
        }
    }
}
