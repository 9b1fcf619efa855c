namespace Uitpas.Edge.Core.Display.Oled
{
    /// <summary>
    /// The wire to an SSD1306: I²C on the ESP32 (nanoFramework), a simulator in the tests. One
    /// call is one bus transaction. The I²C adapter sends the control byte in front (SSD1306 data
    /// sheet §8.1.5, I²C write mode: 0x00 = Co 0, D/C# 0, a stream of commands; 0x40 = Co 0, D/C# 1, a stream
    /// of GDDRAM data). False means the display did not acknowledge or the bus failed; the driver
    /// then reports the panel unhealthy and keeps going.
    /// </summary>
    public interface ISsd1306Bus
    {
        /// <summary>Sends <paramref name="count"/> command bytes (opcodes with their arguments) from the start of <paramref name="buffer"/>.</summary>
        bool WriteCommands(byte[] buffer, int count);

        /// <summary>Sends <paramref name="count"/> bytes of display data into the current address window.</summary>
        bool WriteData(byte[] buffer, int offset, int count);
    }
}
