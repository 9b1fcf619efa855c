using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Display.Oled;
using Uitpas.Edge.DeviceTests.Support;

namespace Uitpas.Edge.DeviceTests.Cases.Display
{
    /// <summary>The panel the terminal talks to: a missing or lost display, burn-in protection.</summary>
    [TestClass]
    public class OledPanelCases
    {
        private static readonly Screen Ready = new Screen("Tik je UiTPAS", string.Empty, Signal.None);
        private static readonly Screen Busy = new Screen("Even geduld…", string.Empty, Signal.Busy);

        [TestMethod]
        public void Missing_display_makes_Start_false_and_Show_harmless()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            display.Present = false;
            DisplayPanel panel = new DisplayPanel(display);

            Assert.IsFalse(panel.Start(), "no display on the bus");
            panel.Show(Ready, 0);
            panel.Step(100);

            Assert.IsFalse(panel.Healthy, "reported unhealthy");
            Assert.AreSame(Ready, panel.Current, "the screen is kept for when the display answers");
            Assert.AreEqual(0, display.DataBytes, "nothing reached a display");
        }

        [TestMethod]
        public void Adapter_that_throws_does_not_escape_the_panel()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            display.Throws = true;
            DisplayPanel panel = new DisplayPanel(display);

            Assert.IsFalse(panel.Start(), "a throwing bus is a missing display");
            panel.Show(Busy, 0);
            panel.Step(5000);
            panel.Step(500000);

