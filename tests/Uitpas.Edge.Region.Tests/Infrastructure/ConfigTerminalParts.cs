using System.Security.Cryptography;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>The terminal's flash in memory: each name replaced whole (the applier's persistence is proven by the core tests).</summary>
public sealed class MemoryBlobStore : IBlobStore
{
    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public byte[]? Read(string name)
    {
        lock (_gate)
        {
            return _blobs.TryGetValue(name, out var data) ? (byte[])data.Clone() : null;
        }
    }

    public void Write(string name, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_gate)
        {
            _blobs[name] = (byte[])data.Clone();
        }
    }
}

/// <summary>HMAC-SHA256 of .NET behind the protocol's interface (the virtual terminal's, without referencing its program).</summary>
public sealed class DotNetHmacSha256 : IHmacSha256
{
    public static readonly DotNetHmacSha256 Instance = new();

    public byte[] Compute(byte[] key, byte[] data, int offset, int count) => HMACSHA256.HashData(key, data.AsSpan(offset, count));
}

/// <summary>The system clock as the terminal's wall clock (set, as after SNTP).</summary>
public sealed class UtcWallClock : IWallClock
{
    public long UnixMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
