using System.Security.Cryptography;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Snapshots.Tests.Infrastructure;

/// <summary>A snapshot file in memory, read the way the terminal reads flash.</summary>
internal sealed class MemoryFlash(byte[] bytes) : IFlashReader
{
    public byte[] Bytes { get; } = bytes;

    public long Length => Bytes.Length;

    public int Read(long position, byte[] buffer, int offset, int count)
    {
        if (position < 0 || position >= Bytes.Length)
        {
            return 0;
        }
        int n = (int)Math.Min(count, Bytes.Length - position);
        Array.Copy(Bytes, position, buffer, offset, n);
        return n;
    }
}

/// <summary>Counts the reads a reader makes, and the bytes it asks for.</summary>
internal sealed class CountingFlash(IFlashReader inner) : IFlashReader
{
    public int Reads { get; set; }

    public long BytesRead { get; set; }

    public long Length => inner.Length;

    public int Read(long position, byte[] buffer, int offset, int count)
    {
        Reads++;
        int n = inner.Read(position, buffer, offset, count);
        BytesRead += n;
        return n;
    }
}

internal sealed class MemoryFlashWriter : IFlashWriter
{
    private readonly MemoryStream _stream = new();

    public int Writes { get; private set; }

    public int LargestWrite { get; private set; }

    public void Write(byte[] buffer, int offset, int count)
    {
        Writes++;
        LargestWrite = Math.Max(LargestWrite, count);
        _stream.Write(buffer, offset, count);
    }

    public byte[] ToArray() => _stream.ToArray();
}

/// <summary>
/// HMAC-SHA256 of .NET behind the protocol's interface. The agent and the virtual terminal
/// write their own five-line adapter; the device uses nanoFramework's.
/// </summary>
internal sealed class HmacSha256Net : IHmacSha256
{
    public static readonly HmacSha256Net Instance = new();

    public byte[] Compute(byte[] key, byte[] data, int offset, int count) =>
        HMACSHA256.HashData(key, data.AsSpan(offset, count));
}
