using nanoFramework.Hardware.Esp32;
using Uitpas.Edge.Core.Diagnostics;

namespace Uitpas.Edge.Firmware.Adapters
{
    /// <summary>
    /// The managed heap's free bytes after a garbage collection (nanoFramework.Runtime.Native
    /// GC.Run(false): collect without compacting, a few ms). <see cref="NativeLine"/> adds the
    /// native heap (where mbedTLS keeps the TLS session) for the console.
    /// </summary>
    public sealed class NativeHeapProbe : IHeapProbe
    {
        public int FreeBytes()
        {
            uint free = nanoFramework.Runtime.Native.GC.Run(false);
            return free > int.MaxValue ? int.MaxValue : (int)free;
        }

        /// <summary>"[memory] native total=… free=… largest=…" (internal RAM).</summary>
        public static string NativeLine()
        {
            uint total;
            uint free;
            uint largest;
            NativeMemory.GetMemoryInfo(NativeMemory.MemoryType.Internal, out total, out free, out largest);
            return "[memory] native total=" + total + " free=" + free + " largest=" + largest;
        }
    }
}
