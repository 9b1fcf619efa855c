using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Presence;

namespace Uitpas.Edge.Core.Presence
{
    /// <summary>
    /// The terminal's presence on <c>uitpas/v1/t/{id}/status</c> (retained, QoS 1): a birth
    /// message at every (re)connect, a new status when something changed (reader condition or a
    /// version: after <see cref="PresenceSettings.UrgentIntervalMs"/>; journal depth, last tap or
    /// a counter: after <see cref="PresenceSettings.RoutineIntervalMs"/>), the last will for the
    /// transport (the same status with state offline-will) and a goodbye before a planned stop.
    /// Stepped by the tap flow; compares plain fields, so a step without news allocates nothing.
    /// </summary>
    public sealed class PresenceReporter
    {
        private const int NoChange = 0;
        private const int RoutineChange = 1;
        private const int UrgentChange = 2;

        private readonly PresenceSettings _settings;
        private readonly IMqttTransport _mqtt;
        private readonly TapFlow _flow;
        private readonly ReaderHealth _reader;
        private readonly IWallClock _wallClock;
        private readonly long _startedAtMs;
        private readonly string _topic;
        private readonly TerminalStatus _now = new TerminalStatus();
        private TerminalStatus _sent;
        private long _sentAtMs;
        private bool _born;

        /// <summary>
        /// <paramref name="reader"/> is the MFRC522 driver's health (null: condition unknown);
        /// <paramref name="startedAtMs"/> the monotonic time of the boot. Sets the transport's will
        /// at once when it takes one (<see cref="IWillTransport"/>).
        /// </summary>
        public PresenceReporter(PresenceSettings settings, IMqttTransport mqtt, TapFlow flow, ReaderHealth reader,
            IWallClock wallClock, string deviceId, long startedAtMs)
        {
            string problem = settings.Validate();
            if (problem != null)
            {
                throw new System.ArgumentException(problem);
            }
            _settings = settings;
            _mqtt = mqtt;
            _flow = flow;
            _reader = reader;
            _wallClock = wallClock;
            _startedAtMs = startedAtMs;
            _topic = Topics.Status(deviceId);
            Fill(startedAtMs);
            SetWill(_now);
        }

        /// <summary>Statuses handed to the transport since the boot.</summary>
        public int Published { get; private set; }

        /// <summary>The last status handed to the transport; null before the first.</summary>
        public TerminalStatus LastSent
        {
            get { return _sent; }
        }

        /// <summary>The status as it stands now, with state online.</summary>
        public TerminalStatus Current(long nowMs)
        {
            Fill(nowMs);
            return _now.WithState(TerminalStatus.Online);
        }

        /// <summary>One turn: birth after a (re)connect, otherwise a status when a change is due.</summary>
        public void Step(long nowMs)
        {
            if (!_mqtt.IsConnected)
            {
                _born = false;
                return;
            }
            Fill(nowMs);
            if (!_born)
            {
                _born = Send(nowMs);
                return;
            }
            long since = nowMs - _sentAtMs;
            int change = Compare(_sent, _now);
            if ((change == UrgentChange && since >= _settings.UrgentIntervalMs)
                || (change == RoutineChange && since >= _settings.RoutineIntervalMs)
                || (_settings.HeartbeatMs > 0 && since >= _settings.HeartbeatMs))
            {
                Send(nowMs);
            }
        }

        /// <summary>
        /// Before a planned stop: publishes the status with state offline-clean (the caller then
        /// disconnects cleanly, so the broker drops the will). False when it could not be queued.
        /// </summary>
        public bool GoOffline(long nowMs)
        {
            if (!_mqtt.IsConnected)
            {
                return false;
            }
            Fill(nowMs);
            TerminalStatus goodbye = _now.WithState(TerminalStatus.OfflineClean);
            if (!PublishRetained(goodbye.Encode()))
            {
                return false;
            }
            _sent = goodbye;
            _sentAtMs = nowMs;
            Published++;
            return true;
        }

        private bool Send(long nowMs)
        {
            TerminalStatus status = _now.WithState(TerminalStatus.Online);
            if (!PublishRetained(status.Encode()))
            {
                return false; // queue full: tried again at the next step
            }
            _sent = status;
            _sentAtMs = nowMs;
            Published++;
            SetWill(status);
            return true;
        }

        private bool PublishRetained(byte[] payload)
        {
            IRetainedPublisher retained = _mqtt as IRetainedPublisher;
            return retained != null ? retained.PublishRetained(_topic, payload) : _mqtt.Publish(_topic, payload);
        }

        private void SetWill(TerminalStatus status)
        {
            IWillTransport will = _mqtt as IWillTransport;
            if (will != null)
            {
                will.SetWill(_topic, status.WithState(TerminalStatus.OfflineWill).Encode());
            }
        }

        private void Fill(long nowMs)
        {
            TerminalStatus s = _now;
            s.BootEpoch = _flow.BootEpoch;
            s.UptimeMs = nowMs > _startedAtMs ? nowMs - _startedAtMs : 0;
            long wall = _wallClock.UnixMs;
            s.SentAtUnixMs = wall > 0 ? wall : 0;
            s.LastTapUnixMs = _flow.LastTapUnixMs > 0 ? _flow.LastTapUnixMs : 0;
            s.TapsSinceBoot = _flow.TapsSinceBoot;
            s.JournalDepth = (uint)_flow.PendingTaps;
            SnapshotUpdater snapshots = _flow.Snapshots;
            s.AllowlistVersion = snapshots == null ? 0 : snapshots.AllowlistVersion;
            s.EventsVersion = snapshots == null ? 0 : snapshots.EventsVersion;
            s.Firmware = _settings.FirmwareVersion;
            s.ConfigVersion = _settings.ConfigVersion;
            if (_reader == null)
            {
                s.Reader = TerminalStatus.ReaderUnknown;
                s.ReaderFaults = 0;
                s.ReaderResets = 0;
            }
            else
            {
                s.Reader = ConditionOf(_reader.State);
                s.ReaderFaults = (uint)_reader.ChipFaults;
                s.ReaderResets = (uint)_reader.Reinitialisations;
            }
        }

        /// <summary>Ok → ok; starting or recovering → degraded; down → failed.</summary>
        public static string ConditionOf(ReaderState state)
        {
            switch (state)
            {
                case ReaderState.Ok: return TerminalStatus.ReaderOk;
                case ReaderState.Down: return TerminalStatus.ReaderFailed;
                default: return TerminalStatus.ReaderDegraded;
            }
        }

        private static int Compare(TerminalStatus sent, TerminalStatus now)
        {
            if (sent == null || sent.State != TerminalStatus.Online || sent.Reader != now.Reader
                || sent.AllowlistVersion != now.AllowlistVersion || sent.EventsVersion != now.EventsVersion
                || sent.ConfigVersion != now.ConfigVersion || sent.Firmware != now.Firmware || sent.BootEpoch != now.BootEpoch)
            {
                return UrgentChange;
            }
            if (sent.JournalDepth != now.JournalDepth || sent.LastTapUnixMs != now.LastTapUnixMs || sent.TapsSinceBoot != now.TapsSinceBoot
                || sent.ReaderFaults != now.ReaderFaults || sent.ReaderResets != now.ReaderResets)
            {
                return RoutineChange;
            }
            return NoChange;
        }
    }
}
