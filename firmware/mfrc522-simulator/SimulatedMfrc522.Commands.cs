using Uitpas.Edge.Core.Reading.Mfrc522;
using R = Uitpas.Edge.Core.Reading.Mfrc522.Mfrc522Registers;

namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>The command engine (data sheet §10) and the passing of time.</summary>
public sealed partial class SimulatedMfrc522
{
    /// <summary>Frame delay time of a card's answer: about 1172/fc after the reader's frame.</summary>
    public const long FrameDelayNanos = 86_430;

    private enum Modem { Idle, WaitStartSend, Transmitting, Receiving }

    private sealed record Reception(long StartNs, long EndNs, byte[] Bytes, int LastBits, byte Errors, byte CollReg);

    private byte _command;
    private Modem _modem;
    private long _txEndNs = -1;
    private Reception? _reception;
    private bool _timerRunning;
    private long _timerStartNs;
    private long _timerStopAtNs = -1;
    private int _timerValue;
    private long _crcDoneNs = -1;
    private ushort _crcResult;
    private bool _crcReady;

    /// <summary>Air time of a frame of <paramref name="bits"/> bits at 106 kbit/s (start, 9 etu per byte, end).</summary>
    public static long FrameNanos(int bits) => (2L + bits + bits / 8) * 9_440;

    private void ExecuteCommand(byte value)
    {
        _regs[R.CommandReg] = (byte)(value & (CommandRegBits.RcvOff | CommandRegBits.PowerDown));
        byte command = (byte)(value & CommandRegBits.CommandMask);
        if (command == Mfrc522Commands.NoCmdChange || (_hang == ChipHang.Stalled && command != Mfrc522Commands.SoftReset))
        {
            return;
        }
        StopCommand();
        _regs[R.ErrorReg] &= unchecked((byte)~ErrorBits.WrErr);
        _command = command;
        switch (command)
        {
            case Mfrc522Commands.Idle:
                break;
            case Mfrc522Commands.Mem:
                if (_fifo.Count == 0)
                {
                    foreach (byte b in _internalBuffer) PushFifo(b);
                }
                else
                {
                    for (int i = 0; i < _internalBuffer.Length && _fifo.Count > 0; i++) _internalBuffer[i] = _fifo.Dequeue();
                }
                FinishCommand();
                break;
            case Mfrc522Commands.GenerateRandomId:
                _random.NextBytes(_internalBuffer.AsSpan(0, 10));
                FinishCommand();
                break;
            case Mfrc522Commands.CalcCRC:
                StartCrc();
                break;
            case Mfrc522Commands.Transmit:
                StartTransmission();
                break;
            case Mfrc522Commands.Receive:
                _modem = Modem.Receiving; // nothing transmits by itself: waits until cancelled
                break;
            case Mfrc522Commands.Transceive:
                _modem = Modem.WaitStartSend;
                break;
            case Mfrc522Commands.SoftReset:
                _hang = ChipHang.None;
                ResetRegisters(clearFifo: true);
                _wakeAtNs = _nowNs + Options.WakeUpMicros * 1000L;
                break;
            default:
                FinishCommand(); // MFAuthent and undefined codes are not modelled: they end at once
                break;
        }
    }

    private void FinishCommand()
    {
        _command = Mfrc522Commands.Idle;
        _modem = Modem.Idle;
        _regs[R.ComIrqReg] |= ComIrqBits.IdleIRq;
    }

    private void StopCommand()
    {
        _modem = Modem.Idle;
        _txEndNs = -1;
        _reception = null;
        _crcDoneNs = -1;
    }

    private void StartCrc()
    {
        int preset = (_regs[R.ModeReg] & 0x03) switch { 0 => 0x0000, 1 => 0x6363, 2 => 0xA671, _ => 0xFFFF };
        int crc = preset;
        int count = _fifo.Count;
        while (_fifo.Count > 0)
        {
            crc = CrcA.Update(crc, _fifo.Dequeue());
        }
        _crcResult = (ushort)crc;
        _crcReady = false;
        _crcDoneNs = _nowNs + 1_000 + count * 600L;
    }

    /// <summary>Brings the chip up to <paramref name="nowNs"/>: end of transmission, timer, reception, CRC.</summary>
    private void Process(long nowNs)
    {
        if (_hang == ChipHang.Stalled || _inReset)
        {
            return;
        }
        if (_txEndNs >= 0 && nowNs >= _txEndNs)
        {
            _regs[R.ComIrqReg] |= ComIrqBits.TxIRq;
            _txEndNs = -1;
            if (_command == Mfrc522Commands.Transmit)
            {
                FinishCommand();
            }
            else if (_modem == Modem.Transmitting)
            {
                _modem = Modem.Receiving;
            }
        }
        if (_timerRunning)
        {
            long expireNs = _timerStartNs + TimerPeriodNanos();
            if (_timerStopAtNs >= 0 && _timerStopAtNs <= nowNs && _timerStopAtNs < expireNs)
            {
                _timerValue = CounterAt(_timerStopAtNs);
                _timerRunning = false;
            }
            else if (nowNs >= expireNs && nowNs >= _timerStartNs)
            {
                _regs[R.ComIrqReg] |= ComIrqBits.TimerIRq;
                _timerValue = 0;
                _timerRunning = false;
            }
        }
        if (_reception is { } rx && nowNs >= rx.EndNs)
        {
            _reception = null;
            foreach (byte b in rx.Bytes)
            {
                PushFifo(b);
            }
            _rxLastBits = rx.LastBits;
            _regs[R.CollReg] = rx.CollReg;
            _regs[R.ErrorReg] |= rx.Errors;
            _regs[R.ComIrqReg] |= ComIrqBits.RxIRq;
            if (rx.Errors != 0)
            {
                _regs[R.ComIrqReg] |= ComIrqBits.ErrIRq;
            }
            _modem = Modem.WaitStartSend;
        }
        if (_crcDoneNs >= 0 && nowNs >= _crcDoneNs)
        {
            _crcDoneNs = -1;
            _crcReady = true;
            _regs[R.CRCResultRegH] = (byte)(_crcResult >> 8);
            _regs[R.CRCResultRegL] = (byte)_crcResult;
            _regs[R.DivIrqReg] |= DivIrqBits.CRCIRq;
        }
    }

    private byte ModemState() => _modem switch
    {
        Modem.WaitStartSend => 0x01,
        Modem.Transmitting => 0x03,
        Modem.Receiving => _reception is { } rx && _nowNs >= rx.StartNs ? (byte)0x06 : (byte)0x05,
        _ => 0x00,
    };
}
