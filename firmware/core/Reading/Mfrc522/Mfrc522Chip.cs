namespace Uitpas.Edge.Core.Reading.Mfrc522
{
    /// <summary>
    /// Chip control of the NXP MFRC522 over an <see cref="IRegisterTransport"/>: reset, self-check,
    /// configuration (timer, antenna, gain), the CRC coprocessor and Transceive exchanges. Nothing
    /// here waits on time: an exchange is started, then polled with a bounded number of ComIrqReg
    /// reads (the bound follows from the chip's own timer), and continues in the next poll when
    /// the poll's access budget is spent. Every register access is counted.
    /// </summary>
    public sealed partial class Mfrc522Chip
    {
        /// <summary>TPrescaler = 169: f_timer = 13.56 MHz / (2 x 169 + 1) = 40 kHz, one tick = 25 µs (§8.5, §9.3.3.10).</summary>
        public const int TimerPrescaler = 169;
        public const int TimerTickMicros = 25;

        /// <summary>ModeReg: TxWaitRF, PolMFin, CRCPreset = 01b (6363h); reserved bits as after reset (§9.3.2.2).</summary>
        public const byte ModeRegValue = 0x3D;

        /// <summary>Accesses an exchange needs after its last status read (ErrorReg, CollReg or FIFOLevelReg + ControlReg, FIFO burst).</summary>
        public const int CompletionAccesses = 4;

        /// <summary>Accesses to start a Transmit (HLTA): Idle, clear ComIrqReg, flush, FIFO burst, Transmit.</summary>
        public const int TransmitAccesses = 5;

        /// <summary>What the wait for an exchange leaves in the budget: its completion and an HLTA after it.</summary>
        public const int AfterWaitAccesses = CompletionAccesses + TransmitAccesses;

        /// <summary>Accesses to start an exchange and see it through: the six of the start, one status read, completion and HLTA.</summary>
        public const int ExchangeAccesses = 6 + 1 + AfterWaitAccesses;

        /// <summary>Accesses of the CRC coprocessor test: 5 to start, up to 16 DivIrqReg reads, Idle, 2 result reads.</summary>
        public const int CrcCheckAccesses = 5 + 16 + 1 + 2;

        /// <summary>Accesses of a self-check: VersionReg, the configuration read-back (11) and the CRC coprocessor test.</summary>
        public const int SelfCheckAccesses = 1 + 11 + CrcCheckAccesses;

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

        public Mfrc522Chip(IRegisterTransport bus, Mfrc522Settings settings)
        {
            _bus = bus;
            _settings = settings;
        }

        public long TotalAccesses { get; private set; }
        public long TotalSpiBytes { get; private set; }
        public int AccessesThisPoll { get { return _pollAccesses; } }
        public bool BudgetSpent { get { return _pollAccesses >= _settings.MaxAccessesPerPoll; } }

        /// <summary>Register accesses this poll may still make.</summary>
        public int BudgetLeft { get { return _settings.MaxAccessesPerPoll - _pollAccesses; } }
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

        // ---- exchanges ------------------------------------------------------------------------

        /// <summary>
        /// Starts a Transceive (§10.3.1.8): Idle, clear ComIrqReg, flush the FIFO, load the frame,
        /// Transceive, StartSend with TxLastBits/RxAlign (§9.3.1.14). <paramref name="expectedRxBits"/>
        /// sizes the wait bound.
        /// </summary>
        public void StartTransceive(byte[] frame, int length, int txLastBits, int rxAlign, int expectedRxBits, long nowMs)
        {
            FinishPendingTransmit(ExchangeAccesses);
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
            while (BudgetLeft > AfterWaitAccesses && _waitReads < _waitBound)
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
            FinishPendingTransmit(TransmitAccesses);
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

        /// <summary>Confirms the last Transmit went out (IdleIRq), reading while more than <paramref name="reserve"/> accesses are left.</summary>
        private void FinishPendingTransmit(int reserve)
        {
            if (!_transmitPending)
            {
                return;
            }
            _transmitPending = false;
            for (int i = 0; i < _transmitBound && BudgetLeft > reserve; i++)
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

        /// <summary>Status reads that take at least <paramref name="micros"/> at the configured SPI clock (16 clocks each).</summary>
        private int ReadsCovering(int micros)
        {
            long reads = (long)micros * (_settings.SpiClockHz / 1000) / 16000;
            return (int)reads + 1;
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
