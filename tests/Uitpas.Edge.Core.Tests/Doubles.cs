using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Messaging;
using Uitpas.Edge.Core.Reading;
using Uitpas.Edge.Core.Storage;

namespace Uitpas.Edge.Core.Tests;

// Stand-ins for the terminal's hardware edges (RF field, screen, flash, network), so the core's
// logic can be driven step by step with a clock the test owns.

internal sealed class FieldDouble : ICardReader
{
    public byte[]? Card { get; set; }
    public int Reads { get; private set; }

    public byte[]? ReadCardInField(long nowMs)
    {
        Reads++;
        return Card;
    }
}

internal sealed class UiDouble : ITerminalUi
{
    public List<Screen> Screens { get; } = [];
    public Screen Last => Screens[^1];
    public void Show(Screen screen) => Screens.Add(screen);
}

internal sealed class TransportDouble : IMqttTransport
{
    private readonly Queue<InboundMessage> _inbound = new();

    public bool IsConnected { get; set; } = true;
    public List<(string Topic, byte[] Payload)> Published { get; } = [];
    public Action? OnPublish { get; set; }

    public bool Publish(string topic, byte[] payload)
    {
        if (!IsConnected)
        {
            return false;
        }
        OnPublish?.Invoke();
        Published.Add((topic, payload));
        return true;
    }

    public void Deliver(string topic, byte[] payload) => _inbound.Enqueue(new InboundMessage(topic, payload));

    public InboundMessage? Receive() => _inbound.Count > 0 ? _inbound.Dequeue() : null;
}

/// <summary>A pair of in-memory logs: this one and <see cref="Other"/>, each the other's sibling.</summary>
internal sealed class MemoryAppendStore : IAppendStore
{
    private readonly MemoryAppendStore _other;

    public MemoryAppendStore() => _other = new MemoryAppendStore(this);

    private MemoryAppendStore(MemoryAppendStore other) => _other = other;

    public List<byte> Bytes { get; } = [];
    public int Flushes { get; private set; }
    public MemoryAppendStore Other => _other;
    public IAppendStore Sibling => _other;

    public long Length => Bytes.Count;
    public void Append(byte[] buffer, int offset, int count) => Bytes.AddRange(buffer.AsSpan(offset, count).ToArray());
    public void Flush() => Flushes++;

    public int Read(long position, byte[] buffer, int offset, int count)
    {
        int n = (int)Math.Max(0, Math.Min(count, Bytes.Count - position));
        Bytes.CopyTo((int)position, buffer, offset, n);
        return n;
    }

    public void Truncate(long length) => Bytes.RemoveRange((int)length, Bytes.Count - (int)length);
}

internal sealed class MemoryBlobStore : IBlobStore
{
    private readonly Dictionary<string, byte[]> _blobs = [];
    public byte[]? Read(string name) => _blobs.TryGetValue(name, out var data) ? data : null;
    public void Write(string name, byte[] data) => _blobs[name] = (byte[])data.Clone();
}

internal sealed class WallClockDouble : IWallClock
{
    public long UnixMs { get; set; } = 1_790_000_000_000;
}
