using System.Device.Wifi;
using System.Threading;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The signal strength of the terminal's network at its spot: one scan of the air
    /// (WifiAdapter.ScanAsync, answered by AvailableNetworksChanged) and the strongest access
    /// point with the provisioned SSID. The only RSSI the nanoFramework API offers is the scan
    /// report's, so the terminal measures before each join (and the installer sees it on the
    /// boot screen). Best effort: 0 when the scan fails or the network is not seen.
    /// </summary>
    public sealed class WifiScan
    {
        public const int ScanTimeoutMs = 6000;

        private readonly AutoResetEvent _done = new AutoResetEvent(false);
        private WifiAdapter _adapter;

        /// <summary>The RSSI in dBm of <paramref name="ssid"/>, or 0; <paramref name="seen"/> says whether a scan saw it.</summary>
        public int Rssi(string ssid, out bool seen)
        {
            seen = false;
            try
            {
                if (_adapter == null)
                {
                    _adapter = WifiAdapter.FindAllAdapters()[0];
                    _adapter.AvailableNetworksChanged += OnScanned;
                }
                _done.Reset();
                _adapter.ScanAsync();
                if (!_done.WaitOne(ScanTimeoutMs, false))
                {
                    return 0;
                }
                WifiAvailableNetwork[] networks = _adapter.NetworkReport.AvailableNetworks;
                double best = 0;
                for (int i = 0; i < networks.Length; i++)
                {
                    if (networks[i].Ssid == ssid && (!seen || networks[i].NetworkRssiInDecibelMilliwatts > best))
                    {
                        best = networks[i].NetworkRssiInDecibelMilliwatts;
                        seen = true;
                    }
                }
                return seen ? (int)best : 0;
            }
            catch (System.Exception)
            {
                return 0;
            }
        }

        private void OnScanned(WifiAdapter sender, object e)
        {
            _done.Set();
        }
    }
}
