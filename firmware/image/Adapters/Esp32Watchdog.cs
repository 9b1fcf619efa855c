using System.Threading;
using nanoFramework.Runtime.Native;
using Uitpas.Edge.Core.Diagnostics;
using Uitpas.Edge.Core.Storage;
using Uitpas.Edge.Core.Watchdog;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The managed watchdog (the nanoFramework API has none to reach the ESP32's hardware one):
    /// a timer checks the lanes every 2 s; when one has stalled it writes reboot.bin and
    /// reboots the device. The file is written on a thread of its own and given 3 s, so a hang
    /// inside the file system cannot keep the terminal from rebooting. Nothing acknowledged is
    /// lost: every tap is flushed to the journal before it is shown or sent.
    /// </summary>
    public sealed class Esp32Watchdog
    {
        public const int CheckIntervalMs = 2000;
        public const int RecordWriteLimitMs = 3000;

        private readonly LoopWatchdog _lanes;
        private readonly IBlobStore _blobs;
        private readonly long _bootMs;
        private readonly ILineLog _log;
        private Timer _timer;
        private int _rebooting;

        public Esp32Watchdog(LoopWatchdog lanes, IBlobStore blobs, long bootMs, ILineLog log)
        {
            _lanes = lanes;
            _blobs = blobs;
            _bootMs = bootMs;
            _log = log;
        }

        public void Start()
        {
            _timer = new Timer(Check, null, CheckIntervalMs, CheckIntervalMs);
        }

        /// <summary>Writes reboot.bin (reason, uptime) and reboots; used by the timer and by the loop's orderly reboot.</summary>
        public void Reboot(string reason)
        {
            if (Interlocked.Exchange(ref _rebooting, 1) == 1)
            {
                return;
            }
            long uptimeMs = System.Environment.TickCount64 - _bootMs;
            _log.Write("[reboot] " + reason + " after " + uptimeMs / 1000 + " s");
            IBlobStore blobs = _blobs;
            Thread writer = new Thread(() =>
            {
                try
                {
                    RebootRecord.Save(blobs, reason, uptimeMs);
                }
                catch (System.Exception)
                {
                    // the reboot matters more than its reason on flash
                }
            });
            writer.Start();
            writer.Join(RecordWriteLimitMs);
            Power.RebootDevice(RebootOption.NormalReboot);
        }

        private void Check(object state)
        {
            long now = System.Environment.TickCount64;
            int lane = _lanes.Check(now);
            if (lane >= 0)
            {
                Reboot("watchdog: " + _lanes.NameOf(lane) + " silent " + _lanes.SilentForMs(lane, now) / 1000 + " s");
            }
        }
    }
}
