using Uitpas.Edge.Core.Reading.Mfrc522;
using R = Uitpas.Edge.Core.Reading.Mfrc522.Mfrc522Registers;

namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>The register file: reset values (data sheet §9.2), read-only and computed registers, write side effects.</summary>
public sealed partial class SimulatedMfrc522
{
    public const int FifoSize = 64;

    private readonly byte[] _regs = new byte[64];
    private readonly Queue<byte> _fifo = new();
    private readonly byte[] _internalBuffer = new byte[25];
    private long _wakeAtNs;
    private int _rxLastBits;

    /// <summary>Registers a test may peek at without going through the bus (no time passes, nothing is counted).</summary>
    public byte Peek(byte register)
    {
        lock (Field.SyncRoot)
        {
            return register == R.FIFODataReg ? (byte)0 : ReadInternal(register);
        }
    }

    public int FifoLevel
    {
        get { lock (Field.SyncRoot) { return _fifo.Count; } }
    }

    private void ResetRegisters(bool clearFifo)
    {
        Array.Clear(_regs);
        _regs[R.CommandReg] = 0x20;
        _regs[R.ComIEnReg] = 0x80;
        _regs[R.ComIrqReg] = 0x14;
        _regs[R.WaterLevelReg] = 0x08;
        _regs[R.ControlReg] = 0x10;
        _regs[R.CollReg] = 0xA0;
        _regs[R.ModeReg] = 0x3F;
        _regs[R.TxControlReg] = 0x80;
        _regs[R.TxSelReg] = 0x10;
        _regs[R.RxSelReg] = 0x84;
        _regs[R.RxThresholdReg] = 0x84;
        _regs[R.DemodReg] = 0x4D;
        _regs[R.MfTxReg] = 0x62;
        _regs[R.SerialSpeedReg] = 0xEB;
        _regs[R.CRCResultRegH] = 0xFF;
        _regs[R.CRCResultRegL] = 0xFF;
        _regs[R.ModWidthReg] = 0x26;
        _regs[R.RFCfgReg] = 0x48;
        _regs[R.GsNReg] = 0x88;
        _regs[R.CWGsPReg] = 0x20;
        _regs[R.ModGsPReg] = 0x20;
        _regs[R.AutoTestReg] = 0x40;
        if (clearFifo)
        {
            _fifo.Clear();
        }
        _rxLastBits = 0;
        StopCommand();
        _command = Mfrc522Commands.Idle;
        _timerRunning = false;
        _timerValue = 0;
        _crcReady = true;
        Field.SetCarrier(false, _nowNs);
    }

    private byte ReadInternal(byte register)
    {
        switch (register)
        {
            case R.CommandReg:
                byte power = _nowNs < _wakeAtNs ? CommandRegBits.PowerDown : (byte)0;
                return (byte)((_regs[R.CommandReg] & CommandRegBits.RcvOff) | power | _command);
            case R.ComIrqReg:
                return (byte)(_regs[R.ComIrqReg] & 0x7F);
            case R.DivIrqReg:
                return (byte)(_regs[R.DivIrqReg] & 0x14);
            case R.Status1Reg:
                return Status1();
            case R.Status2Reg:
                return ModemState();
            case R.FIFODataReg:
                return _fifo.Count > 0 ? _fifo.Dequeue() : (byte)0;
            case R.FIFOLevelReg:
                return (byte)_fifo.Count;
            case R.ControlReg:
                return (byte)(0x10 | _rxLastBits);
            case R.BitFramingReg:
                return (byte)(_regs[R.BitFramingReg] & 0x7F);
            case R.TCounterValRegH:
                return (byte)(TimerCounter() >> 8);
            case R.TCounterValRegL:
                return (byte)TimerCounter();
            case R.VersionReg:
                return Options.Version;
            default:
                return _regs[register];
        }
    }

