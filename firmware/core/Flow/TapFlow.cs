using Uitpas.Edge.Core.Configuration;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Journal;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Core.Presence;
using Uitpas.Edge.Core.Reading;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Flow
{
    /// <summary>
    /// The path of a tap on the terminal: card in the field → UID → journaled → published →
    /// answer shown → answer journaled. A poll-driven state machine: the caller hands it the
    /// monotonic time at every <see cref="Step"/> (every 10-20 ms); it never sleeps or blocks,
    /// so tests drive time and the device's main loop stays responsive.
    /// </summary>
    public sealed class TapFlow
    {
        private readonly TerminalSettings _settings;
        private readonly ICardReader _reader;
        private readonly ITerminalUi _ui;
        private readonly IMqttTransport _mqtt;
        private readonly TapJournal _journal;
        private readonly IWallClock _wallClock;
        private readonly IOfflineRules _rules;
        private readonly OfflineDecider _offline;
        private readonly TapDetector _detector;
        private Texts _texts;
        private readonly string _resultTopic;
        private readonly string _tapTopic;

        public const int HeldReplayFactor = 10;

        private uint _sequence;
        private JournaledTap _awaited;
        private long _deadlineMs;
        private bool _wasConnected;
        private readonly IPublishRefusals _refusals;
        private long _pausedUntilMs;
        private int _pauseMs;

        public TapFlow(TerminalSettings settings, uint bootEpoch, ICardReader reader, ITerminalUi ui,
            IMqttTransport mqtt, TapJournal journal, IWallClock wallClock, IOfflineRules rules)
        {
            string problem = settings.Validate();
            if (problem != null)
            {
                throw new System.ArgumentException(problem);
            }
            _settings = settings;
            BootEpoch = bootEpoch;
            _reader = reader;
            _ui = ui;
            _mqtt = mqtt;
            _journal = journal;
            _wallClock = wallClock;
            _rules = rules;
            _offline = new OfflineDecider(rules);
            _detector = new TapDetector(settings.RetapWindowMs);
            _texts = Texts.For(settings.Language);
            _resultTopic = Topics.Result(settings.DeviceId);
            _tapTopic = Topics.Tap(settings.DeviceId);
            _refusals = mqtt as IPublishRefusals;
        }

        public uint BootEpoch { get; }
        public FlowState State { get; private set; }

        /// <summary>Taps journaled but not yet answered for good (replayed until they are).</summary>
        public int PendingTaps
        {
            get { return _journal.PendingCount; }
        }

        /// <summary>Answers that could not be decoded (counted for the terminal's health report).</summary>
        public int MalformedMessages { get; private set; }

        /// <summary>The snapshot updater, when the terminal is provisioned for snapshots: gets the snapshot topics' messages and a step per turn.</summary>
        public SnapshotUpdater Snapshots { get; set; }

        /// <summary>The terminal's presence (birth, status on change, last will), when the host gives it one: gets a step per turn.</summary>
        public PresenceReporter Presence { get; set; }

        /// <summary>The pushed configuration (the configuration twin), when the host gives it one: gets its topic's messages and a step per turn.</summary>
        public RemoteConfig Configuration { get; set; }

        /// <summary>Taps read since this boot (the last tap's sequence).</summary>
        public uint TapsSinceBoot
        {
            get { return _sequence; }
        }

        /// <summary>Unix ms of the last tap of this boot; 0 = none, or the clock was not set.</summary>
        public long LastTapUnixMs { get; private set; }

        public void Start(long nowMs)
        {
            // Taps registered before this boot and not yet answered still count against the
            // event's limit when the terminal has to decide alone.
            PendingScan pending = _journal.ScanPending();
            while (pending.Next())
            {
                _offline.Record(pending.Current.ChipUid, pending.Current.TappedAtUnixMs);
            }
            State = FlowState.Ready;
            _ui.Show(OutcomeScreens.Ready(_texts));
            _deadlineMs = nowMs;
        }

        /// <summary>One turn of the loop: answers in, timeouts, the reader, replays.</summary>
        public void Step(long nowMs)
        {
            DrainInbound(nowMs);
            DrainRefusals(nowMs);
            ExpireTimers(nowMs);

            // While a live tap waits for its answer the reader rests: a card that arrives
            // meanwhile is seen (and tapped) as soon as the answer is on screen.
            if (State != FlowState.AwaitingResult)
            {
                byte[] uid = _detector.Sample(_reader.ReadCardInField(nowMs), nowMs);
                if (uid != null)
                {
                    BeginTap(uid, nowMs);
                }
            }

            ReplayOne(nowMs);
            if (Snapshots != null)
            {
                Snapshots.Step(nowMs, State == FlowState.Ready);
            }
            if (Configuration != null)
            {
                Configuration.Step(nowMs);
            }
            if (Presence != null)
            {
                Presence.Step(nowMs);
            }
        }

        /// <summary>
        /// The settings changed while running (a pushed configuration): the language and the
        /// re-tap window are picked up at once, the timeouts at their next use.
        /// </summary>
        public void SettingsChanged()
        {
            _texts = Texts.For(_settings.Language);
            _detector.RetapWindowMs = _settings.RetapWindowMs;
            if (State == FlowState.Ready)
            {
                _ui.Show(OutcomeScreens.Ready(_texts));
            }
        }

        private void BeginTap(byte[] uid, long nowMs)
        {
            _sequence++;
            JournaledTap tap = _journal.AppendTap(BootEpoch, _sequence, _wallClock.UnixMs, uid);
            LastTapUnixMs = tap.TappedAtUnixMs;
            if (Send(tap, TapFlags.None, nowMs))
            {
                _awaited = tap;
                _deadlineMs = nowMs + _settings.ResultTimeoutMs;
                State = FlowState.AwaitingResult;
                _ui.Show(OutcomeScreens.Busy(_texts));
            }
            else
            {
                DecideAlone(tap, nowMs);
            }
        }

        /// <summary>
        /// No answer from central (offline, or not in time): decide from the snapshots. The
        /// tap stays journaled either way and is replayed, so central still gets the last word.
        /// </summary>
        private void DecideAlone(JournaledTap tap, long nowMs)
        {
            bool socialTariff;
            OfflineDecision decision = _offline.Decide(tap.ChipUid, tap.TappedAtUnixMs, out socialTariff);
            ShowOutcome(OutcomeScreens.For(decision, _texts, socialTariff), nowMs);
        }

        private void DrainInbound(long nowMs)
        {
            InboundMessage message = _mqtt.Receive();
            while (message != null)
            {
                if (message.Topic == _resultTopic)
                {
                    HandleResult(message.Payload, nowMs);
                }
                else if (Configuration != null && message.Topic == Configuration.Topic)
                {
                    if (Configuration.Handle(message.Payload, nowMs))
                    {
                        SettingsChanged();
                    }
                }
                else if (Snapshots != null)
                {
                    Snapshots.Handle(message, nowMs);
                }
                message = _mqtt.Receive();
            }
        }

        private void HandleResult(byte[] payload, long nowMs)
        {
            TapResult result;
            string error;
            if (!TapResultCodec.TryDecode(payload, out result, out error))
            {
                MalformedMessages++;
                return;
            }
            // The agent answers again: replays paused by a refusal may resume.
            _pauseMs = 0;
            _pausedUntilMs = 0;
            JournaledTap tap = _journal.FindPending(result.BootEpoch, result.Sequence);
            if (tap == null)
            {
                return; // already settled: a repeated answer
            }
            _journal.AppendResult(result.BootEpoch, result.Sequence, result.Outcome);
            if (result.Outcome == TapOutcome.CheckedIn && tap == _awaited)
            {
                // A live check-in counts for the times the terminal must decide alone; a tap it
                // decided alone was counted when it decided.
                _offline.Record(tap.ChipUid, tap.TappedAtUnixMs);
            }
            if (State == FlowState.AwaitingResult && tap == _awaited)
            {
                _awaited = null;
                bool staffCue = (_rules.FlagsOf(tap.ChipUid) & CardFlags.SocialTariff) != 0;
                ShowOutcome(OutcomeScreens.For(result, _texts, staffCue), nowMs);
            }
        }

        private void ExpireTimers(long nowMs)
        {
            if (nowMs < _deadlineMs)
            {
                return;
            }
            if (State == FlowState.AwaitingResult)
            {
                JournaledTap tap = _awaited;
                _awaited = null;
                DecideAlone(tap, nowMs);
            }
            else if (State == FlowState.ShowingOutcome)
            {
                State = FlowState.Ready;
                _ui.Show(OutcomeScreens.Ready(_texts));
            }
        }

        private void ShowOutcome(Screen screen, long nowMs)
        {
            State = FlowState.ShowingOutcome;
            _deadlineMs = nowMs + _settings.ResultShownMs;
            _ui.Show(screen);
        }

        /// <summary>
        /// Sends at most one journaled, unanswered tap per step: all of them right after a
        /// (re)connect, then each again every replay interval until the agent answers. A tap
        /// the agent holds (answered "queued") is asked after only at a reconnect and every
        /// <see cref="HeldReplayFactor"/> intervals: its final answer may have been published
        /// while this terminal was away, and the agent answers a repeated tap with it.
        /// </summary>
        private void ReplayOne(long nowMs)
        {
            bool connected = _mqtt.IsConnected;
            bool reconnected = connected && !_wasConnected;
            _wasConnected = connected;
            if (!connected || State == FlowState.AwaitingResult || nowMs < _pausedUntilMs)
            {
                return;
            }
            if (reconnected)
            {
                for (int i = 0; i < _journal.LoadedCount; i++)
                {
                    _journal.PendingAt(i).LastSentAtMs = -1;
                }
            }
            for (int i = 0; i < _journal.LoadedCount; i++)
            {
                JournaledTap tap = _journal.PendingAt(i);
                long interval = tap.HeldByAgent ? (long)_settings.ReplayIntervalMs * HeldReplayFactor : _settings.ReplayIntervalMs;
                bool due = tap.LastSentAtMs < 0 || nowMs - tap.LastSentAtMs >= interval;
                if (due)
                {
                    Send(tap, TapFlags.Replay, nowMs);
                    return;
                }
            }
        }

        /// <summary>Taps the agent refused (PUBACK reason code of 0x80 or more); each stays journaled.</summary>
        public int RefusedTaps { get; private set; }

        /// <summary>
        /// Refused taps (known only when the transport reports PUBACK reason codes): each stays
        /// journaled and is replayed later. A live tap refused is decided alone at once rather than
        /// after the answer timeout. When the agent is busy (its store at the cap: QuotaExceeded;
        /// or it could not store: UnspecifiedError) replays pause, for one replay interval after
        /// the first refusal, doubling to <see cref="HeldReplayFactor"/> intervals, until an
        /// answer arrives again.
        /// </summary>
        private void DrainRefusals(long nowMs)
        {
            if (_refusals == null)
            {
                return;
            }
            PublishRefusal refusal = _refusals.ReceiveRefusal();
            while (refusal != null)
            {
                TapEvent tap;
                string error;
                if (refusal.Topic == _tapTopic && TapEventCodec.TryDecode(refusal.Payload, out tap, out error))
                {
                    RefusedTaps++;
                    if (refusal.IsBusy)
                    {
                        int longest = _settings.ReplayIntervalMs * HeldReplayFactor;
                        _pauseMs = _pauseMs == 0 ? _settings.ReplayIntervalMs : (_pauseMs >= longest / 2 ? longest : _pauseMs * 2);
                        _pausedUntilMs = nowMs + _pauseMs;
                    }
                    if (State == FlowState.AwaitingResult && _awaited != null && _awaited.Is(tap.BootEpoch, tap.Sequence))
                    {
                        JournaledTap awaited = _awaited;
                        _awaited = null;
                        DecideAlone(awaited, nowMs);
                    }
                }
                refusal = _refusals.ReceiveRefusal();
            }
        }

        private bool Send(JournaledTap tap, byte flags, long nowMs)
        {
            if (!_mqtt.IsConnected || !_mqtt.Publish(_tapTopic, TapEventCodec.Encode(tap.ToEvent(flags))))
            {
                return false;
            }
            tap.LastSentAtMs = nowMs;
            return true;
        }
    }
}
