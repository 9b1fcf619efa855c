namespace Uitpas.Edge.Core.Diagnostics
{
    /// <summary>One line for the device's log (the serial console on the ESP32), e.g. "[wifi] lost".</summary>
    public interface ILineLog
    {
        void Write(string line);
    }
}
