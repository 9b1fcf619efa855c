namespace Uitpas.Edge.Core.Display.Oled
{
    /// <summary>
    /// Where a screen's text goes on the panel: title lines, then detail lines, each centred,
    /// and the staff cue's diamond. A pure result of <see cref="ScreenRenderer.Layout"/>; the
    /// anti-burn-in shift is applied when drawing, not here.
    /// </summary>
    public sealed class ScreenLayout
    {
        private readonly TextLine[] _lines;

        public ScreenLayout(TextLine[] lines, int count, bool truncated, bool staffCue)
        {
            _lines = lines;
            LineCount = count;
            Truncated = truncated;
            StaffCue = staffCue;
        }

        public int LineCount { get; }

        /// <summary>Title or detail had to be cut short (and ends in an ellipsis).</summary>
        public bool Truncated { get; }

        /// <summary>The discreet diamond is drawn at <see cref="ScreenRenderer.DiamondCenterX"/>, <see cref="ScreenRenderer.DiamondCenterY"/>.</summary>
        public bool StaffCue { get; }

        public TextLine Line(int index)
        {
            return _lines[index];
        }

        /// <summary>Scale of the title lines (0 without a title).</summary>
        public int TitleScale
        {
            get { return LineCount > 0 && _lines[0].IsTitle ? _lines[0].Scale : 0; }
        }

        /// <summary>Scale of the detail lines (0 without a detail).</summary>
        public int DetailScale
        {
            get { return LineCount > 0 && !_lines[LineCount - 1].IsTitle ? _lines[LineCount - 1].Scale : 0; }
        }

        /// <summary>The lines' texts, one per line: what the passholder reads.</summary>
        public string Text()
        {
            string text = string.Empty;
            for (int i = 0; i < LineCount; i++)
            {
                text = i == 0 ? _lines[i].Text : text + "\n" + _lines[i].Text;
            }
            return text;
        }
    }
}
