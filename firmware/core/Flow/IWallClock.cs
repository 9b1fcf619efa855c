namespace Uitpas.Edge.Core.Flow
{
    /// <summary>
    /// Calendar time for timestamps only (SNTP on the device). Decisions and timeouts use the
    /// monotonic milliseconds handed to <see cref="TapFlow.Step"/>, never this clock.
    /// </summary>
    public interface IWallClock
    {
        /// <summary>Unix milliseconds UTC, or 0 while the clock has not been set.</summary>
        long UnixMs { get; }
    }
}
