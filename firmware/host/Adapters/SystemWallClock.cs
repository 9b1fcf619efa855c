using Uitpas.Edge.Core.Flow;

namespace Uitpas.Edge.VirtualTerminal.Adapters;

public sealed class SystemWallClock(TimeProvider time) : IWallClock
{
    public long UnixMs => time.GetUtcNow().ToUnixTimeMilliseconds();
}
