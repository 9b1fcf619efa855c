using System.Collections;
using Uitpas.Edge.Core.Display.Signals;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>The LED and the buzzer as a test sees them: their state now, every change, and how often each was set.</summary>
    public sealed class SignalsRecordingOutputs : ISignalOutputs
    {
        private readonly ArrayList _tones = new ArrayList();

        /// <summary>The LED's colour now (a SignalColour value).</summary>
        public int Led { get; private set; }

        /// <summary>The buzzer's tone now; 0 = silent.</summary>
        public int Tone { get; private set; }

        public int LedCalls { get; private set; }

        public int ToneCalls { get; private set; }

        /// <summary>Every non-silent tone set, in order.</summary>
        public int TonesSounded
        {
            get { return _tones.Count; }
        }

        public int ToneAt(int index)
        {
            return (int)_tones[index];
        }

        public void SetLed(bool red, bool green, bool blue)
        {
            LedCalls++;
            Led = (red ? SignalColour.Red : 0) | (green ? SignalColour.Green : 0) | (blue ? SignalColour.Blue : 0);
        }

        public void SetTone(int hz)
        {
            ToneCalls++;
            Tone = hz;
            if (hz > 0)
            {
                _tones.Add(hz);
            }
        }
    }
}
