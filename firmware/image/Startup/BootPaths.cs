namespace Uitpas.Edge.Firmware.Startup
{
    /// <summary>Where the terminal keeps its files: the ESP32's internal flash file system, drive I:.</summary>
    public static class BootPaths
    {
        public const string Drive = "I:\\";
        public const string ConfigPath = "I:\\device.cfg";
        public const string JournalPath = "I:\\journal.bin";
        public const string BlobDirectory = "I:\\";
    }
}
