namespace Uitpas.Edge.Core.Display.Oled
{
    /// <summary>
    /// SSD1306 command opcodes (Solomon Systech SSD1306 data sheet rev 1.1, Table 9-1 and the
    /// descriptions in §10) and the charge pump command of the SSD1306 application note
    /// "Charge Pump Regulator" (it is not in Table 9-1).
    /// </summary>
    public static class Ssd1306Commands
    {
        /// <summary>§10.1.3 Set Memory Addressing Mode, one argument: 00h horizontal, 01h vertical, 02h page (reset).</summary>
        public const byte MemoryAddressingMode = 0x20;
        public const byte HorizontalAddressing = 0x00;

        /// <summary>§10.1.4 Set Column Address, two arguments: start and end column (0-127), horizontal or vertical mode.</summary>
        public const byte ColumnAddress = 0x21;

        /// <summary>§10.1.5 Set Page Address, two arguments: start and end page (0-7), horizontal or vertical mode.</summary>
        public const byte PageAddress = 0x22;

        /// <summary>§10.2.3 Deactivate Scroll.</summary>
        public const byte DeactivateScroll = 0x2E;

        /// <summary>§10.1.6 Set Display Start Line: 40h-7Fh, the low six bits are the RAM row shown on the first line.</summary>
        public const byte StartLineBase = 0x40;

        /// <summary>§10.1.7 Set Contrast Control, one argument 00h-FFh (reset 7Fh): the segment output current.</summary>
        public const byte Contrast = 0x81;

        /// <summary>Application note "Charge Pump Regulator": 8Dh then 14h (A[2] = 1) enables the internal charge pump, 10h disables it; must come before AFh.</summary>
        public const byte ChargePump = 0x8D;
        public const byte ChargePumpOn = 0x14;
        public const byte ChargePumpOff = 0x10;

        /// <summary>§10.1.8 Set Segment Re-map: A0h column 0 on SEG0 (reset), A1h column 127 on SEG0.</summary>
        public const byte SegmentRemapNormal = 0xA0;
        public const byte SegmentRemapReversed = 0xA1;

        /// <summary>§10.1.9 Entire Display ON: A4h follows the RAM (reset), A5h lights every pixel.</summary>
        public const byte FollowRam = 0xA4;
        public const byte EntireDisplayOn = 0xA5;

        /// <summary>§10.1.10 Set Normal/Inverse Display: A6h a 1 bit is a lit pixel (reset), A7h inverse.</summary>
        public const byte NormalDisplay = 0xA6;
        public const byte InverseDisplay = 0xA7;

        /// <summary>§10.1.11 Set Multiplex Ratio, one argument: N - 1 (15-63); 3Fh for 64 rows.</summary>
        public const byte MultiplexRatio = 0xA8;

        /// <summary>§10.1.12 Set Display ON/OFF: AEh off (sleep, reset), AFh on.</summary>
        public const byte DisplayOff = 0xAE;
        public const byte DisplayOn = 0xAF;

        /// <summary>§10.1.14 Set COM Output Scan Direction: C0h COM0 to COM[N-1] (reset), C8h COM[N-1] to COM0.</summary>
        public const byte ComScanNormal = 0xC0;
        public const byte ComScanReversed = 0xC8;

        /// <summary>§10.1.15 Set Display Offset, one argument: vertical shift by COM (0-63).</summary>
        public const byte DisplayOffset = 0xD3;

        /// <summary>§10.1.16 Set Display Clock Divide Ratio / Oscillator Frequency, one argument: A[3:0] divide - 1, A[7:4] frequency.</summary>
        public const byte ClockDivide = 0xD5;

        /// <summary>§10.1.17 Set Pre-charge Period, one argument: A[3:0] phase 1, A[7:4] phase 2, in DCLKs (reset 22h).</summary>
        public const byte PrechargePeriod = 0xD9;

        /// <summary>§10.1.18 Set COM Pins Hardware Configuration, one argument: 02h sequential, 12h alternative (reset), 22h/32h with left/right remap.</summary>
        public const byte ComPins = 0xDA;

        /// <summary>§10.1.19 Set VCOMH Deselect Level, one argument: 00h ~0.65 VCC, 20h ~0.77 VCC (reset), 30h ~0.83 VCC.</summary>
        public const byte VcomhDeselect = 0xDB;

        /// <summary>§10.1.20 NOP: used to see whether the display still acknowledges.</summary>
        public const byte Nop = 0xE3;
    }
}
