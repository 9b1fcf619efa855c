namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// The MFRC522 SPI framing (data sheet §8.1.2): SPI mode 0, MSB first, up to 10 Mbit/s. Every
    /// transaction starts with an address byte (§8.1.2.3): bit 7 = 1 to read, 0 to write; bits
    /// 6..1 the register address; bit 0 = 0. A read sends one address byte per byte wanted and a
    /// closing 00h; MISO returns the data one byte later (§8.1.2.1). A write sends the address
    /// then the data bytes, all into the same register (§8.1.2.2) — that is the FIFO burst.
    /// Subclasses only move bytes: nanoFramework's and .NET IoT's SpiDevice, or the simulator.
    /// </summary>
    public abstract class SpiFramedRegisterTransport : IRegisterTransport
    {
        public const int MaxBurst = 64;

        private readonly byte[] _write = new byte[MaxBurst + 1];
        private readonly byte[] _read = new byte[MaxBurst + 1];

        /// <summary>One chip-select-framed full-duplex transfer of <paramref name="length"/> bytes.</summary>
        protected abstract void TransferFullDuplex(byte[] write, byte[] read, int length);

        public static byte ReadAddress(byte register)
        {
            return (byte)(0x80 | ((register << 1) & 0x7E));
        }

        public static byte WriteAddress(byte register)
        {
            return (byte)((register << 1) & 0x7E);
        }

        public byte ReadRegister(byte register)
        {
            _write[0] = ReadAddress(register);
            _write[1] = 0x00;
            TransferFullDuplex(_write, _read, 2);
            return _read[1];
        }

        public void WriteRegister(byte register, byte value)
        {
            _write[0] = WriteAddress(register);
            _write[1] = value;
            TransferFullDuplex(_write, _read, 2);
        }

        public void ReadFifo(byte[] buffer, int offset, int count)
        {
            CheckBurst(count);
            if (count == 0)
            {
                return;
            }
            byte address = ReadAddress(Mfrc522Registers.FIFODataReg);
            for (int i = 0; i < count; i++)
            {
                _write[i] = address;
            }
            _write[count] = 0x00;
            TransferFullDuplex(_write, _read, count + 1);
            System.Array.Copy(_read, 1, buffer, offset, count);
        }

        public void WriteFifo(byte[] buffer, int offset, int count)
        {
            CheckBurst(count);
            if (count == 0)
            {
                return;
            }
            _write[0] = WriteAddress(Mfrc522Registers.FIFODataReg);
            System.Array.Copy(buffer, offset, _write, 1, count);
            TransferFullDuplex(_write, _read, count + 1);
        }

        private static void CheckBurst(int count)
        {
            if (count < 0 || count > MaxBurst)
            {
                throw new System.ArgumentException("a FIFO burst is 0-64 bytes");
            }
        }
    }
}
