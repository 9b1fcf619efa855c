namespace Uitpas.Edge.Firmware.Board
{
    /// <summary>
    /// The pin map of the reference terminal (hardware/wiring.md): the one place the firmware
    /// takes its pins from. Every pin avoids the ESP32's strapping pins (0, 2, 5, 12, 15), the
    /// module's internal flash (6–11), UART0 (1, 3: console, flashing and provisioning), the
    /// input-only pins (34–39) and 16/17 (PSRAM on WROVER modules); no pin serves two buses.
    /// A build test checks this class against the table in hardware/wiring.md.
    /// </summary>
    public static class ReferenceBoard
    {
        /// <summary>VSPI, "SPI1" in nanoFramework: the IO_MUX pins of the ESP32's VSPI host.</summary>
        public const int SpiBus = 1;
        public const int SpiClockPin = 18;
        public const int SpiMisoPin = 19;
        public const int SpiMosiPin = 23;

        /// <summary>RC522 SDA/NSS: driven by the SPI driver as chip select (active low).</summary>
        public const int ReaderChipSelectPin = 4;

        /// <summary>RC522 RST (the MFRC522's NRSTPD: low = hard power-down, rising edge = reset).</summary>
        public const int ReaderResetPin = 27;

        /// <summary>I²C1 for the SSD1306 display (address 0x3C).</summary>
        public const int I2cBus = 1;
        public const int I2cDataPin = 21;
        public const int I2cClockPin = 22;
        public const int DisplayAddress = 0x3C;

        /// <summary>RGB LED, common cathode, one series resistor per colour: high = on.</summary>
        public const int LedRedPin = 25;
        public const int LedGreenPin = 26;
        public const int LedBluePin = 33;

        /// <summary>Passive buzzer through an NPN transistor, driven by PWM (LEDC).</summary>
        public const int BuzzerPin = 32;
    }
}
