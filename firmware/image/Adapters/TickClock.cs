using Uitpas.Edge.Core.Flow;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// Monotonic milliseconds for the core (Environment.TickCount64 never jumps) and calendar
    /// time for timestamps (set by SNTP when WiFi connects; 0 until then).
    /// </summary>
    public sealed class TickClock : IWallClock
    {
        private static readonly long UnixEpochTicks = new System.DateTime(1970, 1, 1).Ticks;
        private static readonly long ValidAfterTicks = new System.DateTime(2025, 1, 1).Ticks;

        public long NowMs
        {
            get { return System.Environment.TickCount64; }
        }

        public long UnixMs
        {
            get
            {
                long ticks = System.DateTime.UtcNow.Ticks;
                return ticks < ValidAfterTicks ? 0 : (ticks - UnixEpochTicks) / System.TimeSpan.TicksPerMillisecond;
            }
        }
    }
}
