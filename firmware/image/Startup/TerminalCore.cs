using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Snapshots;

namespace Uitpas.Edge.Firmware.Startup
{
    /// <summary>The running core as the main loop needs it.</summary>
    public sealed class TerminalCore
    {
        public TerminalCore(TapFlow flow, TerminalSettings settings, SnapshotUpdater snapshots)
        {
            Flow = flow;
            Settings = settings;
            Snapshots = snapshots;
        }

        public TapFlow Flow { get; }

        public TerminalSettings Settings { get; }

        /// <summary>Null when the terminal is not provisioned for snapshots.</summary>
        public SnapshotUpdater Snapshots { get; }

        public uint AllowlistVersion
        {
            get { return Snapshots == null ? 0 : Snapshots.AllowlistVersion; }
        }
    }
}
