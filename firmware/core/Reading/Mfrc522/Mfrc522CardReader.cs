using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// The card reader of the terminal: an <see cref="ICardReader"/> over an MFRC522. Each call
    /// is one bounded poll (at most <see cref="Mfrc522Settings.MaxAccessesPerPoll"/> register
    /// accesses, never a sleep) that, when the chip is healthy, runs one activation of the field.
    /// It supervises the chip: resets and configures it (soft reset, then NRSTPD when available,
    /// then back-off), verifies it periodically and after suspicious outcomes, and re-initialises
    /// after consecutive faults. A UID is reported only once confirmed (see
    /// <see cref="Mfrc522Settings.ConfirmReads"/>); a card that stays is re-selected by its UID
    /// every poll, so it stays one card (one tap, via <see cref="TapDetector"/>).
    /// </summary>
    public sealed class Mfrc522CardReader : ICardReader
    {
        private const int StateStart = 0;
        private const int StateHardReset = 1;
        private const int StateWaking = 2;
        private const int StateReady = 3;
        private const int StateBackingOff = 4;

        private readonly Mfrc522Settings _settings;
        private readonly IResetLine _resetLine;
        private readonly Mfrc522Chip _chip;
        private readonly Iso14443aReader _activation;
        private readonly CardPresence _presence;
        private readonly ReaderHealth _health = new ReaderHealth();

        private int _state;
        private int _initAttempts;
        private long _resetStartedMs;
        private long _retryAtMs;
        private byte _version;
        private int _consecutiveFaults;
        private long _nextSelfCheckMs;
        private bool _checkSoon;
        private bool _everReady;

        public Mfrc522CardReader(IRegisterTransport transport, Mfrc522Settings settings, IResetLine resetLine)
        {
            string problem = settings.Validate();
            if (problem != null)
            {
                throw new System.ArgumentException(problem);
            }
            _settings = settings;
            _resetLine = resetLine;
            _chip = new Mfrc522Chip(transport, settings);
            _activation = new Iso14443aReader(_chip, settings);
            _presence = new CardPresence(settings);
        }

        public ReaderHealth Health { get { return _health; } }
        public Mfrc522Chip Chip { get { return _chip; } }
        public ReadOutcome LastOutcome { get; private set; }

        /// <summary>Type and SAK of the card read last (for logs; UiTPAS expects DESFire or Ultralight).</summary>
        public CardKind LastCardKind { get; private set; }
        public byte LastSak { get; private set; }

        /// <summary>The activation of the last poll saw several cards and resolved them to one.</summary>
        public bool LastReadSawSeveralCards { get; private set; }

        public byte[] ReadCardInField(long nowMs)
        {
            _chip.BeginPoll();
            ReadOutcome outcome;
            try
            {
                outcome = Poll(nowMs);
            }
            catch (System.Exception e)
            {
                outcome = _state == StateReady ? OnChipFault(nowMs, "bus error: " + e.Message) : FailInitialisation(nowMs, "bus error: " + e.Message);
            }
            LastOutcome = outcome;
            _health.Polls++;
            _health.RegisterAccesses = _chip.TotalAccesses;
            _health.SpiBytes = _chip.TotalSpiBytes;
            if (_chip.AccessesThisPoll > _health.MaxAccessesInPoll)
            {
                _health.MaxAccessesInPoll = _chip.AccessesThisPoll;
            }
            byte[] uid = _presence.Report(outcome, _activation, nowMs);
            if (_presence.JustConfirmed)
            {
                _health.CardsReported++;
            }
            return uid;
        }

        private ReadOutcome Poll(long nowMs)
        {
            switch (_state)
            {
                case StateStart:
                    BeginInitialisation(nowMs);
                    return ContinueInitialisation(nowMs);
                case StateHardReset:
                    _resetLine.SetReset(false);
                    _state = StateWaking;
                    _resetStartedMs = nowMs;
                    return ContinueInitialisation(nowMs);
                case StateWaking:
                    return ContinueInitialisation(nowMs);
                case StateBackingOff:
                    if (nowMs < _retryAtMs)
                    {
                        return ReadOutcome.Recovering;
                    }
                    BeginInitialisation(nowMs);
                    return ContinueInitialisation(nowMs);
                default:
                    return PollField(nowMs);
            }
        }

        // ---- initialisation -----------------------------------------------------------------

        private void BeginInitialisation(long nowMs)
        {
            _activation.Abandon();
            _chip.Abandon();
            _initAttempts++;
            _health.Initialisations++;
            if (_health.State != ReaderState.Down)
            {
                _health.State = _everReady ? ReaderState.Recovering : ReaderState.Starting;
            }
            bool hard = _resetLine != null && _initAttempts % (_settings.SoftResetsBeforeHardReset + 1) == 0;
            if (hard)
            {
                _health.HardResets++;
                _resetLine.SetReset(true);
                _state = StateHardReset;
                return;
            }
            _chip.StartSoftReset();
            _state = StateWaking;
            _resetStartedMs = nowMs;
        }

        private ReadOutcome ContinueInitialisation(long nowMs)
        {
            if (_state != StateWaking)
            {
                return ReadOutcome.Recovering;
            }
            if (!_chip.IsAwake(8))
            {
                if (nowMs - _resetStartedMs > _settings.ResetTimeoutMs)
                {
                    return FailInitialisation(nowMs, "the chip did not wake up after its reset (CommandReg PowerDown stays 1)");
                }
                return ReadOutcome.Recovering;
            }
            byte version = _chip.ReadVersion();
            if (version == 0x00 || version == 0xFF)
            {
                return FailInitialisation(nowMs, "no chip answers on the bus (VersionReg reads " + Mfrc522Chip.Hex(version) + ")");
            }
            _chip.Configure();
            string problem;
            if (!_chip.VerifyConfiguration(out problem) || !_chip.CheckCrcCoprocessor(out problem))
            {
                return FailInitialisation(nowMs, problem);
            }
            _version = version;
            _health.ChipVersion = version;
            _health.State = ReaderState.Ok;
            _health.LastHealthyAtMs = nowMs;
            _state = StateReady;
            _everReady = true;
            _initAttempts = 0;
            _consecutiveFaults = 0;
            _checkSoon = false;
            _nextSelfCheckMs = nowMs + _settings.SelfCheckIntervalMs;
            return ReadOutcome.Recovering;
        }

        private ReadOutcome FailInitialisation(long nowMs, string problem)
        {
            NoteProblem(nowMs, problem);
            _chip.Abandon();
            if (_resetLine != null && _state == StateHardReset)
            {
                _resetLine.SetReset(false);
            }
            if (_initAttempts >= _settings.FailedInitsBeforeBackoff)
            {
                int doublings = _initAttempts - _settings.FailedInitsBeforeBackoff;
                long backoff = _settings.BackoffMinMs;
                for (int i = 0; i < doublings && backoff < _settings.BackoffMaxMs; i++)
                {
                    backoff *= 2;
                }
                _retryAtMs = nowMs + (backoff > _settings.BackoffMaxMs ? _settings.BackoffMaxMs : backoff);
                _state = StateBackingOff;
                _health.State = ReaderState.Down;
            }
            else
            {
                _state = StateStart;
            }
            return ReadOutcome.Recovering;
        }

        // ---- reading ------------------------------------------------------------------------

        private ReadOutcome PollField(long nowMs)
        {
            if (!_activation.InProgress)
            {
                if ((nowMs >= _nextSelfCheckMs || _checkSoon) && _chip.BudgetLeft >= Mfrc522Chip.SelfCheckAccesses + 1 + Mfrc522Chip.ExchangeAccesses)
                {
                    string problem;
                    if (!SelfCheck(nowMs, out problem))
                    {
                        NoteProblem(nowMs, "self-check: " + problem);
                        Reinitialise();
                        return ReadOutcome.ChipFault;
                    }
                }
                byte[] expected = _presence.Expected;
                _activation.Begin(expected, expected != null ? 1 : 0);
            }
            if (!_activation.Step(nowMs))
            {
                return ReadOutcome.Pending;
            }
            ReadOutcome outcome = _activation.Outcome;
            LastReadSawSeveralCards = _activation.CollisionSeen;
            switch (outcome)
            {
                case ReadOutcome.ChipFault:
                    return OnChipFault(nowMs, _chip.Fault);
                case ReadOutcome.Card:
                    _consecutiveFaults = 0;
                    _health.Activations++;
                    _health.LastHealthyAtMs = nowMs;
                    LastCardKind = _activation.Kind;
                    LastSak = _activation.Sak;
                    if (_activation.CollisionSeen)
                    {
                        _health.Collisions++;
                    }
                    break;
                case ReadOutcome.NoCard:
                    _consecutiveFaults = 0;
                    _health.LastHealthyAtMs = nowMs;
                    if (_presence.Confirmed != null)
                    {
                        _checkSoon = true; // the card left, or the antenna did: make sure it is the card
                    }
                    break;
                case ReadOutcome.Collision:
                    _health.Collisions++;
                    break;
                case ReadOutcome.CardLost:
                    _health.CardsLost++;
                    _checkSoon = true;
                    break;
                default:
                    _health.CardErrors++;
                    _checkSoon = true;
                    break;
            }
            return outcome;
        }

        private bool SelfCheck(long nowMs, out string problem)
        {
            _health.SelfChecks++;
            _checkSoon = false;
            _nextSelfCheckMs = nowMs + _settings.SelfCheckIntervalMs;
            byte version = _chip.ReadVersion();
            if (version != _version)
            {
                problem = "VersionReg reads " + Mfrc522Chip.Hex(version) + ", was " + Mfrc522Chip.Hex(_version);
            }
            else if (_chip.VerifyConfiguration(out problem))
            {
                _chip.CheckCrcCoprocessor(out problem);
            }
            if (problem != null)
            {
                _health.SelfCheckFailures++;
                return false;
            }
            return true;
        }

        private ReadOutcome OnChipFault(long nowMs, string reason)
        {
            _health.ChipFaults++;
            NoteProblem(nowMs, reason);
            _activation.Abandon();
            _chip.Abandon();
            _consecutiveFaults++;
            if (_consecutiveFaults >= _settings.MaxConsecutiveFaults)
            {
                Reinitialise();
            }
            else
            {
                _checkSoon = true;
            }
            return ReadOutcome.ChipFault;
        }

        private void Reinitialise()
        {
            _health.Reinitialisations++;
            _health.State = ReaderState.Recovering;
            _consecutiveFaults = 0;
            _activation.Abandon();
            _chip.Abandon();
            _state = StateStart;
        }

        private void NoteProblem(long nowMs, string problem)
        {
            _health.LastProblem = problem;
            _health.LastProblemAtMs = nowMs;
        }

        /// <summary>The confirmed card in the field, as a chip number (for logs), or null.</summary>
        public string CurrentChipNumber
        {
            get { return _presence.Confirmed == null ? null : ChipUid.ToHex(_presence.Confirmed); }
        }
    }
}
