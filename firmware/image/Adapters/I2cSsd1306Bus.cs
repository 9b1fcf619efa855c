using System;
using System.Device.I2c;
using nanoFramework.Hardware.Esp32;
using Uitpas.Edge.Core.Display.Oled;
using Uitpas.Edge.Firmware.Board;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The SSD1306 on the ESP32's I²C1 (nanoFramework System.Device.I2c) at 400 kHz: each write
    /// is one transaction of the control byte (SSD1306 data sheet §8.1.5: 0x00 commands, 0x40
    /// data) and the bytes, copied into one reusable buffer, so a flush allocates nothing. The
    /// chip logic is in the core's <see cref="Ssd1306"/>; this class only moves bytes.
    /// </summary>
    public sealed class I2cSsd1306Bus : ISsd1306Bus, IDisposable
    {
        private const byte CommandStream = 0x00;
        private const byte DataStream = 0x40;

        private readonly I2cDevice _device;
        private readonly byte[] _buffer = new byte[1 + Ssd1306.DataChunkBytes];

        /// <summary>The reference board's display: I²C1 on GPIO 21 (SDA) / 22 (SCL), address 0x3C.</summary>
        public I2cSsd1306Bus()
            : this(ReferenceBoard.I2cBus, ReferenceBoard.I2cDataPin, ReferenceBoard.I2cClockPin, ReferenceBoard.DisplayAddress)
        {
        }

        public I2cSsd1306Bus(int busId, int dataPin, int clockPin, int address)
        {
            // The ESP32 routes I²C through its GPIO matrix: the pins must be claimed before the bus opens.
            Configuration.SetPinFunction(dataPin, busId == 2 ? DeviceFunction.I2C2_DATA : DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(clockPin, busId == 2 ? DeviceFunction.I2C2_CLOCK : DeviceFunction.I2C1_CLOCK);
            _device = I2cDevice.Create(new I2cConnectionSettings(busId, address, I2cBusSpeed.FastMode));
        }

        public bool WriteCommands(byte[] buffer, int count)
        {
            return Write(CommandStream, buffer, 0, count);
        }

        public bool WriteData(byte[] buffer, int offset, int count)
        {
            return Write(DataStream, buffer, offset, count);
        }

        private bool Write(byte control, byte[] buffer, int offset, int count)
        {
            if (count <= 0 || count > _buffer.Length - 1)
            {
                return false;
            }
            _buffer[0] = control;
            Array.Copy(buffer, offset, _buffer, 1, count);
            I2cTransferResult result = _device.Write(new SpanByte(_buffer, 0, count + 1));
            return result.Status == I2cTransferStatus.FullTransfer;
        }

        public void Dispose()
        {
            _device.Dispose();
        }
    }
}
