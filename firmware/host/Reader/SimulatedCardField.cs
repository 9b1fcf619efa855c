using Uitpas.Edge.Core.Reading;

namespace Uitpas.Edge.VirtualTerminal.Reader;

/// <summary>
/// The RF field of a reader on a PC: a card is placed (by the demo, a test or a typed chip
/// number) and taken away again. Thread-safe: the loop reads while others place cards.
/// </summary>
public sealed class SimulatedCardField : ICardReader
{
    private byte[]? _card;

    public void Place(byte[] uid) => Volatile.Write(ref _card, (byte[])uid.Clone());

    public void Remove() => Volatile.Write(ref _card, null);

    public byte[]? ReadCardInField(long nowMs) => Volatile.Read(ref _card);
}
