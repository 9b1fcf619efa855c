namespace Uitpas.Edge.Core.Display.Oled
{
    /// <summary>One line of a laid-out screen: its text, where it goes (unshifted) and how big.</summary>
    public sealed class TextLine
    {
        public TextLine(string text, int x, int y, int scale, int width, bool isTitle)
        {
            Text = text;
            X = x;
            Y = y;
            Scale = scale;
            Width = width;
            IsTitle = isTitle;
        }

        public string Text { get; }
        public int X { get; }
        public int Y { get; }
        public int Scale { get; }
        public int Width { get; }
        public bool IsTitle { get; }

        /// <summary>Height of the glyph cell at this scale (capitals are 7 rows of it, ×scale).</summary>
        public int Height { get { return OledFont.CellHeight * Scale; } }
    }
}
