namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>CommandReg bits (§9.3.1.2).</summary>
    public static class CommandRegBits
    {
        public const byte RcvOff = 0x20;
        public const byte PowerDown = 0x10;   // reads 1 until the wake-up after SoftReset is done
        public const byte CommandMask = 0x0F;
    }

    /// <summary>ComIrqReg bits (§9.3.1.5); writing Set1=0 clears the bits written as 1.</summary>
    public static class ComIrqBits
    {
        public const byte Set1 = 0x80;
        public const byte TxIRq = 0x40;
        public const byte RxIRq = 0x20;
        public const byte IdleIRq = 0x10;
        public const byte HiAlertIRq = 0x08;
        public const byte LoAlertIRq = 0x04;
        public const byte ErrIRq = 0x02;
        public const byte TimerIRq = 0x01;
        public const byte ClearAll = 0x7F;
    }

    /// <summary>DivIrqReg bits (§9.3.1.6).</summary>
    public static class DivIrqBits
    {
        public const byte Set2 = 0x80;
        public const byte MfinActIRq = 0x10;
        public const byte CRCIRq = 0x04;
        public const byte ClearAll = 0x7F;
    }

    /// <summary>ErrorReg bits (§9.3.1.7).</summary>
    public static class ErrorBits
    {
        public const byte WrErr = 0x80;
        public const byte TempErr = 0x40;     // overheating: the antenna drivers were switched off
        public const byte BufferOvfl = 0x10;
        public const byte CollErr = 0x08;
        public const byte CRCErr = 0x04;
        public const byte ParityErr = 0x02;
        public const byte ProtocolErr = 0x01;
    }

    /// <summary>Status1Reg bits (§9.3.1.8).</summary>
    public static class Status1Bits
    {
        public const byte CRCOk = 0x40;
        public const byte CRCReady = 0x20;
        public const byte IRq = 0x10;
        public const byte TRunning = 0x08;
        public const byte HiAlert = 0x02;
        public const byte LoAlert = 0x01;
    }

    /// <summary>FIFOLevelReg (§9.3.1.11), ControlReg (§9.3.1.13), BitFramingReg (§9.3.1.14) and CollReg (§9.3.1.15) bits.</summary>
    public static class FramingBits
    {
        public const byte FlushBuffer = 0x80;      // FIFOLevelReg
        public const byte FifoLevelMask = 0x7F;    // FIFOLevelReg
        public const byte TStopNow = 0x80;         // ControlReg
        public const byte TStartNow = 0x40;        // ControlReg
        public const byte RxLastBitsMask = 0x07;   // ControlReg
        public const byte StartSend = 0x80;        // BitFramingReg
        public const int RxAlignShift = 4;         // BitFramingReg RxAlign[2:0] at bits 6..4
        public const byte TxLastBitsMask = 0x07;   // BitFramingReg
        public const byte ValuesAfterColl = 0x80;  // CollReg
        public const byte CollPosNotValid = 0x20;  // CollReg
        public const byte CollPosMask = 0x1F;      // CollReg; 0 means the 32nd bit
    }

    /// <summary>Configuration bits: ModeReg (§9.3.2.2), Tx/RxModeReg (§9.3.2.3-4), TxControlReg (§9.3.2.5), TxASKReg (§9.3.2.6), RFCfgReg (§9.3.3.6), TModeReg (§9.3.3.10).</summary>
    public static class ConfigBits
    {
        public const byte ModeTxWaitRF = 0x20;
        public const byte ModePolMFin = 0x08;
        public const byte ModeCrcPreset6363 = 0x01; // CRCPreset[1:0] = 01: 6363h, the CRC_A preset
        public const byte CrcEn = 0x80;             // TxCRCEn / RxCRCEn
        public const byte InvTx2RFOn = 0x80;
        public const byte Tx2RFEn = 0x02;
        public const byte Tx1RFEn = 0x01;
        public const byte Force100ASK = 0x40;
        public const int RxGainShift = 4;           // RxGain[2:0] at bits 6..4
        public const byte RxGainMask = 0x70;
        public const byte TAuto = 0x80;
        public const byte TPrescalerHiMask = 0x0F;
    }
}
