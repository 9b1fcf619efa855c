using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.Bench.Journal;

/// <summary>Counts what the journal asks of its store: the figures that carry over to the device's flash.</summary>
internal sealed class CountingStore : IAppendStore
{
    private readonly IAppendStore _inner;
    private readonly StoreCounts _counts;
    private readonly CountingStore _sibling;

    public CountingStore(IAppendStore inner)
        : this(inner, new StoreCounts(), null)
    {
    }

    private CountingStore(IAppendStore inner, StoreCounts counts, CountingStore? sibling)
    {
        _inner = inner;
        _counts = counts;
        _sibling = sibling ?? new CountingStore(inner.Sibling ?? throw new ArgumentException("the store needs a sibling"), counts, this);
    }

    public StoreCounts Counts => _counts;
    public long Length => _inner.Length;
    public IAppendStore Sibling => _sibling;

    public void Append(byte[] buffer, int offset, int count)
    {
        _counts.Appends++;
        _counts.BytesWritten += count;
        _inner.Append(buffer, offset, count);
    }

    public void Flush()
    {
        _counts.Flushes++;
        _inner.Flush();
    }

    public int Read(long position, byte[] buffer, int offset, int count)
    {
        _counts.Reads++;
        int read = _inner.Read(position, buffer, offset, count);
        _counts.BytesRead += read;
        return read;
    }

    public void Truncate(long length)
    {
        _counts.Truncates++;
        _inner.Truncate(length);
    }
}

internal sealed class StoreCounts
{
    public long Appends { get; set; }
    public long BytesWritten { get; set; }
    public long Flushes { get; set; }
    public long Reads { get; set; }
    public long BytesRead { get; set; }
    public long Truncates { get; set; }

    public void Reset()
    {
        Appends = BytesWritten = Flushes = Reads = BytesRead = Truncates = 0;
    }
}

/// <summary>A pair of in-memory logs.</summary>
internal sealed class MemoryStore : IAppendStore
{
    private readonly List<byte> _bytes = [];
    private readonly MemoryStore _sibling;

    public MemoryStore() => _sibling = new MemoryStore(this);

    private MemoryStore(MemoryStore sibling) => _sibling = sibling;

    public long Length => _bytes.Count;
    public IAppendStore Sibling => _sibling;
    public void Append(byte[] buffer, int offset, int count) => _bytes.AddRange(buffer.AsSpan(offset, count));
    public void Flush() { }

    public int Read(long position, byte[] buffer, int offset, int count)
    {
        int n = (int)Math.Max(0, Math.Min(count, _bytes.Count - position));
        _bytes.CopyTo((int)position, buffer, offset, n);
        return n;
    }

    public void Truncate(long length) => _bytes.RemoveRange((int)length, _bytes.Count - (int)length);
}
