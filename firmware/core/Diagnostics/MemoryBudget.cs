namespace Uitpas.Edge.Core.Diagnostics
{
    /// <summary>
    /// The managed-heap budget of the terminal (docs/firmware.md, "Memory budget"). An ESP32
    /// without PSRAM gives nanoFramework about 90 KB of managed heap; TLS (mbedTLS) lives on the
    /// native heap and is not counted here. The phase figures are the least free heap the
    /// firmware expects at each phase: estimates until a board run prints the real ones
    /// (<see cref="HeapWatch"/> logs every phase). The per-operation figures are allocations
    /// measured on the host and kept by tests (MemoryBudgetTests).
    /// </summary>
    public static class MemoryBudget
    {
        public const int ManagedHeapBytes = 90 * 1024;

        /// <summary>
        /// Below this much free heap the terminal reboots in an orderly way between taps (journal
        /// flushed, goodbye sent) rather than fail in the middle of one: a tap needs a few KB
        /// (journal entry, encoded payload, MQTT publish, screen), a snapshot step up to 16 KB.
        /// </summary>
        public const int FloorBytes = 12 * 1024;

        /// <summary>The snapshot work's own budget on top of the idle heap (docs/protocol.md, "RAM on the terminal").</summary>
        public const int SnapshotWorkingSetBytes = 16 * 1024;

        /// <summary>An allowlist lookup allocates nothing once the readers are open (host-measured: 0 B).</summary>
        public const int AllowlistLookupAllocationBytes = 0;

        /// <summary>One tap decided from the snapshots: lookups, the event's period, the ledger (host-measured: 257 B).</summary>
        public const int LookupAllocationBytes = 512;

        /// <summary>Per journaled tap replayed: encoded, sent, its answer decoded and journaled (host-measured: 279 B).</summary>
        public const int ReplayAllocationBytesPerTap = 512;

        /// <summary>Per pending tap when the journal is opened at boot: recovery scan and window (host-measured: 99 B).</summary>
        public const int JournalOpenAllocationBytesPerTap = 256;

        private static readonly int[] MinFree = new int[]
        {
            74 * 1024, // boot: the runtime's and the assemblies' static data ≤ 16 KB
            50 * 1024, // connected: the core (journal window, snapshot readers, texts, font, frame buffer) ≤ 14 KB,
                       // the WiFi helper, M2Mqtt client and its threads ≤ 10 KB (the TLS session is on the native heap)
            48 * 1024, // idle: the same after the connect's garbage is gone, plus the inbound queue
            46 * 1024, // right after a lookup
            44 * 1024, // replaying: the client's outgoing queue
            40 * 1024, // right after a snapshot install (during it: up to 16 KB less)
        };

        /// <summary>The least free heap expected at <paramref name="phase"/> (a <see cref="MemoryPhase"/>).</summary>
        public static int MinFreeBytes(int phase)
        {
            return phase >= 0 && phase < MinFree.Length ? MinFree[phase] : FloorBytes;
        }
    }
}
