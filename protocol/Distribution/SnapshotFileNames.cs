using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Protocol.Distribution
{
    /// <summary>
    /// Download ids of snapshot files: <c>al-{cs}-{v}</c> (full allowlist), <c>al-{cs}-{b}-{v}</c>
    /// (allowlist delta b → v), <c>ev-{deviceId}-{v}</c> (events snapshot of one terminal).
    /// Card systems and versions are decimal u32 without leading zeros.
    /// </summary>
    public static class SnapshotFileNames
    {
        public const int MaxLength = 64;

        public static string Allowlist(uint cardSystemId, uint version)
        {
            return "al-" + cardSystemId.ToString() + "-" + version.ToString();
        }

        public static string AllowlistDelta(uint cardSystemId, uint baseVersion, uint version)
        {
            return "al-" + cardSystemId.ToString() + "-" + baseVersion.ToString() + "-" + version.ToString();
        }

        public static string Events(string deviceId, uint version)
        {
            return "ev-" + deviceId + "-" + version.ToString();
        }

        /// <summary>
        /// True for 1–64 characters of <c>a-z 0-9 - . _</c>: safe as a file name, a URL segment and
        /// a chunk answer's name field. (Not a check of the naming scheme above.)
        /// </summary>
        public static bool IsValid(string name)
        {
            if (name == null || name.Length == 0 || name.Length > MaxLength || name[0] == '.')
            {
                return false;
            }
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
                if (!ok)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Parses an allowlist name: full (<paramref name="baseVersion"/> = 0) or delta.</summary>
        public static bool TryParseAllowlist(string name, out uint cardSystemId, out uint baseVersion, out uint version)
        {
            cardSystemId = 0;
            baseVersion = 0;
            version = 0;
            if (!IsValid(name) || !name.StartsWith("al-"))
            {
                return false;
            }
            string[] parts = name.Substring(3).Split(new char[] { '-' });
            if (parts.Length == 2)
            {
                return TextFields.TryParseUInt32(parts[0], out cardSystemId)
                    && TextFields.TryParseUInt32(parts[1], out version) && cardSystemId != 0 && version != 0;
            }
            if (parts.Length == 3)
            {
                return TextFields.TryParseUInt32(parts[0], out cardSystemId)
                    && TextFields.TryParseUInt32(parts[1], out baseVersion)
                    && TextFields.TryParseUInt32(parts[2], out version)
                    && cardSystemId != 0 && baseVersion != 0 && baseVersion < version;
            }
            return false;
        }

        /// <summary>The manifest <c>kind</c> value of a <see cref="SnapshotKind"/>.</summary>
        public static string KindName(int kind)
        {
            if (kind == SnapshotKind.Allowlist)
            {
                return "allowlist";
            }
            if (kind == SnapshotKind.Events)
            {
                return "events";
            }
            return null;
        }

        /// <summary>The <see cref="SnapshotKind"/> of a manifest <c>kind</c> value; 0 when unknown.</summary>
        public static int KindOf(string name)
        {
            if (name == "allowlist")
            {
                return SnapshotKind.Allowlist;
            }
            if (name == "events")
            {
                return SnapshotKind.Events;
            }
            return 0;
        }
    }
}
