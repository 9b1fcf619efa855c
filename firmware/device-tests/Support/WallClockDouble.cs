using Uitpas.Edge.Core.Flow;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>Calendar time the test owns.</summary>
    public sealed class WallClockDouble : IWallClock
    {
        public WallClockDouble()
        {
            UnixMs = 1790000000000;
        }

        public WallClockDouble(long unixMs)
        {
            UnixMs = unixMs;
        }

        public long UnixMs { get; set; }
    }
}