            Assert.IsFalse(panel.Healthy, "unhealthy, and no exception came out");
        }

        [TestMethod]
        public void Display_that_comes_back_is_initialised_and_shows_the_current_screen()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            display.Present = false;
            DisplayPanel panel = new DisplayPanel(display);
            panel.Start();
            panel.Show(Ready, 0);

            display.Present = true;
            StepUntilHealthy(panel, 0, 10000);

            Assert.IsTrue(display.DisplayOn && display.ChargePumpOn, "configured and on");
            Assert.IsTrue(display.RamEquals(panel.Frame.Bytes), "GDDRAM holds the ready screen");
            Assert.IsTrue(panel.Frame.CountLit(0, 0, FrameBuffer.Width, FrameBuffer.Height) > 100, "and it is not blank");
        }

        [TestMethod]
        public void Display_lost_while_running_is_noticed_and_set_up_again_when_it_returns()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            DisplayPanel panel = new DisplayPanel(display);
            panel.Start();
            panel.Show(Ready, 0);

            display.Present = false;
            long now = 0;
            while (panel.Healthy && now < 60000)
            {
                now += 500;
                panel.Step(now);
            }
            Assert.IsFalse(panel.Healthy, "the probe noticed within " + now + " ms");
            Assert.IsTrue(now <= DisplayPanel.ProbeIntervalMs + 500, "within one probe interval");

            display.PowerCycle();
            display.Present = true;
            long back = StepUntilHealthy(panel, now, 10000);

            Assert.AreEqual(2, panel.Starts, "initialised again");
            Assert.IsTrue(display.DisplayOn, "on after its power cycle");
            Assert.IsTrue(display.RamEquals(panel.Frame.Bytes), "the screen again, no RAM noise (back at " + back + " ms)");
        }

        [TestMethod]
        public void Retries_of_a_missing_display_back_off()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            display.Present = false;
            DisplayPanel panel = new DisplayPanel(display);
            panel.Start();
            int attempts = 0;
            int refusedBefore = display.RefusedWrites;

            for (long now = 0; now <= 600000; now += 100)
            {
                panel.Step(now);
                if (display.RefusedWrites != refusedBefore)
                {
                    attempts++;
                    refusedBefore = display.RefusedWrites;
                }
            }

            // 1, 2, 4, 8, 16, 32 s, then every 60 s: 6 + 9 attempts in ten minutes, not 6,000.
            Assert.IsTrue(attempts >= 10 && attempts <= 16, "attempts in ten minutes: " + attempts);
        }

        [TestMethod]
        public void Unchanged_screen_moves_after_a_minute_and_dims_after_five()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            DisplayPanel panel = new DisplayPanel(display);
            panel.Start();
            panel.Show(Ready, 1000);
            int left = LeftmostLit(display);

            panel.Step(1000 + DisplayPanel.ShiftIntervalMs - 1);
            Assert.AreEqual(left, LeftmostLit(display), "still in place before a minute");

            panel.Step(1000 + DisplayPanel.ShiftIntervalMs);
            Assert.IsTrue(panel.OffsetX != 0 || panel.OffsetY != 0, "moved after a minute");
            Assert.AreEqual(left + panel.OffsetX, LeftmostLit(display), "the glass shows the move");
            Assert.IsTrue(display.RamEquals(panel.Frame.Bytes), "GDDRAM is the shifted frame");

            panel.Step(1000 + DisplayPanel.DimAfterMs - 1);
            Assert.AreEqual((int)Ssd1306.DefaultContrast, display.Contrast, "full contrast before five minutes");
            panel.Step(1000 + DisplayPanel.DimAfterMs);
            Assert.AreEqual((int)DisplayPanel.DimContrast, display.Contrast, "dimmed after five minutes");
            Assert.IsTrue(panel.Dimmed, "reported");
        }

        [TestMethod]
        public void A_tap_restores_contrast_and_position()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            DisplayPanel panel = new DisplayPanel(display);
            panel.Start();
            panel.Show(Ready, 0);
            for (long now = 0; now <= DisplayPanel.DimAfterMs + 60000; now += 1000)
            {
                panel.Step(now);
            }
            Assert.IsTrue(panel.Dimmed, "dimmed first");

            panel.Show(Busy, DisplayPanel.DimAfterMs + 61000);

            Assert.AreEqual((int)Ssd1306.DefaultContrast, display.Contrast, "full contrast for the tap");
            Assert.AreEqual(0, panel.OffsetX, "back in place (x)");
            Assert.AreEqual(0, panel.OffsetY, "back in place (y)");
            Assert.IsTrue(display.RamEquals(panel.Frame.Bytes), "the busy screen is on the glass");
        }

        [TestMethod]
        public void Showing_the_same_texts_again_keeps_the_idle_clock()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            DisplayPanel panel = new DisplayPanel(display);
            panel.Start();
            panel.Show(Ready, 0);

            panel.Show(new Screen("Tik je UiTPAS", string.Empty, Signal.None), 200000);
            panel.Step(DisplayPanel.DimAfterMs);

            Assert.IsTrue(panel.Dimmed, "dimmed five minutes after the first show");
        }

        [TestMethod]
        public void Display_that_reset_itself_unnoticed_is_back_within_a_minute()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            DisplayPanel panel = new DisplayPanel(display);
            panel.Start();
            panel.Show(Ready, 0);

            display.PowerCycle();
            for (long now = 0; now <= DisplayPanel.ShiftIntervalMs; now += 1000)
            {
                panel.Step(now);
            }

            Assert.IsTrue(panel.Healthy, "it kept answering");
            Assert.IsTrue(display.DisplayOn && display.ChargePumpOn, "configured again");
            Assert.AreEqual(0, display.AddressingMode, "horizontal addressing again");
            Assert.IsTrue(display.RamEquals(panel.Frame.Bytes), "the whole picture sent again");
        }

        private static long StepUntilHealthy(DisplayPanel panel, long from, long limitMs)
        {
            long now = from;
            while (!panel.Healthy && now < from + limitMs)
            {
                now += 100;
                panel.Step(now);
            }
            Assert.IsTrue(panel.Healthy, "healthy again within " + limitMs + " ms");
            return now;
        }

        private static int LeftmostLit(SimulatedSsd1306 display)
        {
            for (int x = 0; x < FrameBuffer.Width; x++)
            {
                for (int y = 0; y < FrameBuffer.Height; y++)
                {
                    if (display.PixelOn(x, y))
                    {
                        return x;
                    }
                }
            }
            return -1;
        }
    }
}
