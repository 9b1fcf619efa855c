using Uitpas.Edge.Core.Snapshots;

namespace Uitpas.Edge.VirtualTerminal.Snapshots;

/// <summary>The snapshot updater's log lines as an event (the console, the demo, a test).</summary>
public sealed class EventSnapshotLog(Action<string> write) : ISnapshotLog
{
    public void Write(string line) => write(line);
}
