using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Display.Oled;
using Uitpas.Edge.Core.Startup;

namespace Uitpas.Edge.DeviceTests.Cases.Startup
{
    /// <summary>What the screen says while the terminal starts: every language, short, and never the social tariff.</summary>
    [TestClass]
    public class BootScreensCases
    {
        [TestMethod]
        public void Every_boot_screen_fits_the_panel_in_large_letters_in_every_language()
        {
            ScreenRenderer renderer = new ScreenRenderer();
            BootScreens[] all = new BootScreens[] { BootScreens.Dutch, BootScreens.French, BootScreens.English };
            for (int i = 0; i < all.Length; i++)
            {
                Screen[] screens = AllOf(all[i]);
                for (int j = 0; j < screens.Length; j++)
                {
                    Screen screen = screens[j];
                    ScreenLayout layout = renderer.Layout(screen);
                    string what = all[i].Language + ": \"" + screen.ToString() + "\"";
                    Assert.IsNotNull(layout, what + " has a layout");
                    Assert.IsFalse(layout.Truncated, what + " is cut");
                    Assert.IsTrue(layout.TitleScale >= 2, what + " title in small letters (scale " + layout.TitleScale + ")");
                    Assert.IsTrue(TitleLines(layout) <= 2, what + " title on " + TitleLines(layout) + " lines");
                    Assert.IsTrue(layout.LineCount - TitleLines(layout) <= 2, what + " detail on more than two lines");
                }
            }
        }

        [TestMethod]
        public void No_boot_screen_names_the_social_tariff_in_any_language()
        {
            BootScreens[] all = new BootScreens[] { BootScreens.Dutch, BootScreens.French, BootScreens.English };
            string[] forbidden = new string[] { "kansen", "tarif social", "social tariff", "korting", "réduction", "discount" };
            for (int i = 0; i < all.Length; i++)
            {
                Screen[] screens = AllOf(all[i]);
                for (int j = 0; j < screens.Length; j++)
                {
                    string text = screens[j].ToString().ToLower();
                    for (int k = 0; k < forbidden.Length; k++)
                    {
                        Assert.IsFalse(text.IndexOf(forbidden[k]) >= 0, all[i].Language + ": \"" + text + "\" names " + forbidden[k]);
                    }
                }
            }
        }

        [TestMethod]
        public void An_unprovisioned_terminal_says_so_in_Dutch_and_asks_for_the_IT_team()
        {
            Screen screen = BootScreens.Dutch.NotSetUp();
            Assert.AreEqual("Niet ingesteld", screen.Title, "title");
            Assert.AreEqual("Vraag de IT-dienst", screen.Detail, "detail");
            Assert.IsTrue(screen.Signal == Signal.None, "no outcome signal: the LED blinks blue by its own pattern");
        }

        [TestMethod]
        public void The_wifi_screen_shows_the_signal_strength_once_measured()
        {
            Assert.AreEqual("Verbinden met wifi…", BootScreens.Dutch.JoiningWifi(0).Title, "title");
            Assert.AreEqual(string.Empty, BootScreens.Dutch.JoiningWifi(0).Detail, "nothing before the scan");
            Assert.AreEqual("wifi signaal -67 dBm", BootScreens.Dutch.JoiningWifi(-67).Detail, "after the scan");
            Assert.AreEqual("Klok wordt gezet…", BootScreens.Dutch.SettingClock(-67).Title, "then the clock");
            Assert.AreEqual("wifi signal -80 dBm", BootScreens.French.SettingClock(-80).Detail, "French");
        }

        [TestMethod]
        public void Unknown_language_falls_back_to_Dutch()
        {
            Assert.AreSame(BootScreens.Dutch, BootScreens.For("de"), "German is not offered");
            Assert.AreSame(BootScreens.Dutch, BootScreens.For(null), "no language");
            Assert.AreSame(BootScreens.French, BootScreens.For("fr"), "French");
            Assert.AreSame(BootScreens.English, BootScreens.For("en"), "English");
        }

        private static Screen[] AllOf(BootScreens s)
        {
            return new Screen[]
            {
                s.Starting(), s.NotSetUp(), s.StorageFailed(), s.JoiningWifi(0), s.JoiningWifi(-100), s.SettingClock(-67), s.NoNetwork(),
            };
        }

        private static int TitleLines(ScreenLayout layout)
        {
            int count = 0;
            for (int i = 0; i < layout.LineCount; i++)
            {
                if (layout.Line(i).IsTitle)
                {
                    count++;
                }
            }
            return count;
        }
    }
}
