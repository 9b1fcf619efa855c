namespace Uitpas.Edge.Core.Display.Oled
{
    /// <summary>
    /// The terminal's bitmap font: proportional glyphs up to 5 pixels wide in a 9-row cell (row 0
    /// the accents of capitals, rows 1-7 capitals, row 8 descenders), ASCII 32-126 plus the
    /// Latin-1 letters of Dutch and French, the middle dot, the ellipsis and the staff mark.
    /// One blank column separates glyphs. A character without a glyph draws as a box. Drawn at
    /// ×1, ×2 or ×3: a title at ×2 is 18 pixels high.
    /// </summary>
    public static partial class OledFont
    {
        /// <summary>Rows of a glyph cell at ×1 (and the line pitch: the cell includes its own leading).</summary>
        public const int CellHeight = 9;

        /// <summary>Blank columns between two glyphs at ×1.</summary>
        public const int Spacing = 1;

        /// <summary>The character drawn when a text is cut short.</summary>
        public const char Ellipsis = '\u2026';

        private const int Stride = 7;
        private const int FirstAscii = 32;
        private const int LastAscii = 126;
        private const int AsciiGlyphs = LastAscii - FirstAscii + 1;

        /// <summary>Whether <paramref name="c"/> has a glyph of its own (or a stand-in, like ’ for ').</summary>
        public static bool HasGlyph(char c)
        {
            return IndexOf(c) != BoxIndex;
        }

        /// <summary>Width of the glyph at ×1, without the spacing after it.</summary>
        public static int GlyphWidth(char c)
        {
            return Glyphs[IndexOf(c) * Stride];
        }

        /// <summary>Pixel width of <paramref name="text"/> at <paramref name="scale"/> (no spacing after the last glyph).</summary>
        public static int Measure(string text, int scale)
        {
            return Measure(text, 0, text.Length, scale);
        }

        public static int Measure(string text, int start, int length, int scale)
        {
            if (length <= 0)
            {
                return 0;
            }
            int width = 0;
            for (int i = start; i < start + length; i++)
            {
                width += Glyphs[IndexOf(text[i]) * Stride] + Spacing;
            }
            return (width - Spacing) * scale;
        }

        /// <summary>Draws <paramref name="text"/> with its top-left corner at (x, y); returns the width drawn.</summary>
        public static int Draw(FrameBuffer frame, string text, int x, int y, int scale)
        {
            int left = x;
            for (int i = 0; i < text.Length; i++)
            {
                if (i > 0)
                {
                    x += Spacing * scale;
                }
                x += DrawChar(frame, text[i], x, y, scale);
            }
            return x - left;
        }

        /// <summary>Draws one glyph, each font pixel as a scale×scale block; returns its width.</summary>
        public static int DrawChar(FrameBuffer frame, char c, int x, int y, int scale)
        {
            int at = IndexOf(c) * Stride;
            int width = Glyphs[at];
            int descenders = Glyphs[at + 1];
            for (int column = 0; column < width; column++)
            {
                uint bits = Glyphs[at + 2 + column];
                if ((descenders & (1 << column)) != 0)
                {
                    bits |= 0x100;
                }
                uint scaled = Stretch(bits, scale);
                for (int copy = 0; copy < scale; copy++)
                {
                    frame.OrColumn(x + column * scale + copy, y, scaled);
                }
            }
            return width * scale;
        }

        /// <summary>Each of the 9 bits repeated <paramref name="scale"/> times (up to 27 bits).</summary>
        private static uint Stretch(uint bits, int scale)
        {
            if (scale == 1)
            {
                return bits;
            }
            uint result = 0;
            for (int row = 0; row < CellHeight; row++)
            {
                if ((bits & (1u << row)) != 0)
                {
                    for (int k = 0; k < scale; k++)
                    {
                        result |= 1u << (row * scale + k);
                    }
                }
            }
            return result;
        }

        private static int BoxIndex
        {
            get { return Glyphs.Length / Stride - 1; }
        }

        private static int IndexOf(char c)
        {
            if (c >= FirstAscii && c <= LastAscii)
            {
                return c - FirstAscii;
            }
            c = StandIn(c);
            if (c >= FirstAscii && c <= LastAscii)
            {
                return c - FirstAscii;
            }
            int low = 0;
            int high = ExtraChars.Length - 1;
            while (low <= high)
            {
                int middle = (low + high) >> 1;
                char m = ExtraChars[middle];
                if (m == c)
                {
                    return AsciiGlyphs + middle;
                }
                if (m < c)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }
            return BoxIndex;
        }

        /// <summary>Typographic variants drawn with the plain glyph: quotes, dashes, the no-break space.</summary>
        private static char StandIn(char c)
        {
            switch (c)
            {
                case '\u00A0':
                case '\u202F':
                    return ' ';
                case '\u2018':
                case '\u2019':
                    return '\'';
                case '\u201C':
                case '\u201D':
                    return '"';
                case '\u2010':
                case '\u2013':
                case '\u2014':
                    return '-';
                default:
                    return c;
            }
        }
    }
}
