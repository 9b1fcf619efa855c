using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;
using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Firmware.Board;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The RC522 module of the reference terminal (<see cref="ReferenceBoard"/>, hardware/wiring.md):
    /// VSPI (SPI1 in nanoFramework) on SCK 18, MOSI 23, MISO 19, chip select GPIO 4, NRSTPD on GPIO 27.
    /// </summary>
    public static class Mfrc522Wiring
    {
        /// <summary>Routes the SPI pins and builds the driver; poll it with ReadCardInField from the main loop.</summary>
        public static Mfrc522CardReader CreateReader(GpioController gpio, Mfrc522Settings settings)
        {
            Configuration.SetPinFunction(ReferenceBoard.SpiClockPin, DeviceFunction.SPI1_CLOCK);
            Configuration.SetPinFunction(ReferenceBoard.SpiMosiPin, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(ReferenceBoard.SpiMisoPin, DeviceFunction.SPI1_MISO);
            SpiRegisterTransport transport = new SpiRegisterTransport(ReferenceBoard.SpiBus, ReferenceBoard.ReaderChipSelectPin, settings.SpiClockHz);
            return new Mfrc522CardReader(transport, settings, new GpioResetLine(gpio, ReferenceBoard.ReaderResetPin));
        }
    }
}
