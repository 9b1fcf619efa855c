namespace Uitpas.Edge.Core.Display.Oled
{
    /// <summary>
    /// Breaks a text into lines that fit a pixel width at a scale: at spaces and after a hyphen
    /// inside a word; a word wider than the line is split only where allowed (small print), and
    /// what does not fit in the allowed lines ends the last line with an ellipsis. A separator dot ("·") is not left at the end or start of a line: the line
    /// break separates instead.
    /// </summary>
    public static class TextWrap
    {
        /// <summary>
        /// Fills <paramref name="lines"/> (at most <paramref name="maxLines"/> and its length) and
        /// returns how many; <paramref name="truncated"/> tells whether text was left out (also when
        /// a word would have to be split and <paramref name="splitWords"/> is false).
        /// </summary>
        public static int Wrap(string text, int maxWidth, int scale, int maxLines, bool splitWords, string[] lines, out bool truncated)
        {
            truncated = false;
            if (maxLines > lines.Length)
            {
                maxLines = lines.Length;
            }
            int count = 0;
            int pos = SkipBreaks(text, 0, false);
            while (pos < text.Length)
            {
                if (count == maxLines)
                {
                    truncated = true;
                    if (count > 0)
                    {
                        lines[count - 1] = Ellipsize(lines[count - 1] + " " + text.Substring(pos), maxWidth, scale);
                    }
                    return count;
                }
                int end = FitEnd(text, pos, maxWidth, scale, splitWords);
                if (end < 0)
                {
                    truncated = true;
                    return count;
                }
                lines[count++] = TrimSeparators(text.Substring(pos, end - pos));
                pos = SkipBreaks(text, end, true);
            }
            return count;
        }

        /// <summary>
        /// The longest prefix of <paramref name="text"/> that fits, ending in an ellipsis when it
        /// is not the whole text.
        /// </summary>
        public static string Ellipsize(string text, int maxWidth, int scale)
        {
            if (OledFont.Measure(text, scale) <= maxWidth)
            {
                return text;
            }
            int tail = (OledFont.Spacing + OledFont.GlyphWidth(OledFont.Ellipsis)) * scale;
            int n = text.Length;
            while (n > 0 && OledFont.Measure(text, 0, n, scale) + tail > maxWidth)
            {
                n--;
            }
            while (n > 0 && IsBreak(text[n - 1]))
            {
                n--;
            }
            return text.Substring(0, n) + OledFont.Ellipsis;
        }

        /// <summary>
        /// End (exclusive) of the line starting at <paramref name="pos"/>: whole words (a hyphen
        /// ends a word), else a split word, or -1 when that is not allowed.
        /// </summary>
        private static int FitEnd(string text, int pos, int maxWidth, int scale, bool splitWords)
        {
            int fit = -1;
            int i = pos;
            while (i < text.Length)
            {
                int wordEnd = i;
                while (wordEnd < text.Length && text[wordEnd] != ' ')
                {
                    wordEnd++;
                    if (text[wordEnd - 1] == '-' && wordEnd - 1 > i && wordEnd < text.Length && text[wordEnd] != ' ')
                    {
                        break;
                    }
                }
                if (OledFont.Measure(text, pos, wordEnd - pos, scale) > maxWidth)
                {
                    break;
                }
                fit = wordEnd;
                i = wordEnd;
                while (i < text.Length && text[i] == ' ')
                {
                    i++;
                }
            }
            if (fit > pos)
            {
                return fit;
            }
            if (!splitWords)
            {
                return -1;
            }
            // The first word alone is too wide: split it where it stops fitting (at least one character).
            int k = pos + 1;
            while (k < text.Length && text[k] != ' ' && OledFont.Measure(text, pos, k + 1 - pos, scale) <= maxWidth)
            {
                k++;
            }
            return k;
        }

        private static int SkipBreaks(string text, int pos, bool separatorsToo)
        {
            while (pos < text.Length && (text[pos] == ' ' || (separatorsToo && IsSeparator(text[pos]))))
            {
                pos++;
            }
            return pos;
        }

        private static string TrimSeparators(string line)
        {
            int n = line.Length;
            while (n > 1 && IsBreak(line[n - 1]))
            {
                n--;
            }
            return n == line.Length ? line : line.Substring(0, n);
        }

        private static bool IsBreak(char c)
        {
            return c == ' ' || IsSeparator(c);
        }

        private static bool IsSeparator(char c)
        {
            return c == '\u00B7' || c == '|';
        }
    }
}
