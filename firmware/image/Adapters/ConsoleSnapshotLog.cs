using Uitpas.Edge.Core.Snapshots;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>The snapshot updater's lines on the serial console (as the rest of the device's log).</summary>
    public sealed class ConsoleSnapshotLog : ISnapshotLog
    {
        public void Write(string line)
        {
            System.Console.WriteLine(line);
        }
    }
}
