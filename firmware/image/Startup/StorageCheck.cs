using System.IO;
using Uitpas.Edge.Core.Diagnostics;
using Uitpas.Edge.Core.Startup;
using Uitpas.Edge.Firmware.Adapters;

namespace Uitpas.Edge.Firmware.Startup
{
    /// <summary>
    /// Step 2: the internal flash drive I: is mounted and takes a write (the journal and the
    /// configuration live there). Without it no tap could be kept: the screen says so and the
    /// terminal reboots after <see cref="RetryAfterMs"/> (a mount can succeed on the next boot).
    /// </summary>
    public static class StorageCheck
    {
        public const int RetryAfterMs = 30000;
        private const string ProbeName = "storage-check";

        public static bool Run(DeviceUi ui, TickClock ticks, ILineLog log)
        {
            string problem = Problem();
            if (problem == null)
            {
                return true;
            }
            log.Write("[storage] " + BootPaths.Drive + " " + problem + ": rebooting in " + RetryAfterMs / 1000 + " s");
            ui.Show(BootScreens.Dutch.StorageFailed());
            Pause.For(ui, ticks, RetryAfterMs);
            return false;
        }

        private static string Problem()
        {
            try
            {
                if (!Directory.Exists(BootPaths.Drive))
                {
                    return "is not mounted";
                }
                FlashBlobStore blobs = new FlashBlobStore(BootPaths.BlobDirectory);
                byte[] probe = new byte[] { 0x55, 0xAA };
                blobs.Write(ProbeName, probe);
                byte[] back = blobs.Read(ProbeName);
                return back != null && back.Length == 2 && back[0] == 0x55 && back[1] == 0xAA ? null : "does not read back what was written";
            }
            catch (System.Exception e)
            {
                return "failed: " + e.Message;
            }
        }
    }
}
