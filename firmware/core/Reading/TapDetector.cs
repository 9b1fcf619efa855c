using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Reading
{
    /// <summary>
    /// Turns "which card is in the field" samples into taps: a card counts once when it
    /// arrives, not for as long as it stays, and the same card again within the re-tap
    /// window (after it left) is ignored as a bounce. A different card is a new tap at once.
    /// A card is considered gone only after <see cref="AbsentPollsBeforeGone"/> empty polls,
    /// so one missed read while it is held still does not make a second tap.
    /// </summary>
    public sealed class TapDetector
    {
        public const int AbsentPollsBeforeGone = 3;

        private long _retapWindowMs;
        private byte[] _inField;
        private int _absentPolls;
        private byte[] _lastTapped;
        private long _lastLeftAtMs;

        public TapDetector(long retapWindowMs)
        {
            _retapWindowMs = retapWindowMs;
        }

        /// <summary>The re-tap window; a change (pushed configuration) applies from the next sample.</summary>
        public long RetapWindowMs
        {
            get { return _retapWindowMs; }
            set { _retapWindowMs = value; }
        }

        /// <summary>Feeds one sample; returns the UID when it is a new tap, otherwise null.</summary>
        public byte[] Sample(byte[] uid, long nowMs)
        {
            if (uid == null)
            {
                if (_inField != null && ++_absentPolls >= AbsentPollsBeforeGone)
                {
                    _inField = null;
                    _lastLeftAtMs = nowMs;
                }
                return null;
            }

            _absentPolls = 0;
            if (ChipUid.AreEqual(uid, _inField))
            {
                return null;
            }

            bool bounce = _inField == null && ChipUid.AreEqual(uid, _lastTapped) && nowMs - _lastLeftAtMs < _retapWindowMs;
            _inField = uid;
            if (bounce)
            {
                return null;
            }
            _lastTapped = uid;
            return uid;
        }
    }
}
