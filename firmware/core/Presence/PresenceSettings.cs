namespace Uitpas.Edge.Core.Presence
{
    /// <summary>What the terminal says about itself in its status, and how often it may say it again.</summary>
    public sealed class PresenceSettings
    {
        public PresenceSettings(string firmwareVersion, uint configVersion)
        {
            FirmwareVersion = firmwareVersion;
            ConfigVersion = configVersion;
            UrgentIntervalMs = 1000;
            RoutineIntervalMs = 30000;
            HeartbeatMs = 0;
        }

        /// <summary>The firmware's version (e.g. the assembly's informational version); ≤ 64 printable ASCII characters.</summary>
        public string FirmwareVersion { get; }

        /// <summary>The version of the configuration in use; 0 = as provisioned.</summary>
        public uint ConfigVersion { get; set; }

        /// <summary>Least time between two statuses when the reader's condition or a version changed.</summary>
        public int UrgentIntervalMs { get; set; }

        /// <summary>Least time between two statuses when only the journal depth, the last tap or a counter changed.</summary>
        public int RoutineIntervalMs { get; set; }

        /// <summary>A status at least this often while connected, changed or not; 0 = only on changes.</summary>
        public int HeartbeatMs { get; set; }

        /// <summary>Null when usable, otherwise what is wrong.</summary>
        public string Validate()
        {
            if (FirmwareVersion == null || FirmwareVersion.Length == 0 || FirmwareVersion.Length > 64) return "firmware version must be 1-64 characters";
            if (UrgentIntervalMs < 100 || UrgentIntervalMs > 600000) return "urgent status interval must be 100-600000 ms";
            if (RoutineIntervalMs < UrgentIntervalMs || RoutineIntervalMs > 3600000) return "routine status interval must be between the urgent interval and 3600000 ms";
            if (HeartbeatMs != 0 && (HeartbeatMs < RoutineIntervalMs || HeartbeatMs > 86400000)) return "status heartbeat must be 0 or between the routine interval and 86400000 ms";
            return null;
        }
    }
}
