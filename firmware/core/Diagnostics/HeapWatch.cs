using Uitpas.Edge.Core.Flow;

namespace Uitpas.Edge.Core.Diagnostics
{
    /// <summary>
    /// Measures the free heap at the phases of <see cref="MemoryPhase"/>, prints
    /// "[memory] &lt;phase&gt; free=… min=…" (with the budget when below it), and tells the main loop
    /// when the heap is below <see cref="MemoryBudget.FloorBytes"/>. <see cref="Step"/> picks the
    /// moments from what the loop sees (a connect, an outcome on screen, the journal shrinking
    /// while connected, a new allowlist version, and every 5 minutes of idling), at most one
    /// measurement per step and never while a tap waits for its answer (a measurement runs a
    /// garbage collection, a few ms on the device).
    /// </summary>
    public sealed class HeapWatch
    {
        public const int IdleIntervalMs = 5 * 60 * 1000;
        public const int ReplayIntervalMs = 10000;

        private readonly IHeapProbe _probe;
        private readonly ILineLog _log;
        private readonly int[] _minOf = new int[MemoryPhase.Count];
        private int _last = -1;
        private int _min = -1;
        private bool _wasConnected;
        private FlowState _lastState = FlowState.Ready;
        private int _lastPending = -1;
        private uint _lastVersion;
        private long _lastIdleMs;
        private long _lastReplayMs;
        private bool _idleRecorded;
        private bool _replayRecorded;

        public HeapWatch(IHeapProbe probe, ILineLog log)
        {
            _probe = probe;
            _log = log;
            for (int i = 0; i < _minOf.Length; i++)
            {
                _minOf[i] = -1;
            }
        }

        /// <summary>The last measurement; -1 before the first.</summary>
        public int FreeBytes
        {
            get { return _last; }
        }

        /// <summary>The lowest measurement since boot; -1 before the first.</summary>
        public int MinFreeBytes
        {
            get { return _min; }
        }

        public int Measurements { get; private set; }

        /// <summary>True when the last measurement was below the floor: reboot between taps.</summary>
        public bool BelowFloor
        {
            get { return _last >= 0 && _last < MemoryBudget.FloorBytes; }
        }

        /// <summary>The lowest measurement at <paramref name="phase"/>; -1 when never measured.</summary>
        public int MinOf(int phase)
        {
            return _minOf[phase];
        }

        /// <summary>Measures now as <paramref name="phase"/>, prints the line, returns the free bytes.</summary>
        public int Record(int phase, long nowMs)
        {
            int free = _probe.FreeBytes();
            _last = free;
            Measurements++;
            if (_min < 0 || free < _min)
            {
                _min = free;
            }
            if (_minOf[phase] < 0 || free < _minOf[phase])
            {
                _minOf[phase] = free;
            }
            int budget = MemoryBudget.MinFreeBytes(phase);
            string line = "[memory] " + MemoryPhase.NameOf(phase) + " free=" + free + " min=" + _min;
            if (free < MemoryBudget.FloorBytes)
            {
                line += " (below the floor of " + MemoryBudget.FloorBytes + ": reboot between taps)";
            }
            else if (free < budget)
            {
                line += " (below the budget of " + budget + ")";
            }
            if (_log != null)
            {
                _log.Write(line);
            }
            return free;
        }

        /// <summary>
        /// One turn of the main loop: measures when one of the phases just happened. Returns the
        /// phase measured, or -1 when nothing was measured.
        /// </summary>
        public int Step(long nowMs, bool connected, FlowState state, int pendingTaps, uint allowlistVersion)
        {
            int phase = Due(nowMs, connected, state, pendingTaps, allowlistVersion);
            _wasConnected = connected;
            _lastState = state;
            _lastPending = pendingTaps;
            _lastVersion = allowlistVersion;
            if (phase < 0)
            {
                return -1;
            }
            if (phase == MemoryPhase.Idle)
            {
                _idleRecorded = true;
                _lastIdleMs = nowMs;
            }
            else if (phase == MemoryPhase.Replay)
            {
                _replayRecorded = true;
                _lastReplayMs = nowMs;
            }
            Record(phase, nowMs);
            return phase;
        }

        private int Due(long nowMs, bool connected, FlowState state, int pendingTaps, uint allowlistVersion)
        {
            if (state == FlowState.AwaitingResult)
            {
                return -1;
            }
            if (connected && !_wasConnected)
            {
                return MemoryPhase.Connected;
            }
            if (state == FlowState.ShowingOutcome && _lastState != FlowState.ShowingOutcome)
            {
                return MemoryPhase.Lookup;
            }
            if (allowlistVersion != _lastVersion && _lastPending >= 0)
            {
                return MemoryPhase.SnapshotApply;
            }
            if (connected && _lastPending >= 0 && pendingTaps < _lastPending
                && (!_replayRecorded || nowMs - _lastReplayMs >= ReplayIntervalMs))
            {
                return MemoryPhase.Replay;
            }
            if (state == FlowState.Ready && (!_idleRecorded || nowMs - _lastIdleMs >= IdleIntervalMs))
            {
                return MemoryPhase.Idle;
            }
            return -1;
        }
    }
}
