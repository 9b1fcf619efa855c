using Uitpas.Edge.Core.Diagnostics;
using Uitpas.Edge.Core.Snapshots;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>The device's log: one line per event on the serial console ("[wifi] lost", "[memory] idle free=…").</summary>
    public sealed class ConsoleLog : ILineLog, ISnapshotLog
    {
        public void Write(string line)
        {
            System.Console.WriteLine(line);
        }
    }
}
