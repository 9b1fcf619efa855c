namespace Uitpas.Edge.Core.Display.Oled
{
    /// <summary>
    /// The 128×64 picture in the SSD1306's own GDDRAM layout (data sheet §8.7): 8 pages of 128
    /// bytes, page-major; in each byte bit 0 is the top row of the page. 1,024 bytes, allocated
    /// once. Writes outside the panel are dropped and counted (<see cref="ClippedPixels"/>), so a
    /// layout that overflows shows up in the tests instead of on the glass. Pages whose bytes
    /// changed since the last flush are marked dirty.
    /// </summary>
    public sealed class FrameBuffer
    {
        public const int Width = 128;
        public const int Height = 64;
        public const int Pages = Height / 8;
        public const int Size = Width * Pages;

        private readonly byte[] _bytes = new byte[Size];
        private int _dirtyPages;

        /// <summary>The bytes as they go to GDDRAM (read only by convention: the driver sends them).</summary>
        public byte[] Bytes { get { return _bytes; } }

        /// <summary>Bit p set: page p changed since <see cref="MarkClean"/>.</summary>
        public int DirtyPages { get { return _dirtyPages; } }

        /// <summary>Pixels drawn outside the panel since the last <see cref="Clear"/>.</summary>
        public int ClippedPixels { get; private set; }

        public bool GetPixel(int x, int y)
        {
            if (x < 0 || x >= Width || y < 0 || y >= Height)
            {
                return false;
            }
            return (_bytes[(y >> 3) * Width + x] & (1 << (y & 7))) != 0;
        }

        public void SetPixel(int x, int y, bool on)
        {
            if (x < 0 || x >= Width || y < 0 || y >= Height)
            {
                ClippedPixels++;
                return;
            }
            int page = y >> 3;
            int index = page * Width + x;
            int mask = 1 << (y & 7);
            int before = _bytes[index];
            int after = on ? before | mask : before & ~mask;
            if (after != before)
            {
                _bytes[index] = (byte)after;
                _dirtyPages |= 1 << page;
            }
        }

        public void FillRect(int x, int y, int width, int height, bool on)
        {
            for (int row = y; row < y + height; row++)
            {
                for (int column = x; column < x + width; column++)
                {
                    SetPixel(column, row, on);
                }
            }
        }

        /// <summary>
        /// Lights the set bits of <paramref name="bits"/> in column <paramref name="x"/>, bit 0 at
        /// row <paramref name="y"/> (up to 32 rows): how glyph columns are drawn.
        /// </summary>
        public void OrColumn(int x, int y, uint bits)
        {
            int row = y;
            while (bits != 0)
            {
                if ((bits & 1) != 0)
                {
                    SetPixel(x, row, true);
                }
                bits >>= 1;
                row++;
            }
        }

        /// <summary>All pixels off; only pages that had lit pixels become dirty. Resets <see cref="ClippedPixels"/>.</summary>
        public void Clear()
        {
            for (int page = 0; page < Pages; page++)
            {
                int start = page * Width;
                for (int i = start; i < start + Width; i++)
                {
                    if (_bytes[i] != 0)
                    {
                        _bytes[i] = 0;
                        _dirtyPages |= 1 << page;
                    }
                }
            }
            ClippedPixels = 0;
        }

        /// <summary>Lit pixels in a rectangle (clipped to the panel): what the tests measure.</summary>
        public int CountLit(int x, int y, int width, int height)
        {
            int lit = 0;
            for (int row = y; row < y + height; row++)
            {
                for (int column = x; column < x + width; column++)
                {
                    if (GetPixel(column, row))
                    {
                        lit++;
                    }
                }
            }
            return lit;
        }

        /// <summary>Every page must go out again (the display was re-initialised and its RAM is undefined).</summary>
        public void MarkAllDirty()
        {
            _dirtyPages = (1 << Pages) - 1;
        }

        public void MarkClean()
        {
            _dirtyPages = 0;
        }
    }
}
