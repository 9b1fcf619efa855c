using Uitpas.Edge.Core.Configuration;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>Every report on a pushed configuration on the serial console (as the rest of the device's log).</summary>
    public sealed class ConsoleConfigLog : IConfigLog
    {
        public void Reported(ConfigReport report)
        {
            if (report.IsRefused)
            {
                System.Console.WriteLine("[config] version " + report.Version + " refused (" + report.Reason + "): " + report.Detail
                    + "; version " + report.Applied + " stays in use");
            }
            else
            {
                System.Console.WriteLine("[config] version " + report.Applied + " in use");
            }
        }
    }
}
