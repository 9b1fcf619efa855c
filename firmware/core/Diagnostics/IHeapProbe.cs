namespace Uitpas.Edge.Core.Diagnostics
{
    /// <summary>The managed heap's free bytes (on the device after a garbage collection: nanoFramework's GC.Run).</summary>
    public interface IHeapProbe
    {
        int FreeBytes();
    }
}
