namespace Uitpas.Edge.Firmware
{
    /// <summary>Facts about this build of the firmware.</summary>
    public static class FirmwareRelease
    {
        /// <summary>
        /// 2026-11-01 00:00 UTC: no earlier than this build, so a clock reading before it is not
        /// real time (the clock guard's lower bound; raise it with each release).
        /// </summary>
        public const long NotBeforeUnixMs = 1793491200000L;

        /// <summary>The version in the status messages: the assembly's version.</summary>
        public static string Version()
        {
            return typeof(FirmwareRelease).Assembly.GetName().Version.ToString();
        }
    }
}
