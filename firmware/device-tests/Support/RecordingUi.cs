using System.Collections;
using Uitpas.Edge.Core.Display;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>The screen: every <see cref="Screen"/> shown, oldest first.</summary>
    public sealed class RecordingUi : ITerminalUi
    {
        private readonly ArrayList _screens = new ArrayList();

        public int Count
        {
            get { return _screens.Count; }
        }

        public Screen Last
        {
            get { return (Screen)_screens[_screens.Count - 1]; }
        }

        public Screen At(int index)
        {
            return (Screen)_screens[index];
        }

        public void Show(Screen screen)
        {
            _screens.Add(screen);
        }

        /// <summary>The last screen that tells a decision (not the ready or the busy screen); null when none was shown.</summary>
        public Screen LastDecision()
        {
            for (int i = _screens.Count - 1; i >= 0; i--)
            {
                Screen s = (Screen)_screens[i];
                if (s.Signal != Signal.None && s.Signal != Signal.Busy)
                {
                    return s;
                }
            }
            return null;
        }
    }
}
