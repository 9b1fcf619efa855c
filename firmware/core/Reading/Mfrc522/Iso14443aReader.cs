namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// One ISO/IEC 14443-3 type A activation as a state machine stepped with the clock: WUPA,
    /// then per cascade level ANTICOLLISION (bit collision resolution, collided bit taken as 1)
    /// and SELECT, then HLTA so the card can be woken again next time. With an expected UID (a
    /// card seen before) the anticollision is skipped and the card is selected by that UID: only
    /// the card carrying it can answer, which both confirms a fresh read and checks presence
    /// cheaply. Every exchange goes through <see cref="Mfrc522"/>, bounded per poll; a step that
    /// runs out of budget resumes in the next poll. A UID is only complete when each level's BCC
    /// matched, every SAK arrived with a valid CRC_A and the cascade bits agree with the cascade tags.
    /// </summary>
    public sealed class Iso14443aReader
    {
        private const int Idle = 0;
        private const int Wake = 1;
        private const int Anticollision = 2;
        private const int Select = 3;
        private const int Halt = 4;
        private const int Done = 5;

        /// <summary>Ceiling on exchanges in one activation: 3 levels x (32 collision steps + 2) + wake-ups.</summary>
        public const int MaxExchanges = 110;

        private readonly Mfrc522 _chip;
        private readonly Mfrc522Settings _settings;
        private readonly byte[] _frame = new byte[9];
        private readonly byte[] _cl = new byte[5];
        private readonly byte[] _uid = new byte[10];

        private int _state;
        private bool _awaiting;
        private int _level;
        private int _knownBits;
        private int _uidLength;
        private int _exchanges;
        private int _wakeRetriesLeft;
        private bool _fallbackUsed;
        private byte[] _expected;

        public Iso14443aReader(Mfrc522 chip, Mfrc522Settings settings)
        {
            _chip = chip;
            _settings = settings;
        }

        public bool InProgress { get { return _state != Idle && _state != Done; } }
        public ReadOutcome Outcome { get; private set; }
        public byte Sak { get; private set; }
        public byte Atqa0 { get; private set; }
        public byte Atqa1 { get; private set; }
        public bool AtqaValid { get; private set; }
        public CardKind Kind { get; private set; }

        /// <summary>Several cards answered during this activation (ATQA or UID bits collided).</summary>
        public bool CollisionSeen { get; private set; }

        /// <summary>The direct select by the expected UID failed and a full anticollision followed.</summary>
        public bool FellBack { get; private set; }

        public int Exchanges { get { return _exchanges; } }
        public int UidLength { get { return _uidLength; } }

        /// <summary>Starts an activation; <paramref name="expectedUid"/> (may be null) is selected directly.</summary>
        public void Begin(byte[] expectedUid, int wakeRetries)
        {
            _expected = expectedUid;
            _wakeRetriesLeft = wakeRetries;
            _fallbackUsed = false;
            FellBack = false;
            _exchanges = 0;
            _uidLength = 0;
            _awaiting = false;
            CollisionSeen = false;
            AtqaValid = false;
            Sak = 0;
            Kind = CardKind.Unknown;
            Outcome = ReadOutcome.Pending;
            _state = Wake;
        }

        public void Abandon()
        {
            _awaiting = false;
            _state = Idle;
        }

        /// <summary>Advances as far as the poll's budget allows; true when <see cref="Outcome"/> is final.</summary>
        public bool Step(long nowMs)
        {
            while (true)
            {
                if (_state == Done || _state == Idle)
                {
                    return _state == Done;
                }
                if (_awaiting)
                {
                    ExchangeStatus status = _chip.PollExchange(nowMs);
                    if (status == ExchangeStatus.InFlight)
                    {
                        return false;
                    }
                    _awaiting = false;
                    Handle(status);
                    continue;
                }
                if (_chip.BudgetSpent)
                {
                    return false;
                }
                if (_exchanges >= MaxExchanges)
                {
                    Finish(CollisionSeen ? ReadOutcome.Collision : ReadOutcome.CardError);
                    continue;
                }
                StartExchange(nowMs);
            }
        }

        public bool UidEquals(byte[] other)
        {
            if (other == null || other.Length != _uidLength)
            {
                return false;
            }
            for (int i = 0; i < _uidLength; i++)
            {
                if (other[i] != _uid[i])
                {
                    return false;
                }
            }
            return true;
        }

        public byte[] CopyUid()
        {
            byte[] uid = new byte[_uidLength];
            System.Array.Copy(_uid, uid, _uidLength);
            return uid;
        }

        private void StartExchange(long nowMs)
        {
            _exchanges++;
            switch (_state)
            {
                case Wake:
                    _frame[0] = Iso14443a.Wupa;
                    _chip.StartTransceive(_frame, 1, Iso14443a.ShortFrameBits, 0, 16, nowMs);
                    break;
                case Anticollision:
                    int bytes = 2 + (_knownBits + 7) / 8;
                    _frame[0] = Iso14443a.SelectCode(_level);
                    _frame[1] = Iso14443a.Nvb(_knownBits);
                    System.Array.Copy(_cl, 0, _frame, 2, bytes - 2);
                    _chip.StartTransceive(_frame, bytes, _knownBits % 8, _knownBits % 8, 40 - _knownBits, nowMs);
                    break;
                case Select:
                    if (_expected != null)
                    {
                        LoadExpectedLevel();
                    }
                    _frame[0] = Iso14443a.SelectCode(_level);
                    _frame[1] = Iso14443a.NvbSelect;
                    System.Array.Copy(_cl, 0, _frame, 2, 5);
                    Iso14443a.AppendCrcA(_frame, 7);
                    _chip.StartTransceive(_frame, 9, 0, 0, 24, nowMs);
                    break;
                default:
                    _frame[0] = Iso14443a.HltaFirst;
                    _frame[1] = 0x00;
                    Iso14443a.AppendCrcA(_frame, 2);
                    _chip.StartTransmit(_frame, 4);
                    Finish(ReadOutcome.Card);
                    return;
            }
            _awaiting = true;
        }

        private void Handle(ExchangeStatus status)
        {
            if (status == ExchangeStatus.ChipFault)
            {
                Finish(ReadOutcome.ChipFault);
                return;
            }
            switch (_state)
            {
                case Wake:
                    HandleAtqa(status);
                    break;
                case Anticollision:
                    HandleAnticollision(status);
                    break;
                default:
                    HandleSak(status);
                    break;
            }
        }

        private void HandleAtqa(ExchangeStatus status)
        {
            if (status == ExchangeStatus.Timeout)
            {
                if (_wakeRetriesLeft > 0)
                {
                    _wakeRetriesLeft--;
                    return;
                }
                Finish(ReadOutcome.NoCard);
                return;
            }
            if (status == ExchangeStatus.Ok && _chip.ReceivedBytes == 2 && _chip.ReceivedLastBits == 0)
            {
                AtqaValid = true;
                Atqa0 = _chip.Received[0];
                Atqa1 = _chip.Received[1];
            }
            else if (status == ExchangeStatus.Collision)
            {
                CollisionSeen = true;
            }
            // A garbled or colliding ATQA still means somebody is there: go on with the select.
            _level = 1;
            _uidLength = 0;
            if (_expected != null)
            {
                _state = Select;
            }
            else
            {
                BeginAnticollision();
            }
        }

        private void BeginAnticollision()
        {
            _knownBits = 0;
            System.Array.Clear(_cl, 0, 5);
            _state = Anticollision;
        }

        private void HandleAnticollision(ExchangeStatus status)
        {
            if (status == ExchangeStatus.Timeout)
            {
                Finish(ReadOutcome.CardLost);
            }
            else if (status == ExchangeStatus.Ok)
            {
                if (MergeComplete())
                {
                    _state = Select;
                }
                else
                {
                    Finish(ReadOutcome.CardError);
                }
            }
            else if (status == ExchangeStatus.Collision)
            {
                CollisionSeen = true;
                if (!_settings.ResolveCollisions)
                {
                    Finish(ReadOutcome.Collision);
                }
                else if (!MergeCollision())
                {
                    Finish(ReadOutcome.CardError);
                }
            }
            else
            {
                Finish(ReadOutcome.CardError);
            }
        }

        /// <summary>The answer completes the 40-bit UID CLn field; true when it has exactly the missing bits and the BCC matches.</summary>
        private bool MergeComplete()
        {
            int startByte = _knownBits / 8;
            int align = _knownBits % 8;
            int bytes = _chip.ReceivedBytes;
            int fifoBits = (bytes - 1) * 8 + (_chip.ReceivedLastBits == 0 ? 8 : _chip.ReceivedLastBits);
            if (bytes != 5 - startByte || fifoBits != 40 - 8 * startByte)
            {
                return false;
            }
            byte[] rx = _chip.Received;
            for (int j = 0; j < bytes; j++)
            {
                byte value = rx[j];
                if (j == 0 && align != 0)
                {
                    int known = (1 << align) - 1;
                    value = (byte)((_cl[startByte] & known) | (value & ~known & 0xFF));
                }
                _cl[startByte + j] = value;
            }
            return _cl[4] == Iso14443a.Bcc(_cl, 0);
        }

        /// <summary>Takes the bits before the collision, sets the collided bit to 1; false when the position makes no sense.</summary>
        private bool MergeCollision()
        {
            int startByte = _knownBits / 8;
            int validFifoBits = _chip.CollisionPosition - 1;
            int collided = 8 * startByte + validFifoBits;
            if (validFifoBits < _knownBits % 8 || collided < _knownBits || collided >= 32)
            {
                return false;
            }
            if (_chip.ReceivedBytes * 8 < validFifoBits)
            {
                return false;
            }
            byte[] rx = _chip.Received;
            for (int bit = _knownBits; bit < collided; bit++)
            {
                int fifoBit = bit - 8 * startByte;
                SetBit(bit, (rx[fifoBit / 8] >> (fifoBit % 8)) & 1);
            }
            SetBit(collided, 1);
            for (int bit = collided + 1; bit < 40; bit++)
            {
                SetBit(bit, 0);
            }
            _knownBits = collided + 1;
            return true;
        }

        private void SetBit(int bit, int value)
        {
            int mask = 1 << (bit % 8);
            if (value != 0)
            {
                _cl[bit / 8] = (byte)(_cl[bit / 8] | mask);
            }
            else
            {
                _cl[bit / 8] = (byte)(_cl[bit / 8] & ~mask);
            }
        }

        private void HandleSak(ExchangeStatus status)
        {
            bool valid = status == ExchangeStatus.Ok && _chip.ReceivedBytes == 3 && _chip.ReceivedLastBits == 0
                && Iso14443a.HasValidCrcA(_chip.Received, 0, 3);
            if (!valid)
            {
                if (!TryFallBack())
                {
                    Finish(status == ExchangeStatus.Timeout ? ReadOutcome.CardLost : ReadOutcome.CardError);
                }
                return;
            }
            byte sak = _chip.Received[0];
            bool cascade = (sak & Iso14443a.SakCascadeBit) != 0;
            if (cascade)
            {
                if (_cl[0] != Iso14443a.CascadeTag || _level == 3 || (_expected != null && _level >= ExpectedLevels))
                {
                    FailInconsistent();
                    return;
                }
                System.Array.Copy(_cl, 1, _uid, _uidLength, 3);
                _uidLength += 3;
                _level++;
                if (_expected != null)
                {
                    _state = Select;
                }
                else
                {
                    BeginAnticollision();
                }
                return;
            }
            if (_level == 1 && _cl[0] == Iso14443a.CascadeTag)
            {
                FailInconsistent();
                return;
            }
            System.Array.Copy(_cl, 0, _uid, _uidLength, 4);
            _uidLength += 4;
            if (_expected != null && _expected.Length != _uidLength)
            {
                FailInconsistent();
                return;
            }
            Sak = sak;
            Kind = CardTypes.Classify(Atqa0, Atqa1, AtqaValid, sak);
            _state = Halt;
        }

        private void FailInconsistent()
        {
            if (!TryFallBack())
            {
                Finish(ReadOutcome.CardError);
            }
        }

        /// <summary>A direct select by the expected UID failed: once per activation, wake the field again and resolve from scratch.</summary>
        private bool TryFallBack()
        {
            if (_expected == null || _fallbackUsed)
            {
                return false;
            }
            _fallbackUsed = true;
            FellBack = true;
            _expected = null;
            _uidLength = 0;
            _wakeRetriesLeft = 0;
            _state = Wake;
            return true;
        }

        /// <summary>The UID CLn field of the expected UID at the current level: CT + 3 bytes while more levels follow.</summary>
        private int ExpectedLevels
        {
            get { return _expected.Length == 4 ? 1 : (_expected.Length == 7 ? 2 : 3); }
        }

        private void LoadExpectedLevel()
        {
            int offset = 3 * (_level - 1);
            if (_level < ExpectedLevels)
            {
                _cl[0] = Iso14443a.CascadeTag;
                System.Array.Copy(_expected, offset, _cl, 1, 3);
            }
            else
            {
                System.Array.Copy(_expected, offset, _cl, 0, 4);
            }
            _cl[4] = Iso14443a.Bcc(_cl, 0);
        }

        private void Finish(ReadOutcome outcome)
        {
            Outcome = outcome;
            _state = Done;
            _awaiting = false;
        }
    }
}
