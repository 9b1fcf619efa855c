using System.Device.Gpio;
using System.Device.Pwm;
using System.Threading;
using Uitpas.Edge.Core.Display;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The RGB LED and the buzzer (hardware/README.md pin map). Each <see cref="Signal"/> has
    /// its own colour and sound, so an outcome is seen and heard by someone who cannot read the
    /// screen. The beep pattern plays on a short-lived thread; the main loop never waits for it.
    /// </summary>
    public sealed class SignalOutputs
    {
        private readonly GpioPin _red;
        private readonly GpioPin _green;
        private readonly GpioPin _blue;
        private readonly PwmChannel _buzzer;

        public SignalOutputs(GpioController gpio, int redPin, int greenPin, int bluePin, int buzzerPin)
        {
            _red = gpio.OpenPin(redPin, PinMode.Output);
            _green = gpio.OpenPin(greenPin, PinMode.Output);
            _blue = gpio.OpenPin(bluePin, PinMode.Output);
            _buzzer = PwmChannel.CreateFromPin(buzzerPin, 2000, 0);
        }

        public void Show(Signal signal)
        {
            switch (signal)
            {
                case Signal.Success:
                    Led(false, true, false);
                    Beep(new int[] { 2600, 150 });
                    break;
                case Signal.Refusal:
                    Led(true, false, false);
                    Beep(new int[] { 600, 180, 0, 80, 600, 180 });
                    break;
                case Signal.Pending:
                    Led(true, true, false);
                    Beep(new int[] { 1200, 450 });
                    break;
                case Signal.Busy:
                    Led(false, false, true);
                    Beep(new int[] { 3000, 20 });
                    break;
                default:
                    Led(false, false, false);
                    break;
            }
        }

        private void Led(bool red, bool green, bool blue)
        {
            _red.Write(red ? PinValue.High : PinValue.Low);
            _green.Write(green ? PinValue.High : PinValue.Low);
            _blue.Write(blue ? PinValue.High : PinValue.Low);
        }

        /// <summary>Plays (frequency Hz, duration ms) pairs; frequency 0 is a pause.</summary>
        private void Beep(int[] pattern)
        {
            PwmChannel buzzer = _buzzer;
            new Thread(() =>
            {
                lock (buzzer)
                {
                    for (int i = 0; i + 1 < pattern.Length; i += 2)
                    {
                        if (pattern[i] > 0)
                        {
                            buzzer.Frequency = pattern[i];
                            buzzer.DutyCycle = 0.5;
                            buzzer.Start();
                        }
                        Thread.Sleep(pattern[i + 1]);
                        buzzer.Stop();
                    }
                }
            }).Start();
        }
    }
}
