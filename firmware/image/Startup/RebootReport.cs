using Uitpas.Edge.Core.Diagnostics;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Core.Watchdog;

namespace Uitpas.Edge.Firmware.Startup
{
    /// <summary>Step 4: when the terminal rebooted itself last time (watchdog, memory), the console says why, once.</summary>
    public static class RebootReport
    {
        public static void Print(IBlobStore blobs, ILineLog log)
        {
            try
            {
                RebootRecord last = RebootRecord.TakeUnreported(blobs);
                if (last != null)
                {
                    log.Write(last.Describe());
                }
            }
            catch (System.Exception e)
            {
                log.Write("[reboot] reboot.bin could not be read: " + e.Message);
            }
        }
    }
}
