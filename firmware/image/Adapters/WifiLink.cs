using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;
using Uitpas.Edge.Core.Diagnostics;
using Uitpas.Edge.Core.Network;
using Uitpas.Edge.Core.Provisioning;
using Uitpas.Edge.Core.Watchdog;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The WiFi link on a thread of its own: asks the <see cref="NetworkSupervisor"/> when to
    /// join, joins with the nanoFramework WiFi helper (ConnectDhcp the first time, Reconnect after,
    /// each with a 60 s token and a valid date required, so the ESP32's native SNTP sets the
    /// clock), measures the signal, notices a drop, and keeps the clock synced through the
    /// <see cref="ClockGuard"/>: the native SNTP's time when the helper confirmed a date, then
    /// its own SNTP query at once and every 6 h (or after a jump). Each blocking call is inside
    /// the watchdog's "wifi" lane.
    /// </summary>
    public sealed class WifiLink
    {
        public const int JoinTimeoutMs = 60000;
        public const int SntpTimeoutMs = 3000;
        public const int SntpRetryMs = 60000;
        public const int AddressCheckMs = 5000;
        public const string SntpServer = "pool.ntp.org";
        private const int TurnMs = 500;

        private readonly DeviceConfig _config;
        private readonly NetworkSupervisor _supervisor;
        private readonly ClockGuard _clock;
        private readonly TickClock _ticks;
        private readonly LoopWatchdog _watchdog;
        private readonly int _lane;
        private readonly ILineLog _log;
        private readonly WifiScan _scan = new WifiScan();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private bool _configured;
        private bool _available;
        private long _nextSntpMs;
        private long _nextAddressCheckMs;

        public WifiLink(DeviceConfig config, NetworkSupervisor supervisor, ClockGuard clock, TickClock ticks,
            LoopWatchdog watchdog, ILineLog log)
        {
            _config = config;
            _supervisor = supervisor;
            _clock = clock;
            _ticks = ticks;
            _watchdog = watchdog;
            _lane = watchdog.AddLane("wifi", LoopWatchdog.WifiJoinTimeoutMs);
            _log = log;
        }

        /// <summary>Set whenever the link's state or the clock changed (the boot wait listens).</summary>
        public AutoResetEvent Changed { get; } = new AutoResetEvent(false);

        public void Start()
        {
            NetworkChange.NetworkAvailabilityChanged += OnAvailabilityChanged;
            new Thread(Run).Start();
        }

        private void Run()
        {
            while (true)
            {
                try
                {
                    Turn(_ticks.NowMs);
                }
                catch (System.Exception e)
                {
                    _log.Write("[wifi] " + e.Message);
                }
                _wake.WaitOne(TurnMs, false);
            }
        }

        private void Turn(long nowMs)
        {
            if (_supervisor.State == NetworkState.Joined)
            {
                if (!StillUp(nowMs))
                {
                    _supervisor.Lost(nowMs);
                    _log.Write("[wifi] lost");
                    Changed.Set();
                }
                else if (_clock.ResyncDue(nowMs) && nowMs >= _nextSntpMs)
                {
                    SyncClock();
                }
                return;
            }
            if (_supervisor.ShouldJoin(nowMs))
            {
                Join(nowMs);
            }
        }

        private void Join(long nowMs)
        {
            _supervisor.Joining(nowMs);
            Changed.Set();
            bool seen;
            int rssi = _scan.Rssi(_config.WifiSsid, out seen);
            _supervisor.Rssi(rssi);
            Changed.Set();
            bool joined;
            bool dated;
            _watchdog.Enter(_lane, _ticks.NowMs);
            try
            {
                CancellationTokenSource timeout = new CancellationTokenSource(JoinTimeoutMs);
                dated = _configured
                    ? WifiNetworkHelper.Reconnect(true, 0, timeout.Token)
                    : WifiNetworkHelper.ConnectDhcp(_config.WifiSsid, _config.WifiPassword, WifiReconnectionKind.Automatic, true, 0, timeout.Token);
                // Without a date in time the helper still may have an address: joined, the clock comes from SNTP.
                joined = dated || WifiNetworkHelper.Status == NetworkHelperStatus.TokenExpiredWaitingDateTime;
            }
            finally
            {
                _watchdog.Leave(_lane, _ticks.NowMs);
            }
            long now = _ticks.NowMs;
            if (!joined)
            {
                int delay = _supervisor.Failed(now);
                _log.Write("[wifi] join failed (" + (seen ? "network seen" : "network not seen") + ", status "
                    + (int)WifiNetworkHelper.Status + "): next try in " + delay / 1000 + " s");
                Changed.Set();
                return;
            }
            _configured = true;
            _available = true;
            _nextAddressCheckMs = now + AddressCheckMs;
            _supervisor.Joined(now, rssi);
            _log.Write(rssi != 0 ? "[wifi] joined rssi " + rssi + " dBm" : "[wifi] joined (signal not measured)");
            if (dated && !_clock.IsSynced)
            {
                // The helper waited for a valid date: the native SNTP (or the RTC kept across a soft reboot) set it.
                _clock.Synced(now, _ticks.RawUnixMs, "the ESP32's native sntp");
            }
            Changed.Set();
            SyncClock();
        }

        /// <summary>Our own SNTP query (the pool, then the gateway): sets the system clock and tells the guard.</summary>
        private void SyncClock()
        {
            string error;
            long unixMs = AskSntp(SntpServer, out error);
            if (unixMs == 0)
            {
                string gateway = Gateway();
                string first = error;
                unixMs = gateway == null ? 0 : AskSntp(gateway, out error);
                error = first + (gateway == null ? string.Empty : "; gateway " + gateway + ": " + error);
            }
            long now = _ticks.NowMs;
            if (unixMs != 0 && _clock.IsPlausible(unixMs))
            {
                Rtc.SetSystemTime(TickClock.ToDateTime(unixMs));
                _clock.Synced(now, unixMs, "sntp");
            }
            else
            {
                _log.Write("[clock] sntp failed (" + error + "): next try "
                    + (_clock.ResyncDue(now) ? "in " + SntpRetryMs / 1000 + " s" : "at the 6-hourly sync"));
            }
            _nextSntpMs = now + SntpRetryMs;
            Changed.Set();
        }

        private long AskSntp(string host, out string error)
        {
            _watchdog.Enter(_lane, _ticks.NowMs);
            try
            {
                return SntpQuery.Ask(host, SntpTimeoutMs, out error);
            }
            finally
            {
                _watchdog.Leave(_lane, _ticks.NowMs);
            }
        }

        private bool StillUp(long nowMs)
        {
            if (!_available)
            {
                return false;
            }
            if (nowMs < _nextAddressCheckMs)
            {
                return true;
            }
            _nextAddressCheckMs = nowMs + AddressCheckMs;
            NetworkInterface wifi = WifiInterface();
            return wifi != null && wifi.IPv4Address != null && wifi.IPv4Address != "0.0.0.0";
        }

        private static string Gateway()
        {
            NetworkInterface wifi = WifiInterface();
            string gateway = wifi == null ? null : wifi.IPv4GatewayAddress;
            return gateway == null || gateway.Length == 0 || gateway == "0.0.0.0" ? null : gateway;
        }

        private static NetworkInterface WifiInterface()
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    return all[i];
                }
            }
            return null;
        }

        private void OnAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            _available = e.IsAvailable;
            _wake.Set();
        }
    }
}
