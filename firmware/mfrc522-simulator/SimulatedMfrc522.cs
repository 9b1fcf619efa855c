using Uitpas.Edge.Core.Reading.Mfrc522;

namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>
/// The NXP MFRC522 at register level: the register file with its reset values, the 64-byte
/// FIFO, the commands Idle, Mem, GenerateRandomID, CalcCRC, Transmit, Receive, Transceive and
/// SoftReset, ComIrqReg/DivIrqReg/ErrorReg/CollReg, the timer (TAuto, prescaler, reload) and a
/// field of <see cref="VirtualCard"/>s. Reached through <see cref="IRegisterTransport"/> (register
/// level) or <see cref="Transfer"/> (raw SPI frames per data sheet §8.1.2).
/// <para>Time is deterministic: each access advances the chip's clock by its bus time, and the
/// clock never runs behind the host clock it was given (the driver's nowMs). A frame's answer,
/// the timer and CRC results become visible once that clock passes their moment.</para>
/// </summary>
public sealed partial class SimulatedMfrc522 : IRegisterTransport
{
    private readonly Func<long> _clockMs;
    private readonly Random _random;
    private long _nowNs;
    private ChipHang _hang;
    private long _hangSinceNs;
    private bool _inReset;

    public SimulatedMfrc522(RfField field, Func<long>? clockMs = null, SimulatorOptions? options = null)
    {
        Field = field;
        Options = options ?? new SimulatorOptions();
        _clockMs = clockMs ?? (() => 0);
        _random = new Random(Options.Seed);
        ResetRegisters(clearFifo: true);
        _wakeAtNs = 0;
    }

    public RfField Field { get; }
    public SimulatorOptions Options { get; }
    public BusCounters Counters { get; } = new();
    public InjectedFaults Injected { get; } = new();

    /// <summary>Fault rates in force (can be changed while running).</summary>
    public FaultSettings Faults { get; set; } = FaultSettings.None;

    public ChipHang Hang => _hang;
    public long NowNanos => _nowNs;

    /// <summary>Makes the chip hang now (or brown out, for <see cref="ChipHang.SilentReset"/>).</summary>
    public void InjectHang(ChipHang mode)
    {
        lock (Field.SyncRoot)
        {
            StartHang(mode);
        }
    }

    /// <summary>The temperature sensor trips (ErrorReg TempErr): the antenna drivers switch off.</summary>
    public void Overheat()
    {
        lock (Field.SyncRoot)
        {
            _regs[Mfrc522Registers.ErrorReg] |= ErrorBits.TempErr;
            _regs[Mfrc522Registers.ComIrqReg] |= ComIrqBits.ErrIRq;
            WriteTxControl((byte)(_regs[Mfrc522Registers.TxControlReg] & ~0x03));
        }
    }

    /// <summary>NRSTPD (data sheet §8.8.1): asserted, the chip is reset and powered down; released, it restarts.</summary>
    public void SetResetLine(bool asserted)
    {
        lock (Field.SyncRoot)
        {
            Sync(0);
            if (asserted && !_inReset)
            {
                _inReset = true;
                _hang = ChipHang.None;
                Field.SetCarrier(false, _nowNs);
            }
            else if (!asserted && _inReset)
            {
                _inReset = false;
                ResetRegisters(clearFifo: true);
                _wakeAtNs = _nowNs + Options.WakeUpMicros * 1000L;
            }
        }
    }

    // ---- IRegisterTransport: one access per call --------------------------------------------

    public byte ReadRegister(byte register)
    {
        lock (Field.SyncRoot)
        {
            Sync(2);
            Counters.RegisterReads++;
            Counters.ReadsByRegister[register & 0x3F]++;
            return FlipOnBus(BusRead((byte)(register & 0x3F)));
        }
    }

    public void WriteRegister(byte register, byte value)
    {
        lock (Field.SyncRoot)
        {
            Sync(2);
            Counters.RegisterWrites++;
            BusWrite((byte)(register & 0x3F), FlipOnBus(value));
        }
    }

