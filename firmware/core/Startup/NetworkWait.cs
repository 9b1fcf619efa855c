using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Network;

namespace Uitpas.Edge.Core.Startup
{
    /// <summary>
    /// The boot's wait for the network and the clock, at most <see cref="LimitMs"/>: the screen
    /// says what it waits for (joining WiFi, then setting the clock, with the signal strength),
    /// and after the limit the terminal starts anyway (taps are journaled and sent later).
    /// </summary>
    public sealed class NetworkWait
    {
        public const int LimitMs = 60000;

        public const int JoiningWifi = 0;
        public const int SettingClock = 1;
        public const int Ready = 2;
        public const int TimedOut = 3;

        private readonly long _startedMs;
        private readonly int _limitMs;

        public NetworkWait(long startedMs)
            : this(startedMs, LimitMs)
        {
        }

        public NetworkWait(long startedMs, int limitMs)
        {
            _startedMs = startedMs;
            _limitMs = limitMs;
        }

        public long StartedMs
        {
            get { return _startedMs; }
        }

        /// <summary>The stage at <paramref name="nowMs"/>: <see cref="Ready"/> and <see cref="TimedOut"/> end the wait.</summary>
        public int Stage(long nowMs, NetworkState network, bool clockSet)
        {
            if (network == NetworkState.Joined && clockSet)
            {
                return Ready;
            }
            if (nowMs - _startedMs >= _limitMs)
            {
                return TimedOut;
            }
            return network == NetworkState.Joined ? SettingClock : JoiningWifi;
        }

        public static bool IsOver(int stage)
        {
            return stage == Ready || stage == TimedOut;
        }

        /// <summary>What the screen shows at a stage; null for <see cref="Ready"/> (the tap screen follows).</summary>
        public static Screen ScreenFor(int stage, BootScreens screens, int rssiDbm)
        {
            switch (stage)
            {
                case JoiningWifi: return screens.JoiningWifi(rssiDbm);
                case SettingClock: return screens.SettingClock(rssiDbm);
                case TimedOut: return screens.NoNetwork();
                default: return null;
            }
        }
    }
}
