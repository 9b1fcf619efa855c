using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;
using Uitpas.Edge.Core.Reading.Mfrc522;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The RC522 module of the reference terminal (hardware/README.md): VSPI (SPI1 in
    /// nanoFramework) on SCK 18, MOSI 23, MISO 19, chip select 5, NRSTPD on GPIO 27.
    /// </summary>
    public static class Mfrc522Wiring
    {
        public const int SpiBus = 1;
        public const int SckPin = 18;
        public const int MosiPin = 23;
        public const int MisoPin = 19;
        public const int ChipSelectPin = 5;
        public const int ResetPin = 27;

        /// <summary>Routes the SPI pins and builds the driver; poll it with ReadCardInField from the main loop.</summary>
        public static Mfrc522CardReader CreateReader(GpioController gpio, Mfrc522Settings settings)
        {
            Configuration.SetPinFunction(SckPin, DeviceFunction.SPI1_CLOCK);
            Configuration.SetPinFunction(MosiPin, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(MisoPin, DeviceFunction.SPI1_MISO);
            SpiRegisterTransport transport = new SpiRegisterTransport(SpiBus, ChipSelectPin, settings.SpiClockHz);
            return new Mfrc522CardReader(transport, settings, new GpioResetLine(gpio, ResetPin));
        }
    }
}
