namespace Uitpas.Edge.Core.Display.Oled
{
    /// <summary>
    /// Lays out a <see cref="Screen"/> for the 128×64 panel and draws it. The title takes the
    /// largest scale that fits whole: ×3 (27 px lines, up to 2 lines), ×2 (18 px, up to 3 lines),
    /// and ×1 only as the last resort; the detail goes below at ×2 when it fits in two lines,
    /// else at ×1, wrapped, cut with an ellipsis when it runs out of room. Lines break at spaces
    /// and after hyphens; only ×1 text splits a word that is wider than the panel. Every line is centred
    /// and the block is centred vertically inside a <see cref="Margin"/> that leaves room for the
    /// anti-burn-in shift. The staff cue is a small diamond in the top-right corner, never a word;
    /// no line may cover it.
    /// </summary>
    public sealed class ScreenRenderer
    {
        /// <summary>Blank border on every side: the content can shift this far without leaving the panel.</summary>
        public const int Margin = 2;

        public const int AreaWidth = FrameBuffer.Width - 2 * Margin;
        public const int TitleDetailGap = 2;

        /// <summary>The diamond: 7×7 pixels, centre 3 pixels in from the top-right corner of the area.</summary>
        public const int DiamondRadius = 3;
        public const int DiamondCenterX = FrameBuffer.Width - Margin - 1 - DiamondRadius;
        public const int DiamondCenterY = Margin + DiamondRadius;

        private const int MaxLines = 8;

        // Preference order of (title scale, detail scale): the title as large as possible, a
        // detail that is readable at arm's length before a bigger title.
        private static readonly int[] TitleScales = new int[] { 3, 2, 3, 2, 1 };
        private static readonly int[] DetailScales = new int[] { 2, 2, 1, 1, 1 };

        private readonly string[] _title = new string[MaxLines];
        private readonly string[] _detail = new string[MaxLines];

        public ScreenLayout Layout(Screen screen)
        {
            string title = screen.Title == null ? string.Empty : screen.Title.Trim();
            string detail = screen.Detail.Trim();
            int bottom = FrameBuffer.Height - Margin;
            ScreenLayout layout = null;
            // Each size first in the whole area with the diamond as an obstacle, then (staff cue
            // only) in the area below the diamond, before the next smaller size.
            for (int i = 0; i < TitleScales.Length && layout == null; i++)
            {
                bool lastResort = i == TitleScales.Length - 1;
                for (int pass = 0; pass < (screen.StaffCue ? 2 : 1) && layout == null; pass++)
                {
                    int top = pass == 0 ? Margin : DiamondCenterY + DiamondRadius + 1 + TitleDetailGap;
                    layout = TryLayout(title, detail, TitleScales[i], DetailScales[i], top, bottom - top,
                        screen.StaffCue, screen.StaffCue && pass == 0, lastResort);
                }
            }
            return layout;
        }

        /// <summary>Clears <paramref name="frame"/> and draws the layout moved by (dx, dy).</summary>
        public static void Draw(ScreenLayout layout, FrameBuffer frame, int dx, int dy)
        {
            frame.Clear();
            for (int i = 0; i < layout.LineCount; i++)
            {
                TextLine line = layout.Line(i);
                OledFont.Draw(frame, line.Text, line.X + dx, line.Y + dy, line.Scale);
            }
            if (layout.StaffCue)
            {
                for (int row = -DiamondRadius; row <= DiamondRadius; row++)
                {
                    int half = DiamondRadius - (row < 0 ? -row : row);
                    frame.FillRect(DiamondCenterX + dx - half, DiamondCenterY + dy + row, 2 * half + 1, 1, true);
                }
            }
        }

        private ScreenLayout TryLayout(string title, string detail, int titleScale, int detailScale, int top, int height,
            bool staffCue, bool avoidDiamond, bool lastResort)
        {
            int lineTitle = OledFont.CellHeight * titleScale;
            int lineDetail = OledFont.CellHeight * detailScale;
            int detailRoom = detail.Length == 0 ? 0 : TitleDetailGap + lineDetail;
            int maxTitle = titleScale == 3 ? 2 : titleScale == 2 ? 3 : (height - detailRoom) / lineTitle;
            bool titleCut;
            int titleCount = TextWrap.Wrap(title, AreaWidth, titleScale, maxTitle, titleScale == 1, _title, out titleCut);
            if (titleCut && !lastResort)
            {
                return null;
            }
            int used = titleCount * lineTitle;
            int detailCount = 0;
            bool detailCut = false;
            if (detail.Length > 0)
            {
                int maxDetail = detailScale == 2 ? 2 : (height - used - TitleDetailGap) / lineDetail;
                detailCount = TextWrap.Wrap(detail, AreaWidth, detailScale, maxDetail, detailScale == 1, _detail, out detailCut);
                if (detailCount == 0 || (detailCut && detailScale > 1))
                {
                    return null;
                }
                used += TitleDetailGap + detailCount * lineDetail;
            }
            if (used > height)
            {
                return null;
            }
            TextLine[] lines = new TextLine[titleCount + detailCount];
            int y = top + (height - used) / 2;
            for (int i = 0; i < titleCount; i++)
            {
                lines[i] = Place(_title[i], y, titleScale, true);
                y += lineTitle;
            }
            y += TitleDetailGap;
            for (int i = 0; i < detailCount; i++)
            {
                lines[titleCount + i] = Place(_detail[i], y, detailScale, false);
                y += lineDetail;
            }
            if (avoidDiamond && CoversDiamond(lines))
            {
                return null;
            }
            return new ScreenLayout(lines, lines.Length, titleCut || detailCut, staffCue);
        }

        private static TextLine Place(string text, int y, int scale, bool isTitle)
        {
            int width = OledFont.Measure(text, scale);
            return new TextLine(text, Margin + (AreaWidth - width) / 2, y, scale, width, isTitle);
        }

        /// <summary>Whether a line comes within a pixel of the diamond's square.</summary>
        private static bool CoversDiamond(TextLine[] lines)
        {
            int left = DiamondCenterX - DiamondRadius - 1;
            int right = DiamondCenterX + DiamondRadius + 1;
            int top = DiamondCenterY - DiamondRadius - 1;
            int bottom = DiamondCenterY + DiamondRadius + 1;
            for (int i = 0; i < lines.Length; i++)
            {
                TextLine line = lines[i];
                bool across = line.X <= right && line.X + line.Width - 1 >= left;
                bool down = line.Y <= bottom && line.Y + line.Height - 1 >= top;
                if (across && down)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
