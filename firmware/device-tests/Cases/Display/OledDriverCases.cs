using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Display.Oled;
using Uitpas.Edge.DeviceTests.Support;

namespace Uitpas.Edge.DeviceTests.Cases.Display
{
    /// <summary>The SSD1306 driver against a command-level simulator: configuration order, flush window and chunks.</summary>
    [TestClass]
    public class OledDriverCases
    {
        [TestMethod]
        public void Start_turns_the_charge_pump_on_before_the_display_and_the_display_on_last()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            DisplayPanel panel = new DisplayPanel(display);

            Assert.IsTrue(panel.Start(), "the display answers");

            Assert.IsTrue(display.DisplayOn, "display on");
            Assert.IsTrue(display.ChargePumpOnAtDisplayOn, "charge pump already on when AFh arrived");
            Assert.AreEqual(0, display.IndexOfOpcode(Ssd1306Commands.DisplayOff, 0), "AEh first: configured while asleep");
            int pump = display.IndexOfOpcode(Ssd1306Commands.ChargePump, 0);
            int on = display.IndexOfOpcode(Ssd1306Commands.DisplayOn, 0);
            Assert.IsTrue(pump >= 0 && pump < on, "8Dh before AFh (charge pump application note)");
            Assert.AreEqual((int)Ssd1306Commands.DisplayOn, display.LastOpcode, "AFh is the last command");
            Assert.AreEqual(0, display.UnknownOpcodes, "every byte sent is a known command or argument");
        }

        [TestMethod]
        public void Start_configures_a_128_by_64_module_for_horizontal_addressing()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            new DisplayPanel(display).Start();

            Assert.AreEqual(0, display.AddressingMode, "20h 00h horizontal addressing");
            Assert.AreEqual(63, display.MultiplexRatio, "A8h 3Fh: 64 rows");
            Assert.AreEqual(0x12, display.ComPins, "DAh 12h: alternative COM pins of the 128x64 panel");
            Assert.IsTrue(display.SegmentRemapped, "A1h");
            Assert.IsTrue(display.ComScanReversed, "C8h");
            Assert.AreEqual((int)Ssd1306.DefaultContrast, display.Contrast, "81h contrast");
            Assert.IsFalse(display.Inverted, "A6h normal");
            Assert.IsFalse(display.EntireDisplayOn, "A4h follows RAM");
            Assert.IsFalse(display.Scrolling, "2Eh no scroll");
        }

        [TestMethod]
        public void Flushed_frame_equals_the_frame_buffer_in_GDDRAM()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            Ssd1306 driver = new Ssd1306(display);
            FrameBuffer frame = new FrameBuffer();
            for (int i = 0; i < 200; i++)
            {
                frame.SetPixel((i * 7) % FrameBuffer.Width, (i * 13) % FrameBuffer.Height, true);
            }
            frame.FillRect(10, 30, 20, 5, true);

            Assert.IsTrue(driver.Configure(), "configured");
            Assert.IsTrue(driver.Flush(frame, true), "flushed");

            Assert.IsTrue(display.RamEquals(frame.Bytes), "GDDRAM holds the frame byte for byte");
            Assert.IsTrue(display.PixelOn(10, 30) && display.PixelOn(29, 34) && !display.PixelOn(30, 34), "the rectangle's corners");
            Assert.AreEqual(0, frame.DirtyPages, "nothing left to send");
        }

        [TestMethod]
        public void Flush_writes_no_more_than_one_chunk_per_bus_write()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            Ssd1306 driver = new Ssd1306(display);
            driver.Configure();

            driver.Flush(new FrameBuffer(), true);

            Assert.AreEqual(FrameBuffer.Size, display.DataBytes, "the whole RAM once");
            Assert.AreEqual(FrameBuffer.Size / Ssd1306.DataChunkBytes, display.DataWrites, "in chunks");
            Assert.IsTrue(display.LargestWrite <= Ssd1306.DataChunkBytes, "largest write " + display.LargestWrite);
        }

        [TestMethod]
        public void Flush_sends_only_the_pages_that_changed()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            Ssd1306 driver = new Ssd1306(display);
            FrameBuffer frame = new FrameBuffer();
            driver.Configure();
            driver.Flush(frame, true);
            int before = display.DataBytes;

            frame.SetPixel(40, 27, true);
            Assert.IsTrue(driver.Flush(frame, false), "flushed");

            Assert.AreEqual(FrameBuffer.Width, display.DataBytes - before, "one page of 128 bytes");
            Assert.AreEqual(3, display.PageStart, "window starts at page 3 (rows 24-31)");
            Assert.AreEqual(3, display.PageEnd, "and ends there");
            Assert.IsTrue(display.PixelOn(40, 27), "the pixel arrived");
            Assert.IsTrue(display.RamEquals(frame.Bytes), "the rest is as before");

            int afterChange = display.DataBytes;
            Assert.IsTrue(driver.Flush(frame, false), "nothing to do is fine");
            Assert.AreEqual(afterChange, display.DataBytes, "no change, no bytes");
        }

        [TestMethod]
        public void Unanswered_flush_keeps_the_pages_dirty_for_the_next_try()
        {
            SimulatedSsd1306 display = new SimulatedSsd1306();
            Ssd1306 driver = new Ssd1306(display);
            FrameBuffer frame = new FrameBuffer();
            frame.SetPixel(0, 63, true);
            display.Present = false;

            Assert.IsFalse(driver.Flush(frame, false), "no acknowledge");
            Assert.AreEqual(1 << 7, frame.DirtyPages, "page 7 still to send");
            Assert.IsTrue(driver.FailedWrites > 0, "counted");

            display.Present = true;
            driver.Configure();
            Assert.IsTrue(driver.Flush(frame, false), "sent now");
            Assert.IsTrue(display.PixelOn(0, 63), "bottom-left pixel");
        }
    }
}
