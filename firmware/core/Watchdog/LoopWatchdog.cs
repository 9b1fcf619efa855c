namespace Uitpas.Edge.Core.Watchdog
{
    /// <summary>
    /// Notices a thread that stopped making progress. Each thread has a lane with its own
    /// timeout. A loop lane is fed every turn (<see cref="Feed"/>) and stalls when the last feed
    /// is older than its timeout. A lane for work that legitimately blocks (joining the WiFi
    /// network, a TLS connect) marks the blocking call with <see cref="Enter"/> and
    /// <see cref="Leave"/>: it stalls only when it has been inside one call longer than its
    /// timeout, never while it waits between attempts. A lane that was never fed nor entered
    /// cannot stall (the loop starts after the boot). Thread-safe; allocates nothing after
    /// the lanes are added.
    /// </summary>
    public sealed class LoopWatchdog
    {
        public const int MaxLanes = 8;

        /// <summary>The main loop polls every 15 ms; 10 s without a turn is a hang.</summary>
        public const int MainLoopTimeoutMs = 10000;

        /// <summary>The MQTT connector: DNS, TCP, TLS handshake and CONNECT, each with its own timeouts well inside this.</summary>
        public const int MqttConnectTimeoutMs = 120000;

        /// <summary>The WiFi link: a join is cancelled after 60 s by its own token; twice that is a hang.</summary>
        public const int WifiJoinTimeoutMs = 120000;

        private readonly object _gate = new object();
        private readonly string[] _names = new string[MaxLanes];
        private readonly int[] _timeouts = new int[MaxLanes];
        private readonly long[] _since = new long[MaxLanes];
        private readonly bool[] _armed = new bool[MaxLanes];
        private readonly bool[] _blocking = new bool[MaxLanes];
        private int _count;

        /// <summary>Adds a lane; returns its number for the other calls.</summary>
        public int AddLane(string name, int timeoutMs)
        {
            lock (_gate)
            {
                if (_count == MaxLanes)
                {
                    throw new System.InvalidOperationException("at most " + MaxLanes + " watchdog lanes");
                }
                _names[_count] = name;
                _timeouts[_count] = timeoutMs;
                return _count++;
            }
        }

        public int LaneCount
        {
            get { lock (_gate) { return _count; } }
        }

        public string NameOf(int lane)
        {
            return lane >= 0 && lane < _count ? _names[lane] : "none";
        }

        /// <summary>The lane made progress (a loop turn).</summary>
        public void Feed(int lane, long nowMs)
        {
            lock (_gate)
            {
                _since[lane] = nowMs;
                _armed[lane] = true;
                _blocking[lane] = false;
            }
        }

        /// <summary>The lane's thread enters a call that may block up to its own timeout.</summary>
        public void Enter(int lane, long nowMs)
        {
            lock (_gate)
            {
                _since[lane] = nowMs;
                _armed[lane] = true;
                _blocking[lane] = true;
            }
        }

        /// <summary>The blocking call returned (whatever its result): the lane waits without a deadline.</summary>
        public void Leave(int lane, long nowMs)
        {
            lock (_gate)
            {
                _since[lane] = nowMs;
                _armed[lane] = false;
                _blocking[lane] = false;
            }
        }

        /// <summary>The first lane past its timeout at <paramref name="nowMs"/>, or -1 when all are well.</summary>
        public int Check(long nowMs)
        {
            lock (_gate)
            {
                for (int i = 0; i < _count; i++)
                {
                    if (_armed[i] && nowMs - _since[i] > _timeouts[i])
                    {
                        return i;
                    }
                }
                return -1;
            }
        }

        /// <summary>How long the lane has been without progress (fed) or inside its call (entered); 0 when idle.</summary>
        public long SilentForMs(int lane, long nowMs)
        {
            lock (_gate)
            {
                return _armed[lane] ? nowMs - _since[lane] : 0;
            }
        }

        /// <summary>True while the lane is inside a blocking call.</summary>
        public bool IsInside(int lane)
        {
            lock (_gate)
            {
                return _blocking[lane];
            }
        }
    }
}
