using System;
using System.Collections;
using Uitpas.Edge.Core.Display.Oled;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>
    /// An SSD1306 at the command level, as the I²C adapter would reach it: decodes the command
    /// stream (opcodes and their arguments, SSD1306 data sheet Table 9-1 and the charge pump
    /// application note) into its state, writes data into its own 1,024-byte GDDRAM through the
    /// address window in the current addressing mode (§10.1.3), and can be absent (every write
    /// is not acknowledged) or power-cycled (back to reset state with noise in its RAM).
    /// </summary>
    public sealed class SimulatedSsd1306 : ISsd1306Bus
    {
        private const int Columns = 128;
        private const int Pages = 8;

        private readonly byte[] _ram = new byte[Columns * Pages];
        private readonly ArrayList _opcodes = new ArrayList();
        private int _pending;
        private readonly byte[] _arguments = new byte[6];
        private int _argumentCount;
        private int _argumentsExpected;
        private int _column;
        private int _page;

        public SimulatedSsd1306()
        {
            PowerCycle();
            PowerCycles = 0;
        }

        /// <summary>False: the display is unplugged, every write fails and changes nothing.</summary>
        public bool Present { get; set; } = true;

        /// <summary>Writes throw instead of failing (an adapter with a bus exception).</summary>
        public bool Throws { get; set; }

        public bool DisplayOn { get; private set; }
        public bool ChargePumpOn { get; private set; }

        /// <summary>Whether the charge pump was on the last time the display was switched on.</summary>
        public bool ChargePumpOnAtDisplayOn { get; private set; }
        public int Contrast { get; private set; }
        public int AddressingMode { get; private set; }
        public int ColumnStart { get; private set; }
        public int ColumnEnd { get; private set; }
        public int PageStart { get; private set; }
        public int PageEnd { get; private set; }
        public bool SegmentRemapped { get; private set; }
        public bool ComScanReversed { get; private set; }
        public int MultiplexRatio { get; private set; }
        public int ComPins { get; private set; }
        public bool Inverted { get; private set; }
        public bool EntireDisplayOn { get; private set; }
        public bool Scrolling { get; private set; }

        public int CommandWrites { get; private set; }
        public int DataWrites { get; private set; }
        public int DataBytes { get; private set; }

        /// <summary>The largest number of bytes in one write (without the adapter's control byte).</summary>
        public int LargestWrite { get; private set; }
        public int UnknownOpcodes { get; private set; }

        /// <summary>Writes refused while <see cref="Present"/> was false.</summary>
        public int RefusedWrites { get; private set; }
        public int PowerCycles { get; private set; }

        /// <summary>Opcodes received, in order (arguments not included).</summary>
        public int OpcodeCount { get { return _opcodes.Count; } }

        public int OpcodeAt(int index)
        {
            return (int)_opcodes[index];
        }

        /// <summary>Position of the first <paramref name="opcode"/> at or after <paramref name="from"/>, or -1.</summary>
        public int IndexOfOpcode(int opcode, int from)
        {
            for (int i = from; i < _opcodes.Count; i++)
            {
                if ((int)_opcodes[i] == opcode)
                {
                    return i;
                }
            }
            return -1;
        }

        public int LastOpcode { get { return _opcodes.Count == 0 ? -1 : (int)_opcodes[_opcodes.Count - 1]; } }

        public void ForgetOpcodes()
        {
            _opcodes.Clear();
        }

        /// <summary>Power lost and back: reset values (§9 Table 9-1), display off, random-looking RAM.</summary>
        public void PowerCycle()
        {
            PowerCycles++;
            DisplayOn = false;
            ChargePumpOn = false;
            Contrast = 0x7F;
            AddressingMode = 2;
            ColumnStart = 0;
            ColumnEnd = Columns - 1;
            PageStart = 0;
            PageEnd = Pages - 1;
            SegmentRemapped = false;
            ComScanReversed = false;
            MultiplexRatio = 63;
            ComPins = 0x12;
            Inverted = false;
            EntireDisplayOn = false;
            Scrolling = false;
            _pending = -1;
            _column = 0;
            _page = 0;
            for (int i = 0; i < _ram.Length; i++)
            {
                _ram[i] = (byte)(i * 37 + 11);
            }
        }

        public bool WriteCommands(byte[] buffer, int count)
        {
            if (!Accept(count))
            {
                return false;
            }
            CommandWrites++;
            for (int i = 0; i < count; i++)
            {
                Command(buffer[i]);
            }
            return true;
        }

        public bool WriteData(byte[] buffer, int offset, int count)
        {
            if (!Accept(count))
            {
                return false;
            }
            DataWrites++;
            DataBytes += count;
            for (int i = 0; i < count; i++)
            {
                _ram[_page * Columns + _column] = buffer[offset + i];
                Advance();
            }
            return true;
        }

        public byte RamAt(int index)
        {
            return _ram[index];
        }

        /// <summary>Pixel (x, y) of GDDRAM: column x, page y / 8, bit y % 8.</summary>
        public bool PixelOn(int x, int y)
        {
            return (_ram[(y >> 3) * Columns + x] & (1 << (y & 7))) != 0;
        }

        /// <summary>Whether GDDRAM holds exactly these 1,024 bytes.</summary>
        public bool RamEquals(byte[] frame)
        {
            for (int i = 0; i < _ram.Length; i++)
            {
                if (_ram[i] != frame[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>One pixel row as '#' (lit) and '.' for debugging output.</summary>
        public string Row(int y)
        {
            char[] row = new char[Columns];
            for (int x = 0; x < Columns; x++)
            {
                row[x] = PixelOn(x, y) ? '#' : '.';
            }
            return new string(row);
        }

        public string ToAscii()
        {
            string text = string.Empty;
            for (int y = 0; y < Pages * 8; y++)
            {
                text += Row(y) + "\n";
            }
            return text;
        }

        private bool Accept(int count)
        {
            if (Throws)
            {
                throw new InvalidOperationException("I2C bus error (simulated)");
            }
            if (!Present)
            {
                RefusedWrites++;
                return false;
            }
            if (count > LargestWrite)
            {
                LargestWrite = count;
            }
            return true;
        }

        private void Command(byte value)
        {
            if (_pending >= 0)
            {
                _arguments[_argumentCount++] = value;
                if (_argumentCount == _argumentsExpected)
                {
                    int opcode = _pending;
                    _pending = -1;
                    Apply(opcode);
                }
                return;
            }
            _opcodes.Add((int)value);
            int expected = ArgumentsOf(value);
            if (expected == 0)
            {
                Apply(value);
                return;
            }
            _pending = value;
            _argumentCount = 0;
            _argumentsExpected = expected;
        }

        private static int ArgumentsOf(int opcode)
        {
            switch (opcode)
            {
                case 0x20: case 0x81: case 0x8D: case 0xA8: case 0xD3: case 0xD5: case 0xD9: case 0xDA: case 0xDB:
                    return 1;
                case 0x21: case 0x22: case 0xA3:
                    return 2;
                case 0x29: case 0x2A:
                    return 5;
                case 0x26: case 0x27:
                    return 6;
                default:
                    return 0;
            }
        }

        private void Apply(int opcode)
        {
            int a = _arguments[0];
            int b = _arguments[1];
            switch (opcode)
            {
                case 0x20: AddressingMode = a & 0x03; break;
                case 0x21: ColumnStart = a & 0x7F; ColumnEnd = b & 0x7F; _column = ColumnStart; break;
                case 0x22: PageStart = a & 0x07; PageEnd = b & 0x07; _page = PageStart; break;
                case 0x81: Contrast = a; break;
                case 0x8D: ChargePumpOn = (a & 0x04) != 0; break;
                case 0xA8: MultiplexRatio = a & 0x3F; break;
                case 0xDA: ComPins = a; break;
                case 0xA0: SegmentRemapped = false; break;
                case 0xA1: SegmentRemapped = true; break;
                case 0xA4: EntireDisplayOn = false; break;
                case 0xA5: EntireDisplayOn = true; break;
                case 0xA6: Inverted = false; break;
                case 0xA7: Inverted = true; break;
                case 0xAE: DisplayOn = false; break;
                case 0xAF: DisplayOn = true; ChargePumpOnAtDisplayOn = ChargePumpOn; break;
                case 0xC0: ComScanReversed = false; break;
                case 0xC8: ComScanReversed = true; break;
                case 0x2E: Scrolling = false; break;
                case 0x2F: Scrolling = true; break;
                case 0x26: case 0x27: case 0x29: case 0x2A: case 0xA3:
                case 0xD3: case 0xD5: case 0xD9: case 0xDB: case 0xE3:
                    break;
                default:
                    if (opcode < 0x10) { _column = (_column & 0xF0) | opcode; }
                    else if (opcode < 0x20) { _column = (_column & 0x0F) | ((opcode & 0x07) << 4); }
                    else if (opcode >= 0x40 && opcode <= 0x7F) { }
                    else if (opcode >= 0xB0 && opcode <= 0xB7) { _page = opcode & 0x07; }
                    else { UnknownOpcodes++; }
                    break;
            }
        }

        /// <summary>The RAM pointer after a data byte (§10.1.3): page mode wraps the column, horizontal goes column then page, vertical page then column.</summary>
        private void Advance()
        {
            if (AddressingMode == 2)
            {
                _column = _column == Columns - 1 ? 0 : _column + 1;
                return;
            }
            if (AddressingMode == 0)
            {
                if (_column < ColumnEnd)
                {
                    _column++;
                    return;
                }
                _column = ColumnStart;
                _page = _page < PageEnd ? _page + 1 : PageStart;
                return;
            }
            if (_page < PageEnd)
            {
                _page++;
                return;
            }
            _page = PageStart;
            _column = _column < ColumnEnd ? _column + 1 : ColumnStart;
        }
    }
}
