namespace Uitpas.Edge.Core.Display.Oled
{
    /// <summary>
    /// The SSD1306 controller of a 128×64 OLED module with the internal charge pump (the common
    /// 0.96" I²C modules), over an <see cref="ISsd1306Bus"/>. Chip logic only: which commands in
    /// which order, the address window of a flush and its chunks. Every method returns false when
    /// the display did not acknowledge; nothing here throws or waits.
    /// </summary>
    public sealed class Ssd1306
    {
        /// <summary>Data bytes per bus write: the adapter adds the control byte, so 33 bytes on the wire.</summary>
        public const int DataChunkBytes = 32;

        /// <summary>Contrast after start-up: the value the module makers use with the internal charge pump.</summary>
        public const byte DefaultContrast = 0xCF;

        private const int CommandBufferBytes = 32;

        /// <summary>
        /// Power-on configuration, display still off (data sheet §8.9 power-on sequence; §10 per
        /// command). The display is switched on by <see cref="SetDisplayOn"/> after the first frame
        /// is in GDDRAM, so the panel never shows the RAM's power-on noise.
        /// </summary>
        private static readonly byte[] Configuration = new byte[]
        {
            Ssd1306Commands.DisplayOff,                                    // AEh §10.1.12: sleep while configuring
            Ssd1306Commands.ClockDivide, 0x80,                             // D5h §10.1.16: divide 1, oscillator 8 (reset)
            Ssd1306Commands.MultiplexRatio, 0x3F,                          // A8h §10.1.11: 64 rows
            Ssd1306Commands.DisplayOffset, 0x00,                           // D3h §10.1.15: no vertical shift
            Ssd1306Commands.StartLineBase,                                 // 40h §10.1.6: RAM row 0 on the first line
            Ssd1306Commands.ChargePump, Ssd1306Commands.ChargePumpOn,      // 8Dh 14h app note: VCC from the internal pump
            Ssd1306Commands.MemoryAddressingMode, Ssd1306Commands.HorizontalAddressing, // 20h 00h §10.1.3
            Ssd1306Commands.SegmentRemapReversed,                          // A1h §10.1.8: column 127 on SEG0
            Ssd1306Commands.ComScanReversed,                               // C8h §10.1.14: COM63 to COM0 (with A1h: not mirrored)
            Ssd1306Commands.ComPins, 0x12,                                 // DAh 12h §10.1.18: alternative COM pins (128×64)
            Ssd1306Commands.Contrast, DefaultContrast,                     // 81h §10.1.7
            Ssd1306Commands.PrechargePeriod, 0xF1,                         // D9h §10.1.17: phase 1 = 1, phase 2 = 15 DCLK (charge pump)
            Ssd1306Commands.VcomhDeselect, 0x30,                           // DBh §10.1.19: ~0.83 VCC
            Ssd1306Commands.DeactivateScroll,                              // 2Eh §10.2.3: no scrolling left over
            Ssd1306Commands.FollowRam,                                     // A4h §10.1.9: show the RAM
            Ssd1306Commands.NormalDisplay,                                 // A6h §10.1.10: 1 = lit
        };

        private readonly ISsd1306Bus _bus;
        private readonly byte[] _commands = new byte[CommandBufferBytes];

        public Ssd1306(ISsd1306Bus bus)
        {
            _bus = bus;
        }

        /// <summary>Bus writes that were not acknowledged, since start.</summary>
        public int FailedWrites { get; private set; }

        /// <summary>Sends the configuration (display left off). False: no display on the bus.</summary>
        public bool Configure()
        {
            for (int i = 0; i < Configuration.Length; i++)
            {
                _commands[i] = Configuration[i];
            }
            return SendCommands(Configuration.Length);
        }

        /// <summary>
        /// The configuration again without switching the display off, with <paramref name="contrast"/>
        /// and display on: a controller that reset itself (supply dip, ESD) works again, one
        /// that did not sees no change.
        /// </summary>
        public bool Reassert(byte contrast)
        {
            int n = 0;
            for (int i = 1; i < Configuration.Length; i++)
            {
                _commands[n++] = Configuration[i];
            }
            _commands[n++] = Ssd1306Commands.Contrast;
            _commands[n++] = contrast;
            _commands[n++] = Ssd1306Commands.DisplayOn;
            return SendCommands(n);
        }

        public bool SetDisplayOn(bool on)
        {
            _commands[0] = on ? Ssd1306Commands.DisplayOn : Ssd1306Commands.DisplayOff;
            return SendCommands(1);
        }

        public bool SetContrast(byte contrast)
        {
            _commands[0] = Ssd1306Commands.Contrast;
            _commands[1] = contrast;
            return SendCommands(2);
        }

        /// <summary>A NOP: whether the display still answers.</summary>
        public bool Probe()
        {
            _commands[0] = Ssd1306Commands.Nop;
            return SendCommands(1);
        }

        /// <summary>
        /// Sends the dirty pages of <paramref name="frame"/> (all pages with <paramref name="all"/>):
        /// one column/page window over the range from the first to the last dirty page, then the
        /// bytes in chunks of <see cref="DataChunkBytes"/>; in horizontal addressing mode the
        /// controller advances column and page by itself (§10.1.3). The frame is marked clean only
        /// when every write was acknowledged.
        /// </summary>
        public bool Flush(FrameBuffer frame, bool all)
        {
            int dirty = all ? (1 << FrameBuffer.Pages) - 1 : frame.DirtyPages;
            if (dirty == 0)
            {
                return true;
            }
            int first = 0;
            while ((dirty & (1 << first)) == 0)
            {
                first++;
            }
            int last = FrameBuffer.Pages - 1;
            while ((dirty & (1 << last)) == 0)
            {
                last--;
            }
            _commands[0] = Ssd1306Commands.ColumnAddress;
            _commands[1] = 0;
            _commands[2] = FrameBuffer.Width - 1;
            _commands[3] = Ssd1306Commands.PageAddress;
            _commands[4] = (byte)first;
            _commands[5] = (byte)last;
            if (!SendCommands(6))
            {
                return false;
            }
            int end = (last + 1) * FrameBuffer.Width;
            for (int offset = first * FrameBuffer.Width; offset < end; offset += DataChunkBytes)
            {
                int count = end - offset < DataChunkBytes ? end - offset : DataChunkBytes;
                if (!_bus.WriteData(frame.Bytes, offset, count))
                {
                    FailedWrites++;
                    return false;
                }
            }
            frame.MarkClean();
            return true;
        }

        private bool SendCommands(int count)
        {
            if (_bus.WriteCommands(_commands, count))
            {
                return true;
            }
            FailedWrites++;
            return false;
        }
    }
}
