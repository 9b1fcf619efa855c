namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// MFRC522 register addresses (NXP MFRC522 data sheet Rev. 3.9, §9.2 "Register overview",
    /// described one by one in §9.3). Addresses are 6 bits; <see cref="SpiFramedRegisterTransport"/>
    /// turns them into the SPI address byte (§8.1.2.3).
    /// </summary>
    public static class Mfrc522Registers
    {
        // Page 0: command and status (§9.3.1)
        public const byte CommandReg = 0x01;      // §9.3.1.2  starts and stops command execution
        public const byte ComIEnReg = 0x02;       // §9.3.1.3  interrupt request enables (IRQ pin)
        public const byte DivIEnReg = 0x03;       // §9.3.1.4
        public const byte ComIrqReg = 0x04;       // §9.3.1.5  interrupt request bits
        public const byte DivIrqReg = 0x05;       // §9.3.1.6  interrupt request bits (CRC, MFIN)
        public const byte ErrorReg = 0x06;        // §9.3.1.7  error bits of the last command
        public const byte Status1Reg = 0x07;      // §9.3.1.8  CRC, IRQ, timer and FIFO status
        public const byte Status2Reg = 0x08;      // §9.3.1.9  receiver/transmitter status, ModemState
        public const byte FIFODataReg = 0x09;     // §9.3.1.10 input and output of the 64-byte FIFO
        public const byte FIFOLevelReg = 0x0A;    // §9.3.1.11 bytes stored in the FIFO, FlushBuffer
        public const byte WaterLevelReg = 0x0B;   // §9.3.1.12 FIFO under/overflow warning level
        public const byte ControlReg = 0x0C;      // §9.3.1.13 timer start/stop, RxLastBits
        public const byte BitFramingReg = 0x0D;   // §9.3.1.14 StartSend, RxAlign, TxLastBits
        public const byte CollReg = 0x0E;         // §9.3.1.15 first bit collision on the RF interface

        // Page 1: communication (§9.3.2)
        public const byte ModeReg = 0x11;         // §9.3.2.2  general modes, CRC preset
        public const byte TxModeReg = 0x12;       // §9.3.2.3  transmit speed and TxCRCEn
        public const byte RxModeReg = 0x13;       // §9.3.2.4  receive speed and RxCRCEn
        public const byte TxControlReg = 0x14;    // §9.3.2.5  antenna drivers TX1/TX2
        public const byte TxASKReg = 0x15;        // §9.3.2.6  Force100ASK
        public const byte TxSelReg = 0x16;        // §9.3.2.7
        public const byte RxSelReg = 0x17;        // §9.3.2.8
        public const byte RxThresholdReg = 0x18;  // §9.3.2.9
        public const byte DemodReg = 0x19;        // §9.3.2.10
        public const byte MfTxReg = 0x1C;         // §9.3.2.13
        public const byte MfRxReg = 0x1D;         // §9.3.2.14
        public const byte SerialSpeedReg = 0x1F;  // §9.3.2.16

        // Page 2: configuration (§9.3.3)
        public const byte CRCResultRegH = 0x21;   // §9.3.3.2  CRC result, MSB
        public const byte CRCResultRegL = 0x22;   // §9.3.3.2  CRC result, LSB
        public const byte ModWidthReg = 0x24;     // §9.3.3.4
        public const byte RFCfgReg = 0x26;        // §9.3.3.6  receiver gain (RxGain)
        public const byte GsNReg = 0x27;          // §9.3.3.7
        public const byte CWGsPReg = 0x28;        // §9.3.3.8
        public const byte ModGsPReg = 0x29;       // §9.3.3.9
        public const byte TModeReg = 0x2A;        // §9.3.3.10 TAuto, TPrescaler_Hi
        public const byte TPrescalerReg = 0x2B;   // §9.3.3.10 TPrescaler_Lo
        public const byte TReloadRegH = 0x2C;     // §9.3.3.11 16-bit timer reload, high byte
        public const byte TReloadRegL = 0x2D;     // §9.3.3.11 low byte
        public const byte TCounterValRegH = 0x2E; // §9.3.3.12 timer value, high byte
        public const byte TCounterValRegL = 0x2F; // §9.3.3.12 low byte

        // Page 3: test (§9.3.4)
        public const byte AutoTestReg = 0x36;     // §9.3.4.7  self test (§16.1.1)
        public const byte VersionReg = 0x37;      // §9.3.4.8  chip type and version (91h v1.0, 92h v2.0)
    }
}
