namespace Uitpas.Edge.Protocol.Distribution
{
    /// <summary>
    /// MQTT topics of snapshot distribution v1 (docs/protocol.md, "Snapshot distribution (v1)"):
    /// <code>
    /// uitpas/v1/cs/{cs}/allowlist            retained allowlist manifest of card system cs (agent)
    /// uitpas/v1/t/{deviceId}/events           retained events manifest of one terminal (agent)
    /// uitpas/v1/t/{deviceId}/snapshot/get     chunk request (terminal → agent)
    /// uitpas/v1/t/{deviceId}/snapshot/chunk   chunk answer (agent → terminal)
    /// uitpas/v1/t/{deviceId}/snapshot/applied retained applied/refused report (terminal → agent)
    /// </code>
    /// </summary>
    public static class DistributionTopics
    {
        public const string CardSystemPrefix = "uitpas/v1/cs/";
        public const string AllowlistSuffix = "allowlist";
        public const string EventsSuffix = "events";
        public const string GetSuffix = "snapshot/get";
        public const string ChunkSuffix = "snapshot/chunk";
        public const string AppliedSuffix = "snapshot/applied";

        /// <summary>What the agent subscribes to for every terminal's chunk requests.</summary>
        public const string AllChunkRequests = "uitpas/v1/t/+/snapshot/get";

        /// <summary>What the agent subscribes to for every terminal's applied reports.</summary>
        public const string AllAppliedReports = "uitpas/v1/t/+/snapshot/applied";

        public static string Allowlist(uint cardSystemId)
        {
            return CardSystemPrefix + cardSystemId.ToString() + "/" + AllowlistSuffix;
        }

        public static string Events(string deviceId)
        {
            return Topics.TerminalPrefix + deviceId + "/" + EventsSuffix;
        }

        public static string Get(string deviceId)
        {
            return Topics.TerminalPrefix + deviceId + "/" + GetSuffix;
        }

        public static string Chunk(string deviceId)
        {
            return Topics.TerminalPrefix + deviceId + "/" + ChunkSuffix;
        }

        public static string Applied(string deviceId)
        {
            return Topics.TerminalPrefix + deviceId + "/" + AppliedSuffix;
        }

        /// <summary>Splits <c>uitpas/v1/cs/{cs}/allowlist</c>; false for any other shape.</summary>
        public static bool TryParseAllowlist(string topic, out uint cardSystemId)
        {
            cardSystemId = 0;
            if (topic == null || !topic.StartsWith(CardSystemPrefix))
            {
                return false;
            }
            int slash = topic.IndexOf('/', CardSystemPrefix.Length);
            if (slash < 0 || topic.Substring(slash + 1) != AllowlistSuffix)
            {
                return false;
            }
            return TextFields.TryParseUInt32(topic.Substring(CardSystemPrefix.Length, slash - CardSystemPrefix.Length), out cardSystemId)
                && cardSystemId != 0;
        }

        /// <summary>
        /// Splits <c>uitpas/v1/t/{deviceId}/{suffix}</c> where suffix is one of the distribution
        /// suffixes (<c>events</c>, <c>snapshot/get</c>, <c>snapshot/chunk</c>, <c>snapshot/applied</c>).
        /// </summary>
        public static bool TryParseTerminal(string topic, out string deviceId, out string suffix)
        {
            deviceId = null;
            suffix = null;
            if (topic == null || !topic.StartsWith(Topics.TerminalPrefix))
            {
                return false;
            }
            int slash = topic.IndexOf('/', Topics.TerminalPrefix.Length);
            if (slash < 0)
            {
                return false;
            }
            string id = topic.Substring(Topics.TerminalPrefix.Length, slash - Topics.TerminalPrefix.Length);
            string rest = topic.Substring(slash + 1);
            if (!DeviceIds.IsValid(id))
            {
                return false;
            }
            if (rest != EventsSuffix && rest != GetSuffix && rest != ChunkSuffix && rest != AppliedSuffix)
            {
                return false;
            }
            deviceId = id;
            suffix = rest;
            return true;
        }
    }
}