    public void ReadFifo(byte[] buffer, int offset, int count)
    {
        lock (Field.SyncRoot)
        {
            Sync(count + 1);
            Counters.FifoReadBursts++;
            Counters.FifoBytesRead += count;
            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = FlipOnBus(BusRead(Mfrc522Registers.FIFODataReg));
            }
        }
    }

    public void WriteFifo(byte[] buffer, int offset, int count)
    {
        lock (Field.SyncRoot)
        {
            Sync(count + 1);
            Counters.FifoWriteBursts++;
            Counters.FifoBytesWritten += count;
            for (int i = 0; i < count; i++)
            {
                BusWrite(Mfrc522Registers.FIFODataReg, FlipOnBus(buffer[offset + i]));
            }
        }
    }

    /// <summary>
    /// One SPI transaction (chip select low to high), decoded per data sheet §8.1.2: a read
    /// sends an address byte (bit 7 = 1) per byte wanted and MISO returns each register one byte
    /// later; a write sends one address byte (bit 7 = 0) and then data for that register.
    /// Bus bit flips hit any byte, address bytes included.
    /// </summary>
    public byte[] Transfer(ReadOnlySpan<byte> mosi)
    {
        lock (Field.SyncRoot)
        {
            int n = mosi.Length;
            var miso = new byte[n];
            if (n == 0)
            {
                return miso;
            }
            Sync(n);
            byte[] wire = mosi.ToArray();
            for (int i = 0; i < n; i++)
            {
                wire[i] = FlipOnBus(wire[i]);
            }
            byte first = wire[0];
            if ((first & 0x80) != 0)
            {
                CountTransfer(read: true, first, n);
                for (int i = 0; i < n - 1; i++)
                {
                    byte address = wire[i];
                    miso[i + 1] = (address & 0x80) != 0 ? BusRead((byte)((address >> 1) & 0x3F)) : (byte)0x00;
                }
            }
            else
            {
                CountTransfer(read: false, first, n);
                byte register = (byte)((first >> 1) & 0x3F);
                for (int i = 1; i < n; i++)
                {
                    BusWrite(register, wire[i]);
                }
            }
            for (int i = 0; i < n; i++)
            {
                miso[i] = FlipOnBus(miso[i]);
            }
            return miso;
        }
    }

    private void CountTransfer(bool read, byte address, int n)
    {
        byte register = (byte)((address >> 1) & 0x3F);
        bool burst = n > 2;
        if (read)
        {
            if (burst) { Counters.FifoReadBursts++; Counters.FifoBytesRead += n - 1; }
            else { Counters.RegisterReads++; Counters.ReadsByRegister[register]++; }
        }
        else
        {
            if (burst) { Counters.FifoWriteBursts++; Counters.FifoBytesWritten += n - 1; }
            else { Counters.RegisterWrites++; }
        }
    }

    // ---- time, hangs and the bus --------------------------------------------------------------

    /// <summary>Lets the chip's clock catch up with the host clock and adds the cost of a transaction of <paramref name="spiBytes"/> bytes.</summary>
    private void Sync(int spiBytes)
    {
        long hostNs = _clockMs() * 1_000_000L;
        long start = Math.Max(_nowNs, hostNs);
        long cost = spiBytes == 0 ? 0 : (long)(Options.AccessOverheadMicros * 1000) + spiBytes * 8L * 1_000_000_000L / Options.SpiClockHz;
        _nowNs = start + cost;
        Counters.SpiBytes += spiBytes;
        Counters.BusNanos += cost;
        if (spiBytes > 0 && Faults.HangRate > 0 && _hang == ChipHang.None && !_inReset && _random.NextDouble() < Faults.HangRate)
        {
            StartHang(Faults.HangModes[_random.Next(Faults.HangModes.Length)]);
        }
        if (_hang is ChipHang.BusStuckLow or ChipHang.BusStuckHigh && Faults.BusHangHealsAfterMs > 0
            && _nowNs - _hangSinceNs >= Faults.BusHangHealsAfterMs * 1_000_000L)
        {
            _hang = ChipHang.None;
        }
        Process(_nowNs);
    }

    private void StartHang(ChipHang mode)
    {
        Injected.Hangs++;
        if (mode == ChipHang.SilentReset)
        {
            ResetRegisters(clearFifo: true);
            return;
        }
        _hang = mode;
        _hangSinceNs = _nowNs;
    }

    private bool BusDead => _inReset || _hang is ChipHang.BusStuckLow or ChipHang.BusStuckHigh;

    private byte BusRead(byte register)
    {
        if (BusDead)
        {
            return _hang == ChipHang.BusStuckHigh && !_inReset ? (byte)0xFF : (byte)0x00;
        }
        return ReadInternal(register);
    }

    private void BusWrite(byte register, byte value)
    {
        if (!BusDead)
        {
            WriteInternal(register, value);
        }
    }

    private byte FlipOnBus(byte value)
    {
        if (Faults.BusBitFlipRate > 0 && _random.NextDouble() < Faults.BusBitFlipRate)
        {
            Injected.BusBitFlips++;
            return (byte)(value ^ (1 << _random.Next(8)));
        }
        return value;
    }
}
