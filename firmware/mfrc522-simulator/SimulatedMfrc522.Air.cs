using Uitpas.Edge.Core.Reading.Mfrc522;
using R = Uitpas.Edge.Core.Reading.Mfrc522.Mfrc522Registers;

namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>The air interface: a frame goes out, the cards answer, the answers superpose, faults strike.</summary>
public sealed partial class SimulatedMfrc522
{
    /// <summary>Sends the FIFO on the air (Transmit, or Transceive on StartSend) and lines up the cards' answer.</summary>
    private void StartTransmission()
    {
        _regs[R.ErrorReg] &= unchecked((byte)~(ErrorBits.CollErr | ErrorBits.CRCErr | ErrorBits.ParityErr | ErrorBits.ProtocolErr));
        byte[] data = _fifo.ToArray();
        _fifo.Clear();
        int lastBits = _regs[R.BitFramingReg] & FramingBits.TxLastBitsMask;
        if ((_regs[R.TxModeReg] & 0x80) != 0 && lastBits == 0 && data.Length > 0)
        {
            data = CrcA.Append(data);
        }
        int bitCount = data.Length == 0 ? 0 : (data.Length - 1) * 8 + (lastBits == 0 ? 8 : lastBits);
        bool[] frame = Bits.FromBytes(data, bitCount);
        long txEnd = _nowNs + FrameNanos(bitCount);
        Counters.Frames++;
        Counters.AirNanos += FrameNanos(bitCount);
        _txEndNs = txEnd;
        _modem = Modem.Transmitting;
        if ((_regs[R.TModeReg] & ConfigBits.TAuto) != 0)
        {
            StartTimer(txEnd);
        }
        _timerStopAtNs = -1;
        if (!AntennaOn)
        {
            return;
        }
        var answers = Field.Deliver(frame, _nowNs, PullOutMidSelect);
        if (_command != Mfrc522Commands.Transceive || answers.Count == 0)
        {
            return;
        }
        _reception = Receive(answers, txEnd + FrameDelayNanos);
        if ((_regs[R.TModeReg] & ConfigBits.TAuto) != 0)
        {
            _timerStopAtNs = _reception.StartNs + 6 * 9_440; // the 5th received bit stops the timer
        }
    }

    private bool PullOutMidSelect(VirtualCard card, bool[] frame)
    {
        bool select = frame.Length == 72 && card.State == PiccState.Ready;
        if (!select || Faults.RemovalMidSelectRate <= 0 || _random.NextDouble() >= Faults.RemovalMidSelectRate)
        {
            return false;
        }
        Injected.Removals++;
        Field.PullOut(card, _nowNs + Faults.RemovalMs * 1_000_000L);
        return true;
    }

    /// <summary>Superposes the answers bit by bit; the first differing bit is the collision (CollErr, CollPos).</summary>
    private Reception Receive(List<(VirtualCard Card, bool[] Answer)> answers, long startNs)
    {
        bool valuesAfterColl = (_regs[R.CollReg] & FramingBits.ValuesAfterColl) != 0;
        int length = answers.Max(a => a.Answer.Length);
        var bits = new bool[length];
        int collision = -1;
        for (int i = 0; i < length; i++)
        {
            bool any = false, all = true;
            foreach (var (_, answer) in answers)
            {
                bool present = i < answer.Length;
                bool bit = present && answer[i];
                any |= bit;
                all &= present && bit;
                if (!present) all = false;
            }
            bool agree = answers.All(a => i < a.Answer.Length) && (all || !any);
            if (collision < 0 && !agree)
            {
                collision = i;
            }
            bits[i] = collision < 0 ? all : valuesAfterColl && any;
        }
        byte errors = 0;
        bits = InjectAirFaults(bits, answers.Count == 1 && length == 24, ref errors, ref collision);
        int align = (_regs[R.BitFramingReg] >> FramingBits.RxAlignShift) & 0x07;
        byte coll = (byte)(_regs[R.CollReg] & FramingBits.ValuesAfterColl);
        if (collision >= 0)
        {
            errors |= ErrorBits.CollErr;
            int position = align + collision + 1;
            coll |= position <= 32 ? (byte)(position & FramingBits.CollPosMask) : FramingBits.CollPosNotValid;
        }
        else
        {
            coll |= FramingBits.CollPosNotValid;
        }
        byte[] bytes = Bits.ToBytes(bits, align);
        if ((_regs[R.RxModeReg] & 0x80) != 0 && (align + bits.Length) % 8 == 0 && bytes.Length >= 3 && !CrcA.IsValid(bytes))
        {
            errors |= ErrorBits.CRCErr;
        }
        Counters.AirNanos += FrameNanos(bits.Length);
        return new Reception(startNs, startNs + FrameNanos(bits.Length), bytes, (align + bits.Length) % 8, errors, coll);
    }

    private bool[] InjectAirFaults(bool[] bits, bool carriesCrc, ref byte errors, ref int collision)
    {
        var f = Faults;
        if (f.TruncateRate > 0 && bits.Length > 1 && _random.NextDouble() < f.TruncateRate)
        {
            Injected.Truncations++;
            bits = bits[.._random.Next(1, bits.Length)];
            if (collision >= bits.Length) collision = -1;
        }
        if (f.NoiseRate > 0 && _random.NextDouble() < f.NoiseRate)
        {
            Injected.Noise++;
            bits[_random.Next(bits.Length)] ^= true;
            errors |= ErrorBits.ParityErr;
        }
        if (f.DoubleFlipRate > 0 && bits.Length >= 8 && _random.NextDouble() < f.DoubleFlipRate)
        {
            Injected.DoubleFlips++;
            FlipTwoInByte(bits, _random.Next(bits.Length / 8));
        }
        if (carriesCrc && f.CrcErrorRate > 0 && _random.NextDouble() < f.CrcErrorRate)
        {
            Injected.CrcErrors++;
            FlipTwoInByte(bits, 1 + _random.Next(2));
        }
        return bits;
    }

    private void FlipTwoInByte(bool[] bits, int byteIndex)
    {
        int a = _random.Next(8);
        int b = (a + 1 + _random.Next(7)) % 8;
        bits[byteIndex * 8 + a] ^= true;
        bits[byteIndex * 8 + b] ^= true;
    }
}
