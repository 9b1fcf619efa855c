using System;
using System.Device.Spi;
using Uitpas.Edge.Core.Reading.Mfrc522;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The MFRC522 on the ESP32's SPI bus (nanoFramework System.Device.Spi): mode 0, MSB first,
    /// 8-bit words, up to 10 MHz (data sheet §8.1.2). The framing lives in the core's
    /// <see cref="SpiFramedRegisterTransport"/>; this class only moves the bytes, one
    /// chip-select-framed full-duplex transfer per register access or FIFO burst.
    /// </summary>
    public sealed class SpiRegisterTransport : SpiFramedRegisterTransport, IDisposable
    {
        private readonly SpiDevice _device;

        public SpiRegisterTransport(int busId, int chipSelectPin, int clockHz)
        {
            SpiConnectionSettings settings = new SpiConnectionSettings(busId, chipSelectPin);
            settings.ClockFrequency = clockHz;
            settings.Mode = SpiMode.Mode0;
            settings.DataBitLength = 8;
            settings.DataFlow = DataFlow.MsbFirst;
            _device = SpiDevice.Create(settings);
        }

        protected override void TransferFullDuplex(byte[] write, byte[] read, int length)
        {
            _device.TransferFullDuplex(new SpanByte(write, 0, length), new SpanByte(read, 0, length));
        }

        public void Dispose()
        {
            _device.Dispose();
        }
    }
}
