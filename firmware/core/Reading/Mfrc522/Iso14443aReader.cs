namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// One ISO/IEC 14443-3 type A activation as a state machine stepped with the clock: WUPA,
    /// then per cascade level ANTICOLLISION (bit collision resolution, collided bit taken as 1)
    /// and SELECT, then HLTA so that the next WUPA wakes the card again. WUPA rather than REQA:
    /// a card that stays on the reader is halted after every read and must still be seen.
    /// With an expected UID (a card seen before) anticollision is skipped and the card is
    /// selected by that UID: only the card carrying it can answer, which confirms a fresh read and
    /// checks presence cheaply. A UID is complete only when each level's BCC matched, each SAK came
    /// with a valid CRC_A and the cascade bits agree with the cascade tags. A garbled or lost
    /// answer restarts the activation once (after HLTA, so no card is left half-selected). Every
    /// exchange goes through <see cref="Mfrc522Chip"/>, bounded per poll; a step that runs out of
    /// budget resumes in the next poll.
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

        private readonly Mfrc522Chip _chip;
        private readonly Mfrc522Settings _settings;
        private readonly byte[] _frame = new byte[9];
        private readonly CascadeField _field = new CascadeField();
        private readonly byte[] _uid = new byte[10];

        private int _state;
        private bool _awaiting;
        private int _level;
        private int _uidLength;
        private int _exchanges;
        private int _wakeRetriesLeft;
        private int _retriesLeft;
        private bool _woke;
        private bool _fallbackUsed;
        private byte[] _expected;

        public Iso14443aReader(Mfrc522Chip chip, Mfrc522Settings settings)
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
            _retriesLeft = 1;
            _woke = false;
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
                if (_chip.BudgetLeft < Mfrc522Chip.ExchangeAccesses)
                {
                    return false; // not enough left to see an exchange through: next poll
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
                    int known = _field.KnownBits;
                    int bytes = 2 + (known + 7) / 8;
                    _frame[0] = Iso14443a.SelectCode(_level);
                    _frame[1] = Iso14443a.Nvb(known);
                    System.Array.Copy(_field.Bytes, 0, _frame, 2, bytes - 2);
                    _chip.StartTransceive(_frame, bytes, known % 8, known % 8, 40 - known, nowMs);
                    break;
                case Select:
                    if (_expected != null)
                    {
                        _field.Load(_expected, _level);
                    }
                    _frame[0] = Iso14443a.SelectCode(_level);
                    _frame[1] = Iso14443a.NvbSelect;
                    System.Array.Copy(_field.Bytes, 0, _frame, 2, 5);
                    Iso14443a.AppendCrcA(_frame, 7);
                    _chip.StartTransceive(_frame, 9, 0, 0, 24, nowMs);
                    break;
                default:
                    SendHalt();
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
            }
            else if (_state == Wake)
            {
                HandleAtqa(status);
            }
            else if (_state == Anticollision)
            {
                HandleAnticollision(status);
            }
            else
            {
                HandleSak(status);
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
            _woke = true;
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
            _field.Clear();
            _state = Anticollision;
        }

        private void HandleAnticollision(ExchangeStatus status)
        {
            if (status == ExchangeStatus.Ok)
            {
                if (_field.MergeComplete(_chip.Received, _chip.ReceivedBytes, _chip.ReceivedLastBits))
                {
                    _state = Select;
                }
                else
                {
                    Fail(ReadOutcome.CardError);
                }
            }
            else if (status == ExchangeStatus.Collision)
            {
                CollisionSeen = true;
                if (!_settings.ResolveCollisions)
                {
                    Finish(ReadOutcome.Collision);
                }
                else if (!_field.MergeCollision(_chip.Received, _chip.ReceivedBytes, _chip.CollisionPosition))
                {
                    Fail(ReadOutcome.CardError);
                }
            }
            else
            {
                Fail(status == ExchangeStatus.Timeout ? ReadOutcome.CardLost : ReadOutcome.CardError);
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
                    Fail(status == ExchangeStatus.Timeout ? ReadOutcome.CardLost : ReadOutcome.CardError);
                }
                return;
            }
            byte sak = _chip.Received[0];
            byte[] cl = _field.Bytes;
            if ((sak & Iso14443a.SakCascadeBit) != 0)
            {
                bool lastExpectedLevel = _expected != null && _level >= CascadeField.Levels(_expected.Length);
                if (!_field.StartsWithCascadeTag || _level == 3 || lastExpectedLevel)
                {
                    FailInconsistent();
                    return;
                }
                System.Array.Copy(cl, 1, _uid, _uidLength, 3);
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
            if (_level == 1 && _field.StartsWithCascadeTag)
            {
                FailInconsistent(); // a single-size UID never starts with the cascade tag
                return;
            }
            System.Array.Copy(cl, 0, _uid, _uidLength, 4);
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
                Fail(ReadOutcome.CardError);
            }
        }

        /// <summary>A direct select by the expected UID failed: once per activation, start over with a full anticollision.</summary>
        private bool TryFallBack()
        {
            if (_expected == null || _fallbackUsed)
            {
                return false;
            }
            _fallbackUsed = true;
            FellBack = true;
            _expected = null;
            Restart();
            return true;
        }

        /// <summary>A garbled or lost answer: once per activation, quieten the field and start over.</summary>
        private void Fail(ReadOutcome outcome)
        {
            if (_retriesLeft > 0)
            {
                _retriesLeft--;
                Restart();
                return;
            }
            Finish(outcome);
        }

        /// <summary>
        /// HLTA first: a card left in READY or ACTIVE takes the next WUPA as an unexpected command
        /// and falls silent to IDLE; halted, WUPA wakes it.
        /// </summary>
        private void Restart()
        {
            if (_woke)
            {
                SendHalt();
            }
            _woke = false;
            _uidLength = 0;
            _wakeRetriesLeft = 0;
            _state = Wake;
        }

        private void SendHalt()
        {
            _frame[0] = Iso14443a.HltaFirst;
            _frame[1] = 0x00;
            Iso14443a.AppendCrcA(_frame, 2);
            _chip.StartTransmit(_frame, 4);
        }

        private void Finish(ReadOutcome outcome)
        {
            if (_woke && outcome != ReadOutcome.Card && outcome != ReadOutcome.ChipFault)
            {
                SendHalt(); // leave no card half-selected
            }
            _woke = false;
            Outcome = outcome;
            _state = Done;
            _awaiting = false;
        }
    }
}
