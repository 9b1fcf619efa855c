using System.Security.Cryptography;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.VirtualTerminal.Snapshots;

/// <summary>HMAC-SHA256 of .NET behind the protocol's interface.</summary>
public sealed class NetHmacSha256 : IHmacSha256
{
    public static readonly NetHmacSha256 Instance = new();

    public byte[] Compute(byte[] key, byte[] data, int offset, int count) => HMACSHA256.HashData(key, data.AsSpan(offset, count));
}
