namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>Configuration and self-check of the chip (timer §8.5, antenna §9.3.2.5, gain §9.3.3.6, CRC coprocessor §10.3.1.4).</summary>
    public sealed partial class Mfrc522Chip
    {
        // ---- configuration ------------------------------------------------------------------

        /// <summary>Timer, 106 kBd framing without hardware CRC, 100 % ASK, CRC preset, gain, collision mode, antenna on.</summary>
        public void Configure()
        {
            int reload = TimerReload;
            Write(Mfrc522Registers.TModeReg, TModeValue);
            Write(Mfrc522Registers.TPrescalerReg, (byte)(TimerPrescaler & 0xFF));
            Write(Mfrc522Registers.TReloadRegH, (byte)(reload >> 8));
            Write(Mfrc522Registers.TReloadRegL, (byte)(reload & 0xFF));
            Write(Mfrc522Registers.TxModeReg, 0x00);   // 106 kBd, TxCRCEn = 0: the driver appends CRC_A itself
            Write(Mfrc522Registers.RxModeReg, 0x00);   // 106 kBd, RxCRCEn = 0: the driver checks CRC_A itself
            Write(Mfrc522Registers.ModeReg, ModeRegValue);
            Write(Mfrc522Registers.TxASKReg, ConfigBits.Force100ASK);
            Write(Mfrc522Registers.RFCfgReg, RfCfgValue);
            Write(Mfrc522Registers.CollReg, 0x00);     // ValuesAfterColl = 0: bits after a collision read 0
            Write(Mfrc522Registers.TxControlReg, ConfigBits.InvTx2RFOn | ConfigBits.Tx2RFEn | ConfigBits.Tx1RFEn);
            Write(Mfrc522Registers.ComIrqReg, ComIrqBits.ClearAll);
        }

        /// <summary>Reads back every register <see cref="Configure"/> wrote; a chip that reset itself (brown-out) or lost a write fails here.</summary>
        public bool VerifyConfiguration(out string problem)
        {
            int reload = TimerReload;
            problem = Expect(Mfrc522Registers.TxControlReg, 0x03, ConfigBits.Tx2RFEn | ConfigBits.Tx1RFEn, "antenna drivers (TxControlReg)");
            if (problem == null) problem = Expect(Mfrc522Registers.TModeReg, 0xFF, TModeValue, "TModeReg");
            if (problem == null) problem = Expect(Mfrc522Registers.TPrescalerReg, 0xFF, (byte)(TimerPrescaler & 0xFF), "TPrescalerReg");
            if (problem == null) problem = Expect(Mfrc522Registers.TReloadRegH, 0xFF, (byte)(reload >> 8), "TReloadReg (high)");
            if (problem == null) problem = Expect(Mfrc522Registers.TReloadRegL, 0xFF, (byte)(reload & 0xFF), "TReloadReg (low)");
            if (problem == null) problem = Expect(Mfrc522Registers.TxModeReg, 0xF0, 0x00, "TxModeReg");
            if (problem == null) problem = Expect(Mfrc522Registers.RxModeReg, 0xF0, 0x00, "RxModeReg");
            if (problem == null) problem = Expect(Mfrc522Registers.ModeReg, 0xFF, ModeRegValue, "ModeReg");
            if (problem == null) problem = Expect(Mfrc522Registers.TxASKReg, ConfigBits.Force100ASK, ConfigBits.Force100ASK, "TxASKReg");
            if (problem == null) problem = Expect(Mfrc522Registers.RFCfgReg, ConfigBits.RxGainMask, RfCfgValue & ConfigBits.RxGainMask, "RFCfgReg");
            if (problem == null) problem = Expect(Mfrc522Registers.CollReg, FramingBits.ValuesAfterColl, 0x00, "CollReg");
            return problem == null;
        }

        /// <summary>
        /// Runs the CRC coprocessor (CalcCRC, §10.3.1.4) over a changing 4-byte probe and compares
        /// CRCResultReg with CRC_A computed in software: proves FIFO, command execution and the
        /// digital core still work. At most 16 DivIrqReg reads.
        /// </summary>
        public bool CheckCrcCoprocessor(out string problem)
        {
            FinishPendingTransmit(CrcCheckAccesses + ExchangeAccesses);
            _probeCounter++;
            _probe[0] = Iso14443a.HltaFirst;
            _probe[1] = 0x00;
            _probe[2] = _probeCounter;
            _probe[3] = (byte)~_probeCounter;
            Write(Mfrc522Registers.CommandReg, Mfrc522Commands.Idle);
            Write(Mfrc522Registers.DivIrqReg, DivIrqBits.ClearAll);
            Write(Mfrc522Registers.FIFOLevelReg, FramingBits.FlushBuffer);
            WriteFifo(_probe, 4);
            Write(Mfrc522Registers.CommandReg, Mfrc522Commands.CalcCRC);
            bool ready = false;
            for (int i = 0; i < 16 && !ready; i++)
            {
                byte div = Read(Mfrc522Registers.DivIrqReg);
                ready = div != 0xFF && (div & DivIrqBits.CRCIRq) != 0;
            }
            Write(Mfrc522Registers.CommandReg, Mfrc522Commands.Idle);
            if (!ready)
            {
                problem = "the CRC coprocessor did not finish (DivIrqReg CRCIRq)";
                return false;
            }
            int low = Read(Mfrc522Registers.CRCResultRegL);
            int high = Read(Mfrc522Registers.CRCResultRegH);
            int expected = Iso14443a.CrcA(_probe, 0, 4);
            if (((high << 8) | low) != expected)
            {
                problem = "CRC coprocessor result " + Hex16((high << 8) | low) + ", expected " + Hex16(expected);
                return false;
            }
            problem = null;
            return true;
        }

        private byte TModeValue
        {
            get { return (byte)(ConfigBits.TAuto | ((TimerPrescaler >> 8) & ConfigBits.TPrescalerHiMask)); }
        }

        private byte RfCfgValue
        {
            get { return (byte)(((_settings.RxGain & 0x07) << ConfigBits.RxGainShift) | 0x08); }
        }

        private string Expect(byte register, int mask, int expected, string name)
        {
            byte value = Read(register);
            if ((value & mask) == (expected & mask))
            {
                return null;
            }
            return name + " reads " + Hex(value) + ", expected " + Hex((byte)expected);
        }
    }
}
