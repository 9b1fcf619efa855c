using System.Collections;
using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Display.Oled;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.DeviceTests.Cases.Display
{
    /// <summary>How screens are laid out on the 128x64 panel: fit, size, truncation and the staff cue.</summary>
    [TestClass]
    public class OledLayoutCases
    {
        private const int MinimumTitleHeight = 16;

        [TestMethod]
        public void Every_outcome_screen_fits_the_panel_in_every_language_with_a_title_of_at_least_16_pixels()
        {
            ScreenRenderer renderer = new ScreenRenderer();
            ArrayList screens = AllScreens();
            for (int i = 0; i < screens.Count; i++)
            {
                Screen screen = (Screen)screens[i];
                ScreenLayout layout = renderer.Layout(screen);
                string name = "\"" + screen.ToString() + "\"";

                Assert.IsTrue(layout.TitleScale * OledFont.CellHeight >= MinimumTitleHeight, name + ": title at x" + layout.TitleScale);
                Assert.IsFalse(layout.Truncated, name + ": cut short");
                AssertInsideAndApart(layout, name);
                FrameBuffer frame = new FrameBuffer();
                int[] shifts = new int[] { 0, 0, ScreenRenderer.Margin, ScreenRenderer.Margin, -ScreenRenderer.Margin, -ScreenRenderer.Margin };
                for (int s = 0; s < shifts.Length; s += 2)
                {
                    ScreenRenderer.Draw(layout, frame, shifts[s], shifts[s + 1]);
                    Assert.AreEqual(0, frame.ClippedPixels, name + ": drawn outside the panel at shift " + shifts[s]);
                }
            }
        }

        [TestMethod]
        public void Checked_in_screen_shows_the_points_in_large_letters_without_a_dangling_separator()
        {
            Screen screen = OutcomeScreens.For(new TapResult(1, 1, TapOutcome.CheckedIn, 1, 12, string.Empty, string.Empty), Texts.Dutch, false);

            ScreenLayout layout = new ScreenRenderer().Layout(screen);

            Assert.AreEqual("Ingecheckt\n+1 punt\ntotaal 12", layout.Text(), "the line break replaces the dot");
            Assert.AreEqual(2, layout.TitleScale, "title x2");
            Assert.AreEqual(2, layout.DetailScale, "points x2: readable at arm's length");
        }

        [TestMethod]
        public void Short_ready_text_is_drawn_at_three_times_the_font()
        {
            ScreenLayout layout = new ScreenRenderer().Layout(OutcomeScreens.Ready(Texts.Dutch));

            Assert.AreEqual(3, layout.TitleScale, "\"Tik je UiTPAS\" in two lines of 27 px");
            Assert.AreEqual(2, layout.LineCount, "two lines");
        }

        [TestMethod]
        public void Long_central_message_is_cut_with_an_ellipsis_and_stays_on_the_panel()
        {
            string message = "Deze UiTPAS kan vandaag niet meer gebruikt worden voor deze activiteit omdat het maximum aantal "
                + "deelnames per periode voor dit organisatorisch verband bereikt is; vraag meer uitleg aan de balie";
            Screen screen = OutcomeScreens.For(new TapResult(1, 1, TapOutcome.Refused, 0, -1, "MAXIMUM_REACHED", message), Texts.Dutch, false);

            ScreenLayout layout = new ScreenRenderer().Layout(screen);

            Assert.IsTrue(layout.Truncated, "cut short");
            string last = layout.Line(layout.LineCount - 1).Text;
            Assert.AreEqual(OledFont.Ellipsis, last[last.Length - 1], "ends in an ellipsis: " + last);
            Assert.IsTrue(layout.TitleScale >= 2, "title still large");
            AssertInsideAndApart(layout, "long message");
        }

        [TestMethod]
        public void Title_too_long_for_any_size_is_cut_rather_than_overflowing()
        {
            string sentence = "Onverwachte fout in de verbinding met het centrale UiTPAS-systeem van de regio Oost-Vlaanderen. ";
            Screen screen = new Screen(sentence + sentence + sentence, "Probeer het later opnieuw", Signal.Refusal);

            ScreenLayout layout = new ScreenRenderer().Layout(screen);

            Assert.IsTrue(layout.Truncated, "cut short");
            AssertInsideAndApart(layout, "long title");
            Assert.AreEqual("Probeer het later opnieuw", layout.Line(layout.LineCount - 1).Text, "the detail keeps a line");
        }

        [TestMethod]
        public void Large_text_breaks_after_a_hyphen_and_never_inside_a_word()
        {
            string[] lines = new string[4];
            bool cut;

            int count = TextWrap.Wrap("Adressez-vous", 100, 2, 3, false, lines, out cut);

            Assert.AreEqual(2, count, "two lines");
            Assert.AreEqual("Adressez-", lines[0], "the hyphen stays on the first line");
            Assert.AreEqual("vous", lines[1], "the rest below");
            Assert.IsFalse(cut, "nothing lost");
            TextWrap.Wrap("Kaartnummer0123456789", 100, 2, 3, false, lines, out cut);
            Assert.IsTrue(cut, "a word that would have to be split does not fit at x2");
        }

        [TestMethod]
        public void A_word_wider_than_the_panel_is_split_not_overflowed()
        {
            Screen screen = new Screen("Ok", "Kaartnummer0123456789012345678901234567890", Signal.Refusal);

            ScreenLayout layout = new ScreenRenderer().Layout(screen);

            AssertInsideAndApart(layout, "long word");
            Assert.IsTrue(layout.LineCount >= 3, "title and at least two detail lines");
        }

        [TestMethod]
        public void Staff_cue_draws_the_diamond_and_no_words()
        {
            ScreenRenderer renderer = new ScreenRenderer();
            TapResult result = new TapResult(1, 1, TapOutcome.CheckedIn, 1, 12, string.Empty, string.Empty);
            ScreenLayout plain = renderer.Layout(OutcomeScreens.For(result, Texts.Dutch, false));
            ScreenLayout cued = renderer.Layout(OutcomeScreens.For(result, Texts.Dutch, true));
            FrameBuffer plainFrame = new FrameBuffer();
            FrameBuffer cuedFrame = new FrameBuffer();

            ScreenRenderer.Draw(plain, plainFrame, 0, 0);
            ScreenRenderer.Draw(cued, cuedFrame, 0, 0);

            Assert.AreEqual(plain.Text(), cued.Text(), "the same words with or without the cue");
            Assert.IsTrue(cued.Text().IndexOf(Screen.StaffMark) < 0, "the mark is not text");
            int left = ScreenRenderer.DiamondCenterX - ScreenRenderer.DiamondRadius;
            int top = ScreenRenderer.DiamondCenterY - ScreenRenderer.DiamondRadius;
            int side = 2 * ScreenRenderer.DiamondRadius + 1;
            Assert.AreEqual(25, cuedFrame.CountLit(left, top, side, side), "a 7x7 diamond: 1+3+5+7+5+3+1 pixels");
            Assert.AreEqual(0, plainFrame.CountLit(left, top, side, side), "nothing there without the cue");
            Assert.AreEqual(Lit(plainFrame) + 25, Lit(cuedFrame), "the diamond is the only difference in ink");
        }

        [TestMethod]
        public void The_social_tariff_is_never_on_the_panel()
        {
            string[] forbidden = new string[] { "kansen", "tarif", "tariff", "korting", "réduction", "discount", "social", "sociaal" };
            ScreenRenderer renderer = new ScreenRenderer();
            ArrayList screens = AllScreens();
            for (int i = 0; i < screens.Count; i++)
            {
                Screen screen = (Screen)screens[i];
                if (!screen.StaffCue)
                {
                    continue;
                }
                string text = renderer.Layout(screen).Text().ToLower();
                for (int k = 0; k < forbidden.Length; k++)
                {
                    Assert.IsTrue(text.IndexOf(forbidden[k]) < 0, "\"" + text + "\" names " + forbidden[k]);
                }
                Assert.IsTrue(text.IndexOf(Screen.StaffMark) < 0, "no mark in the text of " + screen.Title);
            }
        }

        [TestMethod]
        [DataRow("Welkom terug bij ons")]
        [DataRow("Carte bloquée")]
        public void Staff_cue_moves_text_that_would_cover_the_diamond_and_keeps_its_size(string title)
        {
            ScreenRenderer renderer = new ScreenRenderer();
            ScreenLayout plain = renderer.Layout(new Screen(title, "+1 punt · totaal 12", Signal.Success, false));
            ScreenLayout cued = renderer.Layout(new Screen(title, "+1 punt · totaal 12", Signal.Success, true));

            Assert.IsTrue(CoversDiamond(plain), "without the cue the first line runs into the corner");
            Assert.IsFalse(CoversDiamond(cued), "with the cue it is clear of the diamond");
            Assert.AreEqual(plain.TitleScale, cued.TitleScale, "the title keeps its size");
            AssertInsideAndApart(cued, title);
        }

        private static bool CoversDiamond(ScreenLayout layout)
        {
            int left = ScreenRenderer.DiamondCenterX - ScreenRenderer.DiamondRadius - 1;
            int bottom = ScreenRenderer.DiamondCenterY + ScreenRenderer.DiamondRadius + 1;
            for (int i = 0; i < layout.LineCount; i++)
            {
                TextLine line = layout.Line(i);
                if (line.Y <= bottom && line.X + line.Width - 1 >= left)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Every screen the flow shows, in the three languages, with and without the staff cue.</summary>
        private static ArrayList AllScreens()
        {
            ArrayList screens = new ArrayList();
            Texts[] all = new Texts[] { Texts.Dutch, Texts.French, Texts.English };
            string[] messages = new string[]
            {
                "Maximum bereikt voor deze activiteit", "Kaart geblokkeerd", "Maximum atteint pour cette activité",
                "Card not valid for this event", string.Empty,
            };
            for (int i = 0; i < all.Length; i++)
            {
                Texts t = all[i];
                screens.Add(OutcomeScreens.Ready(t));
                screens.Add(OutcomeScreens.Busy(t));
                for (int cue = 0; cue < 2; cue++)
                {
                    bool staff = cue == 1;
                    screens.Add(OutcomeScreens.For(new TapResult(1, 1, TapOutcome.CheckedIn, 1, 12, string.Empty, string.Empty), t, staff));
                    screens.Add(OutcomeScreens.For(new TapResult(1, 1, TapOutcome.CheckedIn, 10, 12345, string.Empty, string.Empty), t, staff));
                    screens.Add(OutcomeScreens.For(new TapResult(1, 1, TapOutcome.CheckedIn, 2, -1, string.Empty, string.Empty), t, staff));
                    screens.Add(OutcomeScreens.For(new TapResult(1, 1, TapOutcome.Queued, 0, -1, string.Empty, string.Empty), t, staff));
                    screens.Add(OutcomeScreens.For(OfflineDecision.Registered, t, staff));
                    screens.Add(OutcomeScreens.For(OfflineDecision.LimitReached, t, staff));
                    screens.Add(OutcomeScreens.For(OfflineDecision.Blocked, t, staff));
                }
                for (int m = 0; m < messages.Length; m++)
                {
                    screens.Add(OutcomeScreens.For(new TapResult(1, 1, TapOutcome.Refused, 0, -1, "X", messages[m]), t, false));
                    screens.Add(OutcomeScreens.For(new TapResult(1, 1, TapOutcome.Rejected, 0, -1, "X", messages[m]), t, false));
                }
            }
            return screens;
        }

        /// <summary>Every line inside the margins, lines in order without overlapping.</summary>
        private static void AssertInsideAndApart(ScreenLayout layout, string name)
        {
            int previousBottom = -1;
            for (int i = 0; i < layout.LineCount; i++)
            {
                TextLine line = layout.Line(i);
                string which = name + " line " + i + " \"" + line.Text + "\"";
                Assert.IsTrue(line.X >= ScreenRenderer.Margin, which + ": left edge " + line.X);
                Assert.IsTrue(line.X + line.Width <= FrameBuffer.Width - ScreenRenderer.Margin, which + ": right edge " + (line.X + line.Width));
                Assert.IsTrue(line.Y >= ScreenRenderer.Margin, which + ": top " + line.Y);
                Assert.IsTrue(line.Y + line.Height <= FrameBuffer.Height - ScreenRenderer.Margin, which + ": bottom " + (line.Y + line.Height));
                Assert.IsTrue(line.Y > previousBottom, which + ": overlaps the line above");
                previousBottom = line.Y + line.Height - 1;
            }
        }

        private static int Lit(FrameBuffer frame)
        {
            return frame.CountLit(0, 0, FrameBuffer.Width, FrameBuffer.Height);
        }
    }
}
