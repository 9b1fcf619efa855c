using System.Security.Cryptography;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Bench.Snapshots;

/// <summary>A snapshot file in memory, read as the terminal reads flash.</summary>
internal sealed class MemoryFlash(byte[] bytes) : IFlashReader
{
    public byte[] Bytes { get; } = bytes;

    public long Length => Bytes.Length;

    public int Read(long position, byte[] buffer, int offset, int count)
    {
        if (position >= Bytes.Length)
        {
            return 0;
        }
        int n = (int)Math.Min(count, Bytes.Length - position);
        Array.Copy(Bytes, position, buffer, offset, n);
        return n;
    }
}

/// <summary>Counts the reads and bytes a reader asks of the file.</summary>
internal sealed class CountingFlash(IFlashReader inner) : IFlashReader
{
    public long Reads { get; set; }

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

    public void Write(byte[] buffer, int offset, int count) => _stream.Write(buffer, offset, count);

    public byte[] ToArray() => _stream.ToArray();
}

/// <summary>The bench's HMAC adapter; the agent and the terminal host have their own.</summary>
internal sealed class HmacSha256Net : IHmacSha256
{
    public byte[] Compute(byte[] key, byte[] data, int offset, int count) =>
        HMACSHA256.HashData(key, data.AsSpan(offset, count));
}
