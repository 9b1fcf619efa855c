using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Display.Oled;

namespace Uitpas.Edge.DeviceTests.Cases.Display
{
    /// <summary>The bitmap font: coverage of what the terminal says, the box for the rest, scaling.</summary>
    [TestClass]
    public class OledFontCases
    {
        [TestMethod]
        public void Every_character_the_terminal_says_has_a_glyph_in_every_language()
        {
            Texts[] all = new Texts[] { Texts.Dutch, Texts.French, Texts.English };
            for (int i = 0; i < all.Length; i++)
            {
                Texts t = all[i];
                string[] lines = new string[]
                {
                    t.Ready, t.Busy, t.CheckedIn, t.Refused, t.Queued, t.QueuedDetail, t.Rejected, t.RejectedDetail,
                    t.OfflineRegistered, t.LimitReached, t.LimitReachedDetail, t.Blocked, t.PointsLine(1, 12), t.PointsLine(25, 1234567890),
                };
                for (int j = 0; j < lines.Length; j++)
                {
                    for (int k = 0; k < lines[j].Length; k++)
                    {
                        Assert.IsTrue(OledFont.HasGlyph(lines[j][k]), t.Language + ": no glyph for '" + lines[j][k] + "' in \"" + lines[j] + "\"");
                    }
                }
            }
            Assert.IsTrue(OledFont.HasGlyph(Screen.StaffMark[0]), "the staff mark");
            Assert.IsTrue(OledFont.HasGlyph(OledFont.Ellipsis), "the ellipsis");
        }

        [TestMethod]
        public void Printable_ascii_and_the_letters_of_Dutch_and_French_have_glyphs()
        {
            for (char c = ' '; c <= '~'; c++)
            {
                Assert.IsTrue(OledFont.HasGlyph(c), "ASCII " + (int)c);
            }
            string latin = "àâäçèéêëîïôöùûüÿÀÂÄÇÈÉÊËÎÏÔÖÙÛÜáíóúñÁÍÓÚ«»€°·";
            for (int i = 0; i < latin.Length; i++)
            {
                Assert.IsTrue(OledFont.HasGlyph(latin[i]), "Latin-1 " + latin[i]);
            }
        }

        [TestMethod]
        public void A_character_without_a_glyph_draws_a_box()
        {
            FrameBuffer frame = new FrameBuffer();

            int width = OledFont.DrawChar(frame, '\u4E2D', 10, 10, 1);

            Assert.IsFalse(OledFont.HasGlyph('\u4E2D'), "no CJK glyphs");
            Assert.AreEqual(5, width, "box width");
            Assert.AreEqual(20, frame.CountLit(0, 0, FrameBuffer.Width, FrameBuffer.Height), "outline of 5x7: 20 pixels");
            Assert.AreEqual(0, frame.CountLit(11, 12, 3, 5), "hollow inside");
        }

        [TestMethod]
        public void Typographic_quotes_and_dashes_draw_as_their_plain_forms()
        {
            Assert.IsTrue(SameDrawing('\u2019', '\''), "right single quote as apostrophe");
            Assert.IsTrue(SameDrawing('\u2013', '-'), "en dash as hyphen");
            Assert.IsTrue(SameDrawing('\u00A0', ' '), "no-break space as space");
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        public void A_scaled_glyph_is_scale_times_as_wide_and_as_high(int scale)
        {
            FrameBuffer frame = new FrameBuffer();

            OledFont.DrawChar(frame, 'H', 0, 0, scale);

            Assert.AreEqual(5 * scale, Right(frame) + 1, "width");
            Assert.AreEqual(1 * scale, Top(frame), "capitals start at row 1 of the cell");
            Assert.AreEqual(8 * scale - 1, Bottom(frame), "and end at row 7");
            Assert.AreEqual(17 * scale * scale, frame.CountLit(0, 0, FrameBuffer.Width, FrameBuffer.Height), "each pixel a scale x scale block");
        }

        [TestMethod]
        public void The_accent_of_a_capital_sits_above_the_letter_inside_the_cell()
        {
            FrameBuffer plain = new FrameBuffer();
            FrameBuffer accented = new FrameBuffer();

            OledFont.DrawChar(plain, 'E', 0, 0, 1);
            OledFont.DrawChar(accented, '\u00C9', 0, 0, 1);

            Assert.AreEqual(1, Top(plain), "E starts at row 1");
            Assert.AreEqual(0, Top(accented), "the acute of É uses row 0");
            Assert.AreEqual(Bottom(plain), Bottom(accented), "same baseline");
        }

        [TestMethod]
        public void Measure_equals_the_width_drawn()
        {
            string[] samples = new string[] { "Ingecheckt", "+1 punt · totaal 12", "Déjà enregistré", "W", "i" };
            for (int i = 0; i < samples.Length; i++)
            {
                FrameBuffer frame = new FrameBuffer();
                int drawn = OledFont.Draw(frame, samples[i], 0, 0, 1);
                Assert.AreEqual(OledFont.Measure(samples[i], 1), drawn, samples[i]);
                Assert.AreEqual(drawn - 1, Right(frame), samples[i] + ": last lit column");
            }
        }

        private static bool SameDrawing(char a, char b)
        {
            FrameBuffer first = new FrameBuffer();
            FrameBuffer second = new FrameBuffer();
            int wa = OledFont.DrawChar(first, a, 0, 0, 1);
            int wb = OledFont.DrawChar(second, b, 0, 0, 1);
            if (wa != wb)
            {
                return false;
            }
            for (int i = 0; i < FrameBuffer.Size; i++)
            {
                if (first.Bytes[i] != second.Bytes[i])
                {
                    return false;
                }
            }
            return true;
        }

        private static int Right(FrameBuffer frame)
        {
            for (int x = FrameBuffer.Width - 1; x >= 0; x--)
            {
                if (frame.CountLit(x, 0, 1, FrameBuffer.Height) > 0)
                {
                    return x;
                }
            }
            return -1;
        }

        private static int Top(FrameBuffer frame)
        {
            for (int y = 0; y < FrameBuffer.Height; y++)
            {
                if (frame.CountLit(0, y, FrameBuffer.Width, 1) > 0)
                {
                    return y;
                }
            }
            return -1;
        }

        private static int Bottom(FrameBuffer frame)
        {
            for (int y = FrameBuffer.Height - 1; y >= 0; y--)
            {
                if (frame.CountLit(0, y, FrameBuffer.Width, 1) > 0)
                {
                    return y;
                }
            }
            return -1;
        }
    }
}
