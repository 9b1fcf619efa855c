using System.IO;
using System.Threading;
using nanoFramework.Networking;
using Uitpas.Edge.Core.Provisioning;

namespace Uitpas.Edge.Firmware
{
    /// <summary>The steps before the main loop: read the provisioned identity, join the WiFi network.</summary>
    public static class Startup
    {
        public const string ConfigPath = "I:\\device.cfg";
        public const string JournalPath = "I:\\journal.bin";
        public const string BlobDirectory = "I:\\";

        /// <summary>
        /// The device's provisioned settings. Without a usable file the terminal cannot know who
        /// it is: it says so on the console and stays in provisioning mode (null).
        /// </summary>
        public static DeviceConfig LoadConfig()
        {
            if (!File.Exists(ConfigPath))
            {
                System.Console.WriteLine("[setup] " + ConfigPath + " missing: provision this terminal (uitpas-edge device provision)");
                return null;
            }
            string error;
            DeviceConfig config = DeviceConfig.Parse(File.ReadAllText(ConfigPath), out error);
            if (config == null)
            {
                System.Console.WriteLine("[setup] " + ConfigPath + " is not usable: " + error);
            }
            return config;
        }

        /// <summary>
        /// Joins the WiFi network and waits for the clock to be set by SNTP (TLS and tap
        /// timestamps need it), for at most 60 s. The helper reconnects by itself afterwards; a
        /// terminal that does not get on the network still takes taps into its journal.
        /// </summary>
        public static bool ConnectWifi(DeviceConfig config)
        {
            CancellationTokenSource timeout = new CancellationTokenSource(60000);
            bool connected = WifiNetworkHelper.ConnectDhcp(config.WifiSsid, config.WifiPassword,
                System.Device.Wifi.WifiReconnectionKind.Automatic, true, 0, timeout.Token);
            System.Console.WriteLine(connected ? "[setup] WiFi connected, clock set" : "[setup] WiFi not connected yet: taps are journaled");
            return connected;
        }
    }
}
