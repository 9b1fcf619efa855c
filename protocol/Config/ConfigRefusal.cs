namespace Uitpas.Edge.Protocol.Config
{
    /// <summary>
    /// Why a terminal refused a pushed configuration (the <c>reason</c> line of its
    /// <see cref="ConfigReport"/>). Any refusal leaves the running settings and the stored
    /// document as they were (last good configuration).
    /// </summary>
    public static class ConfigRefusal
    {
        /// <summary>Unreadable: not UTF-8, longer than 1024 bytes, a malformed line, a missing or repeated field, another format version.</summary>
        public const string Format = "format";

        /// <summary>No <c>sig</c> line.</summary>
        public const string Unsigned = "unsigned";

        /// <summary>The HMAC does not match: tampered, or signed with another key.</summary>
        public const string Signature = "signature";

        /// <summary>The document names another device.</summary>
        public const string Device = "device";

        /// <summary>The version is older than the one in use.</summary>
        public const string Stale = "stale";

        /// <summary>The version in use again, with other bytes.</summary>
        public const string Replay = "replay";

        /// <summary>A setting the terminal does not know, or a value out of its range.</summary>
        public const string Invalid = "invalid";

        /// <summary>The terminal has no config key, so it cannot verify any document.</summary>
        public const string NoKey = "nokey";

        /// <summary>The document could not be persisted, or the stored one is corrupt.</summary>
        public const string Storage = "storage";

        public static bool IsKnown(string reason)
        {
            return reason == Format || reason == Unsigned || reason == Signature || reason == Device || reason == Stale
                || reason == Replay || reason == Invalid || reason == NoKey || reason == Storage;
        }
    }
}
