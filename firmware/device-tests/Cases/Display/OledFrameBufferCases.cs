using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Display.Oled;

namespace Uitpas.Edge.DeviceTests.Cases.Display
{
    /// <summary>The frame buffer: GDDRAM byte layout, clipping and dirty pages.</summary>
    [TestClass]
    public class OledFrameBufferCases
    {
        [TestMethod]
        public void Pixels_are_stored_page_major_with_bit_0_at_the_top_of_a_page()
        {
            FrameBuffer frame = new FrameBuffer();

            frame.SetPixel(3, 10, true);
            frame.SetPixel(127, 63, true);

            Assert.AreEqual(FrameBuffer.Size, frame.Bytes.Length, "1,024 bytes");
            Assert.AreEqual((byte)(1 << 2), frame.Bytes[1 * FrameBuffer.Width + 3], "row 10 = page 1, bit 2");
            Assert.AreEqual((byte)0x80, frame.Bytes[FrameBuffer.Size - 1], "last pixel = last byte, bit 7");
            Assert.AreEqual((1 << 1) | (1 << 7), frame.DirtyPages, "pages 1 and 7 changed");
        }

        [TestMethod]
        public void Drawing_outside_the_panel_is_dropped_and_counted()
        {
            FrameBuffer frame = new FrameBuffer();

            frame.FillRect(-2, 60, 4, 6, true);

            Assert.AreEqual(8, frame.CountLit(0, 0, FrameBuffer.Width, FrameBuffer.Height), "2 columns x 4 rows inside");
            Assert.AreEqual(16, frame.ClippedPixels, "the other 16 counted, not wrapped around");
            Assert.IsFalse(frame.GetPixel(126, 60), "nothing wrapped to the right edge");
        }

        [TestMethod]
        public void Clear_marks_only_the_pages_that_had_lit_pixels()
        {
            FrameBuffer frame = new FrameBuffer();
            frame.SetPixel(5, 20, true);
            frame.SetPixel(6, -1, true);
            frame.MarkClean();

            frame.Clear();

            Assert.AreEqual(1 << 2, frame.DirtyPages, "only page 2 changed");
            Assert.AreEqual(0, frame.ClippedPixels, "clipping count starts again");
            Assert.AreEqual(0, frame.CountLit(0, 0, FrameBuffer.Width, FrameBuffer.Height), "blank");
        }

        [TestMethod]
        public void Writing_a_pixel_that_is_already_so_does_not_dirty_its_page()
        {
            FrameBuffer frame = new FrameBuffer();
            frame.SetPixel(9, 9, true);
            frame.MarkClean();

            frame.SetPixel(9, 9, true);
            frame.SetPixel(9, 50, false);

            Assert.AreEqual(0, frame.DirtyPages, "no byte changed");
        }
    }
}
