namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// Command codes written to CommandReg[3:0] (data sheet §10.3, Table 149; each command is
    /// described in §10.3.1).
    /// </summary>
    public static class Mfrc522Commands
    {
        public const byte Idle = 0x00;             // §10.3.1.1 no action, cancels the current command
        public const byte Mem = 0x01;              // §10.3.1.2 stores 25 bytes into the internal buffer
        public const byte GenerateRandomId = 0x02; // §10.3.1.3
        public const byte CalcCRC = 0x03;          // §10.3.1.4 activates the CRC coprocessor
        public const byte Transmit = 0x04;         // §10.3.1.5 transmits the FIFO contents
        public const byte NoCmdChange = 0x07;      // §10.3.1.6
        public const byte Receive = 0x08;          // §10.3.1.7
        public const byte Transceive = 0x0C;       // §10.3.1.8 transmit (on StartSend), then receive
        public const byte MFAuthent = 0x0E;        // §10.3.1.9
        public const byte SoftReset = 0x0F;        // §10.3.1.10 resets the MFRC522
    }
}
