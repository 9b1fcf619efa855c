namespace Uitpas.Edge.Protocol
{
    /// <summary>
    /// MQTT topic names of protocol v1 (docs/protocol.md). Every terminal owns the subtree
    /// <c>uitpas/v1/t/{deviceId}/</c>; the agent reads taps with the wildcard subscription.
    /// </summary>
    public static class Topics
    {
        public const string Version = "v1";
        public const string Root = "uitpas/v1/";
        public const string TerminalPrefix = "uitpas/v1/t/";

        public const string TapSuffix = "tap";
        public const string ResultSuffix = "result";
        public const string StatusSuffix = "status";

        /// <summary>The desired configuration the agent pushes to one terminal (retained, signed with the device's key).</summary>
        public const string ConfigSuffix = "config";

        /// <summary>The terminal's report on the last configuration it was given (retained): applied or refused, and why.</summary>
        public const string ConfigStateSuffix = "config-state";

        /// <summary>What the agent subscribes to for every terminal's taps.</summary>
        public const string AllTaps = "uitpas/v1/t/+/tap";

        public static string Tap(string deviceId)
        {
            return TerminalPrefix + deviceId + "/" + TapSuffix;
        }

        public static string Result(string deviceId)
        {
            return TerminalPrefix + deviceId + "/" + ResultSuffix;
        }

        public static string Status(string deviceId)
        {
            return TerminalPrefix + deviceId + "/" + StatusSuffix;
        }

        public static string Config(string deviceId)
        {
            return TerminalPrefix + deviceId + "/" + ConfigSuffix;
        }

        public static string ConfigState(string deviceId)
        {
            return TerminalPrefix + deviceId + "/" + ConfigStateSuffix;
        }

        /// <summary>
        /// Splits <c>uitpas/v1/t/{deviceId}/{suffix}</c>. Returns false for any other shape
        /// or an invalid device id.
        /// </summary>
        public static bool TryParseTerminalTopic(string topic, out string deviceId, out string suffix)
        {
            deviceId = null;
            suffix = null;
            if (topic == null || !topic.StartsWith(TerminalPrefix))
            {
                return false;
            }
            int slash = topic.IndexOf('/', TerminalPrefix.Length);
            if (slash < 0 || slash == topic.Length - 1 || topic.IndexOf('/', slash + 1) >= 0)
            {
                return false;
            }
            string id = topic.Substring(TerminalPrefix.Length, slash - TerminalPrefix.Length);
            if (!DeviceIds.IsValid(id))
            {
                return false;
            }
            deviceId = id;
            suffix = topic.Substring(slash + 1);
            return true;
        }
    }
}
