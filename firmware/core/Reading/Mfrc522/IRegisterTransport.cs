namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// Register access to an MFRC522, whatever the wire: SPI on the ESP32 (nanoFramework), SPI
    /// on a Raspberry Pi (.NET IoT), or the register-level simulator. One call is one bus
    /// transaction; the driver counts them to bound every poll. Implementations may throw on a
    /// bus error; the driver treats that as a chip fault.
    /// </summary>
    public interface IRegisterTransport
    {
        /// <summary>Reads one register (6-bit address, see <see cref="Mfrc522Registers"/>).</summary>
        byte ReadRegister(byte register);

        /// <summary>Writes one register.</summary>
        void WriteRegister(byte register, byte value);

        /// <summary>Reads <paramref name="count"/> bytes from FIFODataReg in one burst (at most 64).</summary>
        void ReadFifo(byte[] buffer, int offset, int count);

        /// <summary>Writes <paramref name="count"/> bytes to FIFODataReg in one burst (at most 64).</summary>
        void WriteFifo(byte[] buffer, int offset, int count);
    }
}
