namespace Uitpas.Edge.Core.Network
{
    /// <summary>
    /// Decides when the terminal tries to join the WiFi network; the image's WiFi link thread
    /// asks it and reports back. Attempts back off exponentially (1 s doubling to 60 s), each
    /// delay moved by up to ± 25 % by a jitter derived from the device id, so 200 terminals
    /// that lose the access point together (a power cut) do not all come back at the same
    /// instant, and the same terminal always spreads the same way (no random source needed).
    /// The first attempt after boot waits 0–1 s by the same jitter. A join resets the backoff;
    /// a drop (<see cref="Lost"/>) retries after the first step again. Thread-safe: the link
    /// thread reports, the main loop reads <see cref="State"/> and <see cref="LastRssi"/>.
    /// </summary>
    public sealed class NetworkSupervisor
    {
        public const int FirstDelayMs = 1000;
        public const int MaxDelayMs = 60000;
        private readonly object _gate = new object();
        private readonly JitteredBackoff _backoff;
        private NetworkState _state;
        private int _failures;
        private long _nextAttemptMs;
        private int _lastRssi;
        private int _attempts;
        private int _joins;
        private long _joinedAtMs;

        public NetworkSupervisor(string deviceId, long nowMs)
        {
            _backoff = new JitteredBackoff(deviceId, FirstDelayMs, MaxDelayMs);
            _state = NetworkState.Offline;
            _nextAttemptMs = nowMs + _backoff.SpreadMs(FirstDelayMs);
        }

        public NetworkState State
        {
            get { lock (_gate) { return _state; } }
        }

        /// <summary>The signal strength last measured (dBm, e.g. -67); 0 = not measured.</summary>
        public int LastRssi
        {
            get { lock (_gate) { return _lastRssi; } }
        }

        /// <summary>Failed attempts since the last join (the backoff's exponent).</summary>
        public int Failures
        {
            get { lock (_gate) { return _failures; } }
        }

        /// <summary>Attempts since boot.</summary>
        public int Attempts
        {
            get { lock (_gate) { return _attempts; } }
        }

        /// <summary>Joins since boot.</summary>
        public int Joins
        {
            get { lock (_gate) { return _joins; } }
        }

        /// <summary>When the next attempt is due (monotonic ms).</summary>
        public long NextAttemptMs
        {
            get { lock (_gate) { return _nextAttemptMs; } }
        }

        /// <summary>Monotonic ms of the last join; -1 when not joined.</summary>
        public long JoinedAtMs
        {
            get { lock (_gate) { return _state == NetworkState.Joined ? _joinedAtMs : -1; } }
        }

        /// <summary>True when offline and the backoff has run out: the caller should call <see cref="Joining"/> and try.</summary>
        public bool ShouldJoin(long nowMs)
        {
            lock (_gate)
            {
                return _state == NetworkState.Offline && nowMs >= _nextAttemptMs;
            }
        }

        public void Joining(long nowMs)
        {
            lock (_gate)
            {
                _state = NetworkState.Joining;
                _attempts++;
            }
        }

        /// <summary>The attempt succeeded; <paramref name="rssiDbm"/> 0 when unknown (the last value stays).</summary>
        public void Joined(long nowMs, int rssiDbm)
        {
            lock (_gate)
            {
                _state = NetworkState.Joined;
                _failures = 0;
                _joins++;
                _joinedAtMs = nowMs;
                if (rssiDbm != 0)
                {
                    _lastRssi = rssiDbm;
                }
            }
        }

        /// <summary>The attempt failed: the next one waits the backoff; returns that wait in ms.</summary>
        public int Failed(long nowMs)
        {
            lock (_gate)
            {
                int delay = DelayMs(_failures);
                _failures++;
                _state = NetworkState.Offline;
                _nextAttemptMs = nowMs + delay;
                return delay;
            }
        }

        /// <summary>The link dropped: back to offline, the next attempt after the first backoff step.</summary>
        public void Lost(long nowMs)
        {
            lock (_gate)
            {
                _state = NetworkState.Offline;
                _failures = 0;
                _nextAttemptMs = nowMs + DelayMs(0);
            }
        }

        /// <summary>A new signal strength measurement (dBm); 0 is ignored.</summary>
        public void Rssi(int rssiDbm)
        {
            lock (_gate)
            {
                if (rssiDbm != 0)
                {
                    _lastRssi = rssiDbm;
                }
            }
        }

        /// <summary>The wait after <paramref name="failures"/> failed attempts: 1 s × 2^failures up to 60 s, ± this device's jitter.</summary>
        public int DelayMs(int failures)
        {
            return _backoff.DelayMs(failures);
        }
    }
}