    private void WriteInternal(byte register, byte value)
    {
        switch (register)
        {
            case R.CommandReg:
                ExecuteCommand(value);
                break;
            case R.ComIrqReg:
                _regs[R.ComIrqReg] = SetOrClear(_regs[R.ComIrqReg], value, 0x7F);
                break;
            case R.DivIrqReg:
                _regs[R.DivIrqReg] = SetOrClear(_regs[R.DivIrqReg], value, 0x14);
                break;
            case R.FIFODataReg:
                if (_modem is Modem.Receiving)
                {
                    _regs[R.ErrorReg] |= ErrorBits.WrErr; // host data while the receiver runs
                    _regs[R.ComIrqReg] |= ComIrqBits.ErrIRq;
                }
                PushFifo(value);
                break;
            case R.FIFOLevelReg:
                if ((value & FramingBits.FlushBuffer) != 0)
                {
                    _fifo.Clear();
                    _regs[R.ErrorReg] &= unchecked((byte)~ErrorBits.BufferOvfl);
                }
                break;
            case R.ControlReg:
                if ((value & FramingBits.TStopNow) != 0) StopTimer();
                if ((value & FramingBits.TStartNow) != 0) StartTimer(_nowNs);
                break;
            case R.BitFramingReg:
                _regs[R.BitFramingReg] = (byte)(value & 0x7F);
                if ((value & FramingBits.StartSend) != 0 && _command == Mfrc522Commands.Transceive && _modem == Modem.WaitStartSend && _hang != ChipHang.Stalled)
                {
                    StartTransmission();
                }
                break;
            case R.CollReg:
                _regs[R.CollReg] = (byte)((_regs[R.CollReg] & 0x7F) | (value & FramingBits.ValuesAfterColl));
                break;
            case R.TxControlReg:
                WriteTxControl(value);
                break;
            case R.ErrorReg or R.Status1Reg or R.Status2Reg or R.CRCResultRegH or R.CRCResultRegL
                or R.TCounterValRegH or R.TCounterValRegL or R.VersionReg:
                break; // read-only
            default:
                _regs[register] = value;
                break;
        }
    }

    /// <summary>ComIrqReg/DivIrqReg: bit 7 (Set1/Set2) = 1 sets the bits written as 1, 0 clears them.</summary>
    private static byte SetOrClear(byte current, byte written, byte mask)
    {
        byte bits = (byte)(written & mask);
        return (written & 0x80) != 0 ? (byte)(current | bits) : (byte)(current & ~bits);
    }

    private void WriteTxControl(byte value)
    {
        _regs[R.TxControlReg] = value;
        Field.SetCarrier((value & 0x03) != 0, _nowNs);
    }

    private bool AntennaOn => (_regs[R.TxControlReg] & 0x03) != 0;

    private void PushFifo(byte value)
    {
        if (_fifo.Count >= FifoSize)
        {
            _regs[R.ErrorReg] |= ErrorBits.BufferOvfl;
            _regs[R.ComIrqReg] |= ComIrqBits.ErrIRq;
            return;
        }
        _fifo.Enqueue(value);
    }

    private byte Status1()
    {
        int level = _fifo.Count;
        int water = _regs[R.WaterLevelReg] & 0x3F;
        byte status = 0;
        if (_crcReady && _regs[R.CRCResultRegH] == 0 && _regs[R.CRCResultRegL] == 0) status |= Status1Bits.CRCOk;
        if (_crcReady) status |= Status1Bits.CRCReady;
        bool irq = (_regs[R.ComIrqReg] & _regs[R.ComIEnReg] & 0x7F) != 0 || (_regs[R.DivIrqReg] & _regs[R.DivIEnReg] & 0x14) != 0;
        if (irq) status |= Status1Bits.IRq;
        if (_timerRunning) status |= Status1Bits.TRunning;
        if (FifoSize - level <= water) status |= Status1Bits.HiAlert;
        if (level <= water) status |= Status1Bits.LoAlert;
        return status;
    }
}
