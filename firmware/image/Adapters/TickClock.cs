using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Network;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// Monotonic milliseconds for the core (Environment.TickCount64 never jumps) and calendar
    /// time for timestamps: the system clock (set by SNTP) only while the clock guard trusts it,
    /// otherwise 0 ("not set"), so no tap is stamped 1970 or with a clock that jumped away.
    /// </summary>
    public sealed class TickClock : IWallClock
    {
        private static readonly long UnixEpochTicks = new System.DateTime(1970, 1, 1).Ticks;

        private readonly ClockGuard _guard;

        public TickClock(ClockGuard guard)
        {
            _guard = guard;
        }

        public long NowMs
        {
            get { return System.Environment.TickCount64; }
        }

        /// <summary>The system clock as Unix ms, trusted or not.</summary>
        public long RawUnixMs
        {
            get { return (System.DateTime.UtcNow.Ticks - UnixEpochTicks) / System.TimeSpan.TicksPerMillisecond; }
        }

        public long UnixMs
        {
            get
            {
                long raw = RawUnixMs;
                return _guard.IsSet(raw) ? raw : 0;
            }
        }

        /// <summary>The DateTime for a Unix ms value (to set the system clock).</summary>
        public static System.DateTime ToDateTime(long unixMs)
        {
            return new System.DateTime(UnixEpochTicks + unixMs * System.TimeSpan.TicksPerMillisecond);
        }
    }
}
