using System.Device.Gpio;
using Uitpas.Edge.Core.Reading.Mfrc522;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>The MFRC522's NRSTPD pin on a GPIO (active low: asserted drives it low).</summary>
    public sealed class GpioResetLine : IResetLine
    {
        private readonly GpioPin _pin;

        public GpioResetLine(GpioController gpio, int pinNumber)
        {
            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            _pin.Write(PinValue.High);
        }

        public void SetReset(bool asserted)
        {
            _pin.Write(asserted ? PinValue.Low : PinValue.High);
        }
    }
}
