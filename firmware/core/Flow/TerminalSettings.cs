using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Core.Flow
{
    /// <summary>What a terminal needs to know about itself; validated before the flow starts.</summary>
    public sealed class TerminalSettings
    {
        public TerminalSettings(string deviceId)
        {
            DeviceId = deviceId;
            Language = "nl";
            ResultTimeoutMs = 3000;
            ResultShownMs = 4000;
            RetapWindowMs = 3000;
            ReplayIntervalMs = 30000;
        }

        public string DeviceId { get; }

        /// <summary>"nl" (default), "fr" or "en".</summary>
        public string Language { get; set; }

        /// <summary>How long the terminal waits for the answer to a live tap before saying it kept the tap.</summary>
        public int ResultTimeoutMs { get; set; }

        /// <summary>How long an outcome stays on screen before the terminal invites the next tap.</summary>
        public int ResultShownMs { get; set; }

        /// <summary>The same card again within this time after it left the field is a bounce, not a tap.</summary>
        public int RetapWindowMs { get; set; }

        /// <summary>How often a journaled tap without an answer is sent again while connected.</summary>
        public int ReplayIntervalMs { get; set; }

        /// <summary>Null when usable, otherwise what is wrong.</summary>
        public string Validate()
        {
            if (!DeviceIds.IsValid(DeviceId)) return "device id must be 1-32 characters of a-z, 0-9 and '-'";
            if (Language != "nl" && Language != "fr" && Language != "en") return "language must be nl, fr or en";
            if (ResultTimeoutMs < 100 || ResultTimeoutMs > 60000) return "result timeout must be 100-60000 ms";
            if (ResultShownMs < 500 || ResultShownMs > 60000) return "result display time must be 500-60000 ms";
            if (RetapWindowMs < 0 || RetapWindowMs > 600000) return "re-tap window must be 0-600000 ms";
            if (ReplayIntervalMs < 1000) return "replay interval must be at least 1000 ms";
            return null;
        }
    }
}
