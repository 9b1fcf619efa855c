namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>Validity windows of the events snapshot: [from, until) in Unix ms, 0 = open.</summary>
    public static class Validity
    {
        public static bool Includes(long fromUnixMs, long untilUnixMs, long unixMs)
        {
            return (fromUnixMs == 0 || unixMs >= fromUnixMs) && (untilUnixMs == 0 || unixMs < untilUnixMs);
        }

        public static bool IsWellFormed(long fromUnixMs, long untilUnixMs)
        {
            return fromUnixMs >= 0 && untilUnixMs >= 0 && (fromUnixMs == 0 || untilUnixMs == 0 || fromUnixMs < untilUnixMs);
        }
    }
}
