using System.Device.Gpio;
using Uitpas.Edge.Core.Reading.Mfrc522;

namespace Uitpas.Edge.VirtualTerminal.Reader;

/// <summary>The RC522's RST (NRSTPD, active low) on a Linux GPIO through .NET IoT.</summary>
public sealed class GpioResetLine : IResetLine, IDisposable
{
    private readonly GpioController _gpio = new();
    private readonly int _pin;

    public GpioResetLine(int pin)
    {
        _pin = pin;
        _gpio.OpenPin(pin, PinMode.Output);
        _gpio.Write(pin, PinValue.High);
    }

    public void SetReset(bool asserted) => _gpio.Write(_pin, asserted ? PinValue.Low : PinValue.High);

    public void Dispose() => _gpio.Dispose();
}
