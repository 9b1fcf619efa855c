using System.Device.Spi;
using Uitpas.Edge.Core.Reading.Mfrc522;

namespace Uitpas.Edge.VirtualTerminal.Reader;

/// <summary>
/// An RC522 module on a Linux SPI device (a Raspberry Pi's /dev/spidevB.C) through .NET IoT's
/// System.Device.Spi: mode 0, MSB first, 8-bit words. The framing is the core's, shared with the
/// ESP32 image; this class only moves the bytes of one chip-select-framed transfer.
/// </summary>
public sealed class SpiDeviceRegisterTransport : SpiFramedRegisterTransport, IDisposable
{
    private readonly SpiDevice _device;

    public SpiDeviceRegisterTransport(int busId, int chipSelectLine, int clockHz)
    {
        _device = SpiDevice.Create(new SpiConnectionSettings(busId, chipSelectLine)
        {
            ClockFrequency = clockHz,
            Mode = SpiMode.Mode0,
            DataBitLength = 8,
            DataFlow = DataFlow.MsbFirst,
        });
    }

    protected override void TransferFullDuplex(byte[] write, byte[] read, int length) =>
        _device.TransferFullDuplex(write.AsSpan(0, length), read.AsSpan(0, length));

    public void Dispose() => _device.Dispose();
}
