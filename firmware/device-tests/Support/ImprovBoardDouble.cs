using Uitpas.Edge.Core.Provisioning;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>The board under provisioning: device.cfg written (or a write problem), WiFi joined (or not).</summary>
    public sealed class ImprovBoardDouble : IImprovDevice
    {
        public ImprovBoardDouble()
        {
            WifiWorks = true;
        }

        public string Written { get; private set; }

        /// <summary>When set, writing device.cfg fails with this problem.</summary>
        public string WriteProblem { get; set; }

        public bool WifiWorks { get; set; }

        public string JoinedSsid { get; private set; }

        public string JoinedPassword { get; private set; }

        public string WriteDeviceConfig(string text)
        {
            if (WriteProblem != null)
            {
                return WriteProblem;
            }
            Written = text;
            return null;
        }

        public bool ConnectWifi(string ssid, string password)
        {
            JoinedSsid = ssid;
            JoinedPassword = password;
            return WifiWorks;
        }
    }
}
