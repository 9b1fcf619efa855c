using Uitpas.Edge.Core.Reading.Mfrc522;

namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>
/// The core's SPI framing (the code both hardware transports use) on top of the simulated chip's
/// raw SPI <see cref="SimulatedMfrc522.Transfer"/>: exercises address bytes, read bursts with the
/// closing 00h, and bit flips on any byte of the wire.
/// </summary>
public sealed class SimulatedSpiTransport(SimulatedMfrc522 chip) : SpiFramedRegisterTransport
{
    protected override void TransferFullDuplex(byte[] write, byte[] read, int length)
    {
        byte[] miso = chip.Transfer(write.AsSpan(0, length));
        miso.CopyTo(read, 0);
    }
}
