using Uitpas.Edge.Core.Diagnostics;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>A heap that reports what the test sets, and counts how often it was measured (each a GC on the device).</summary>
    public sealed class DiagnosticsFakeHeapProbe : IHeapProbe
    {
        public DiagnosticsFakeHeapProbe(int freeBytes)
        {
            Free = freeBytes;
        }

        public int Free { get; set; }

        public int Measured { get; private set; }

        public int FreeBytes()
        {
            Measured++;
            return Free;
        }
    }
}
