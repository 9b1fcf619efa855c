namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// Chip control of the NXP MFRC522 over an <see cref="IRegisterTransport"/>: reset, self-check,
    /// configuration (timer, antenna, gain), the CRC coprocessor and Transceive exchanges. Nothing
    /// here waits on time: an exchange is started, then polled with a bounded number of ComIrqReg
    /// reads (the bound follows from the chip's own timer), and continues in the next poll when
    /// the poll's access budget is spent. Every register access is counted.
    /// </summary>
    public sealed class Mfrc522
    {
        /// <summary>TPrescaler = 169: f_timer = 13.56 MHz / (2 x 169 + 1) = 40 kHz, one tick = 25 µs (§8.5, §9.3.3.10).</summary>
        public const int TimerPrescaler = 169;
        public const int TimerTickMicros = 25;

        /// <summary>ModeReg: TxWaitRF, PolMFin, CRCPreset = 01b (6363h); reserved bits as after reset (§9.3.2.2).</summary>
        public const byte ModeRegValue = 0x3D;

        private const byte CompletionIrqs = ComIrqBits.RxIRq | ComIrqBits.IdleIRq | ComIrqBits.ErrIRq | ComIrqBits.TimerIRq;

        private readonly IRegisterTransport _bus;
        private readonly Mfrc522Settings _settings;
        private readonly byte[] _received = new byte[SpiFramedRegisterTransport.MaxBurst];
        private readonly byte[] _probe = new byte[4];

        private int _pollAccesses;
        private bool _inFlight;
        private int _waitReads;
        private int _waitBound;
        private long _startedMs;
        private int _deadlineMs;
        private bool _transmitPending;
        private int _transmitBound;
        private byte _probeCounter;

        public Mfrc522(IRegisterTransport bus, Mfrc522Settings settings)
        {
            _bus = bus;
            _settings = settings;
        }

        public long TotalAccesses { get; private set; }
        public long TotalSpiBytes { get; private set; }
        public int AccessesThisPoll { get { return _pollAccesses; } }
        public bool BudgetSpent { get { return _pollAccesses >= _settings.MaxAccessesPerPoll; } }
        public bool ExchangeInFlight { get { return _inFlight; } }

        /// <summary>The bytes of the last exchange (valid for <see cref="ReceivedBytes"/> bytes).</summary>
        public byte[] Received { get { return _received; } }
        public int ReceivedBytes { get; private set; }

        /// <summary>ControlReg RxLastBits of the last exchange: valid bits of the last byte, 0 = all 8.</summary>
        public int ReceivedLastBits { get; private set; }

        /// <summary>CollReg CollPos of the last collision, 1..32: the first colliding bit, counted from bit 0 of the first FIFO byte.</summary>
        public int CollisionPosition { get; private set; }

        public byte LastErrors { get; private set; }

        /// <summary>Why the last operation was a chip fault.</summary>
        public string Fault { get; private set; }

        /// <summary>The chip timer's period in µs as configured.</summary>
        public int TimerPeriodMicros
        {
            get { return (TimerReload + 1) * TimerTickMicros; }
        }

        private int TimerReload
        {
            get
            {
                int reload = _settings.ResponseTimeoutMicros / TimerTickMicros - 1;
                return reload < 1 ? 1 : (reload > 0xFFFF ? 0xFFFF : reload);
            }
        }

        public void BeginPoll()
        {
            _pollAccesses = 0;
        }

        /// <summary>Forgets any exchange in progress (the chip is about to be reset).</summary>
        public void Abandon()
        {
            _inFlight = false;
            _transmitPending = false;
        }

        // ---- reset and identity -------------------------------------------------------------

        /// <summary>CommandReg = SoftReset (§10.3.1.10); the chip wakes up on its own (PowerDown reads 1 meanwhile).</summary>
        public void StartSoftReset()
        {
            Abandon();
            Write(Mfrc522Registers.CommandReg, Mfrc522Commands.SoftReset);
        }

        /// <summary>True once CommandReg shows the chip awake (PowerDown = 0); at most <paramref name="maxReads"/> reads.</summary>
        public bool IsAwake(int maxReads)
        {
            for (int i = 0; i < maxReads && !BudgetSpent; i++)
            {
                byte command = Read(Mfrc522Registers.CommandReg);
                if (command != 0xFF && (command & CommandRegBits.PowerDown) == 0)
                {
                    return true;
                }
            }
            return false;
        }

        public byte ReadVersion()
        {
            return Read(Mfrc522Registers.VersionReg);
        }

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
            FinishPendingTransmit();
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

        // ---- exchanges ------------------------------------------------------------------------

        /// <summary>
        /// Starts a Transceive (§10.3.1.8): Idle, clear ComIrqReg, flush the FIFO, load the frame,
        /// Transceive, StartSend with TxLastBits/RxAlign (§9.3.1.14). <paramref name="expectedRxBits"/>
        /// sizes the wait bound.
        /// </summary>
        public void StartTransceive(byte[] frame, int length, int txLastBits, int rxAlign, int expectedRxBits, long nowMs)
        {
            FinishPendingTransmit();
            Write(Mfrc522Registers.CommandReg, Mfrc522Commands.Idle);
            Write(Mfrc522Registers.ComIrqReg, ComIrqBits.ClearAll);
            Write(Mfrc522Registers.FIFOLevelReg, FramingBits.FlushBuffer);
            WriteFifo(frame, length);
            Write(Mfrc522Registers.CommandReg, Mfrc522Commands.Transceive);
            Write(Mfrc522Registers.BitFramingReg, (byte)(FramingBits.StartSend | (rxAlign << FramingBits.RxAlignShift) | txLastBits));

            int txBits = (length - 1) * 8 + (txLastBits == 0 ? 8 : txLastBits);
            int exchangeMicros = AirTime.FrameMicros(txBits) + TimerPeriodMicros + AirTime.FrameMicros(expectedRxBits) + 200;
            _waitBound = ReadsCovering(exchangeMicros);
            _deadlineMs = exchangeMicros / 1000 + 2;
            _startedMs = nowMs;
            _waitReads = 0;
            _inFlight = true;
            ReceivedBytes = 0;
            ReceivedLastBits = 0;
            CollisionPosition = 0;
            LastErrors = 0;
        }

        /// <summary>
        /// Reads ComIrqReg until the exchange completes, the poll's budget is spent (InFlight:
        /// call again next poll), or the bound derived from the chip timer is reached (ChipFault:
        /// the timer should have fired by then).
        /// </summary>
        public ExchangeStatus PollExchange(long nowMs)
        {
            if (!_inFlight)
            {
                return ExchangeStatus.None;
            }
            byte irq = 0;
            bool complete = false;
            while (!BudgetSpent && _waitReads < _waitBound)
            {
                irq = Read(Mfrc522Registers.ComIrqReg);
                _waitReads++;
                if (irq == 0xFF)
                {
                    return FailExchange("ComIrqReg reads FFh: the bus or the chip is stuck");
                }
                if ((irq & CompletionIrqs) != 0)
                {
                    complete = true;
                    break;
                }
            }
            if (!complete)
            {
                if (_waitReads >= _waitBound || nowMs - _startedMs > _deadlineMs)
                {
                    return FailExchange("no RxIRq/TimerIRq within the chip timer's bound");
                }
                return ExchangeStatus.InFlight;
            }
            _inFlight = false;
            return Complete(irq);
        }

        /// <summary>
        /// Sends a frame with the Transmit command (§10.3.1.5) and does not wait: used for HLTA,
        /// which a card never answers. The next chip operation first confirms it went out.
        /// </summary>
        public void StartTransmit(byte[] frame, int length)
        {
            FinishPendingTransmit();
            Write(Mfrc522Registers.CommandReg, Mfrc522Commands.Idle);
            Write(Mfrc522Registers.ComIrqReg, ComIrqBits.ClearAll);
            Write(Mfrc522Registers.FIFOLevelReg, FramingBits.FlushBuffer);
            WriteFifo(frame, length);
            Write(Mfrc522Registers.CommandReg, Mfrc522Commands.Transmit);
            _transmitPending = true;
            _transmitBound = ReadsCovering(AirTime.FrameMicros(length * 8) + 100);
        }

        /// <summary>Transmits that were still running when the next operation came (should stay 0).</summary>
        public int UnfinishedTransmits { get; private set; }

        private void FinishPendingTransmit()
        {
            if (!_transmitPending)
            {
                return;
            }
            _transmitPending = false;
            for (int i = 0; i < _transmitBound && !BudgetSpent; i++)
            {
                byte irq = Read(Mfrc522Registers.ComIrqReg);
                if (irq != 0xFF && (irq & (ComIrqBits.IdleIRq | ComIrqBits.TxIRq)) != 0)
                {
                    return;
                }
            }
            UnfinishedTransmits++;
        }

        private ExchangeStatus Complete(byte irq)
        {
            if ((irq & ComIrqBits.TimerIRq) != 0 && (irq & (ComIrqBits.RxIRq | ComIrqBits.ErrIRq)) == 0)
            {
                return ExchangeStatus.Timeout;
            }
            byte errors = Read(Mfrc522Registers.ErrorReg);
            LastErrors = errors;
            if ((errors & (ErrorBits.WrErr | ErrorBits.TempErr)) != 0)
            {
                Fault = (errors & ErrorBits.TempErr) != 0 ? "TempErr: the chip overheated and switched the antenna off" : "WrErr: FIFO written at the wrong time";
                return ExchangeStatus.ChipFault;
            }
            if ((errors & ErrorBits.BufferOvfl) != 0)
            {
                return ExchangeStatus.Error;
            }
            if ((errors & ErrorBits.CollErr) != 0)
            {
                byte coll = Read(Mfrc522Registers.CollReg);
                if ((coll & FramingBits.CollPosNotValid) != 0)
                {
                    return ExchangeStatus.Error;
                }
                int position = coll & FramingBits.CollPosMask;
                CollisionPosition = position == 0 ? 32 : position;
                return ReadFifoContents(false) ? ExchangeStatus.Collision : ExchangeStatus.ChipFault;
            }
            if ((errors & (ErrorBits.ParityErr | ErrorBits.ProtocolErr | ErrorBits.CRCErr)) != 0 || (irq & ComIrqBits.RxIRq) == 0)
            {
                return ExchangeStatus.Error;
            }
            if (!ReadFifoContents(true))
            {
                return ExchangeStatus.ChipFault;
            }
            return ReceivedBytes == 0 ? ExchangeStatus.Error : ExchangeStatus.Ok;
        }

        private bool ReadFifoContents(bool withLastBits)
        {
            byte level = Read(Mfrc522Registers.FIFOLevelReg);
            if ((level & FramingBits.FlushBuffer) != 0 || level > SpiFramedRegisterTransport.MaxBurst)
            {
                Fault = "FIFOLevelReg reads " + Hex(level) + ": impossible";
                return false;
            }
            ReceivedLastBits = withLastBits ? Read(Mfrc522Registers.ControlReg) & FramingBits.RxLastBitsMask : 0;
            ReadFifo(_received, level);
            ReceivedBytes = level;
            return true;
        }

        private ExchangeStatus FailExchange(string reason)
        {
            _inFlight = false;
            Fault = reason;
            return ExchangeStatus.ChipFault;
        }

        // ---- bus access with counting -------------------------------------------------------

        private byte TModeValue
        {
            get { return (byte)(ConfigBits.TAuto | ((TimerPrescaler >> 8) & ConfigBits.TPrescalerHiMask)); }
        }

        private byte RfCfgValue
        {
            get { return (byte)(((_settings.RxGain & 0x07) << ConfigBits.RxGainShift) | 0x08); }
        }

        /// <summary>Status reads that take at least <paramref name="micros"/> at the configured SPI clock (16 clocks each).</summary>
        private int ReadsCovering(int micros)
        {
            long reads = (long)micros * (_settings.SpiClockHz / 1000) / 16000;
            return (int)reads + 1;
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

        private byte Read(byte register)
        {
            Count(2);
            return _bus.ReadRegister(register);
        }

        private void Write(byte register, byte value)
        {
            Count(2);
            _bus.WriteRegister(register, value);
        }

        private void WriteFifo(byte[] data, int count)
        {
            Count(count + 1);
            _bus.WriteFifo(data, 0, count);
        }

        private void ReadFifo(byte[] data, int count)
        {
            if (count == 0)
            {
                return;
            }
            Count(count + 1);
            _bus.ReadFifo(data, 0, count);
        }

        private void Count(int spiBytes)
        {
            _pollAccesses++;
            TotalAccesses++;
            TotalSpiBytes += spiBytes;
        }

        internal static string Hex(byte value)
        {
            return value.ToString("X2") + "h";
        }

        private static string Hex16(int value)
        {
            return ((byte)(value >> 8)).ToString("X2") + ((byte)value).ToString("X2") + "h";
        }
    }
}
