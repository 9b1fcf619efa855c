namespace Uitpas.Edge.Core.Diagnostics
{
    /// <summary>The moments the firmware measures its free heap at (docs/firmware.md, "Memory budget").</summary>
    public static class MemoryPhase
    {
        /// <summary>Main() entered: the runtime and the assemblies are loaded, nothing of ours built yet.</summary>
        public const int Boot = 0;

        /// <summary>The core is running and the MQTT session is up: WiFi joined, clock set, TLS and MQTT connected.</summary>
        public const int Connected = 1;

        /// <summary>Nothing happening: the steady state, every few minutes.</summary>
        public const int Idle = 2;

        /// <summary>Right after a tap was decided (the allowlist and events lookups).</summary>
        public const int Lookup = 3;

        /// <summary>While journaled taps are being replayed to the agent.</summary>
        public const int Replay = 4;

        /// <summary>Right after a snapshot was installed (a delta applied or a full file verified).</summary>
        public const int SnapshotApply = 5;

        public const int Count = 6;

        public static string NameOf(int phase)
        {
            switch (phase)
            {
                case Boot: return "boot";
                case Connected: return "connected";
                case Idle: return "idle";
                case Lookup: return "lookup";
                case Replay: return "replay";
                case SnapshotApply: return "snapshot-apply";
                default: return "phase-" + phase;
            }
        }
    }
}
