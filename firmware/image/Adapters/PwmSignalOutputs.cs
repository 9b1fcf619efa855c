using System.Device.Gpio;
using System.Device.Pwm;
using nanoFramework.Hardware.Esp32;
using Uitpas.Edge.Core.Display.Signals;
using Uitpas.Edge.Firmware.Board;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The RGB LED (three GPIO outputs, common cathode: high = on) and the passive buzzer (a PWM
    /// channel at 50 % duty through an NPN transistor) of the reference board. The buzzer pin is
    /// routed to an LEDC PWM channel first (ESP32: any output pin can take any PWM channel).
    /// The signal player times the patterns; these calls only set the pins.
    /// </summary>
    public sealed class PwmSignalOutputs : ISignalOutputs
    {
        private const double Duty = 0.5;

        private readonly GpioPin _red;
        private readonly GpioPin _green;
        private readonly GpioPin _blue;
        private readonly PwmChannel _buzzer;
        private bool _sounding;

        public PwmSignalOutputs(GpioController gpio)
        {
            _red = gpio.OpenPin(ReferenceBoard.LedRedPin, PinMode.Output);
            _green = gpio.OpenPin(ReferenceBoard.LedGreenPin, PinMode.Output);
            _blue = gpio.OpenPin(ReferenceBoard.LedBluePin, PinMode.Output);
            Configuration.SetPinFunction(ReferenceBoard.BuzzerPin, DeviceFunction.PWM1);
            _buzzer = PwmChannel.CreateFromPin(ReferenceBoard.BuzzerPin, SignalPattern.HighBeepHz, 0);
        }

        public void SetLed(bool red, bool green, bool blue)
        {
            _red.Write(red ? PinValue.High : PinValue.Low);
            _green.Write(green ? PinValue.High : PinValue.Low);
            _blue.Write(blue ? PinValue.High : PinValue.Low);
        }

        public void SetTone(int hz)
        {
            if (hz <= 0)
            {
                if (_sounding)
                {
                    _buzzer.Stop();
                    _sounding = false;
                }
                return;
            }
            _buzzer.Frequency = hz;
            _buzzer.DutyCycle = Duty;
            if (!_sounding)
            {
                _buzzer.Start();
                _sounding = true;
            }
        }
    }
}
