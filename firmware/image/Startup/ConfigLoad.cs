using System.IO;
using Uitpas.Edge.Core.Diagnostics;
using Uitpas.Edge.Core.Provisioning;

namespace Uitpas.Edge.Firmware.Startup
{
    /// <summary>Step 3: who the terminal is (device.cfg, written by `uitpas-edge device provision`).</summary>
    public static class ConfigLoad
    {
        /// <summary>The provisioned settings, or null (said on <paramref name="log"/> when given) when the file is missing or not usable.</summary>
        public static DeviceConfig Run(ILineLog log)
        {
            try
            {
                if (!File.Exists(BootPaths.ConfigPath))
                {
                    Say(log, "[setup] " + BootPaths.ConfigPath + " missing: provision this terminal (uitpas-edge device provision)");
                    return null;
                }
                string error;
                DeviceConfig config = DeviceConfig.Parse(File.ReadAllText(BootPaths.ConfigPath), out error);
                if (config == null)
                {
                    Say(log, "[setup] " + BootPaths.ConfigPath + " is not usable: " + error);
                }
                return config;
            }
            catch (System.Exception e)
            {
                Say(log, "[setup] " + BootPaths.ConfigPath + " could not be read: " + e.Message);
                return null;
            }
        }

        private static void Say(ILineLog log, string line)
        {
            if (log != null)
            {
                log.Write(line);
            }
        }
    }
}
