namespace Uitpas.Edge.Protocol.Distribution
{
    /// <summary>
    /// What a terminal applied or refused, retained on <c>…/snapshot/applied</c>:
    /// <c>kind=allowlist\nversion=7\nstatus=applied\n</c>, or
    /// <c>kind=allowlist\nversion=7\nstatus=refused\nreason=tag mismatch: …\nrefusedVersion=8\n</c>.
    /// <see cref="Version"/> is the version that stays in use (0: none). Since the topic is shared by
    /// both kinds, only the last report of either kind is retained; the agent keeps both.
    /// </summary>
    public sealed class AppliedReport
    {
        public const string Applied = "applied";
        public const string Refused = "refused";
        public const int MaxReasonLength = 200;
        public const int MaxLength = 512;

        public AppliedReport(int kind, uint version, string status, string reason, uint refusedVersion)
        {
            Kind = kind;
            Version = version;
            Status = status;
            Reason = reason;
            RefusedVersion = refusedVersion;
        }

        /// <summary>A <see cref="Uitpas.Edge.Protocol.Snapshots.SnapshotKind"/>.</summary>
        public int Kind { get; private set; }
        public uint Version { get; private set; }

        /// <summary><see cref="Applied"/> or <see cref="Refused"/>.</summary>
        public string Status { get; private set; }

        /// <summary>Why it was refused; null when applied.</summary>
        public string Reason { get; private set; }

        /// <summary>The version that was refused; 0 when applied or unknown.</summary>
        public uint RefusedVersion { get; private set; }

        public bool IsRefused
        {
            get { return Status == Refused; }
        }

        public static AppliedReport ForApplied(int kind, uint version)
        {
            return new AppliedReport(kind, version, Applied, null, 0);
        }

        public static AppliedReport ForRefused(int kind, uint versionInUse, uint refusedVersion, string reason)
        {
            return new AppliedReport(kind, versionInUse, Refused, TextFields.OneLine(reason, MaxReasonLength), refusedVersion);
        }

        public byte[] Encode()
        {
            string kind = SnapshotFileNames.KindName(Kind);
            if (kind == null || (Status != Applied && Status != Refused))
            {
                throw new System.ArgumentException("invalid applied report");
            }
            string text = "kind=" + kind + "\nversion=" + Version.ToString() + "\nstatus=" + Status + "\n";
            if (Status == Refused)
            {
                text = text + "reason=" + TextFields.OneLine(Reason, MaxReasonLength) + "\nrefusedVersion=" + RefusedVersion.ToString() + "\n";
            }
            return System.Text.Encoding.UTF8.GetBytes(text);
        }

        public static bool TryParse(byte[] payload, out AppliedReport report, out string error)
        {
            report = null;
            TextFields f;
            if (!TextFields.TryParse(payload, MaxLength, out f, out error))
            {
                error = "applied report: " + error;
                return false;
            }
            int kind = SnapshotFileNames.KindOf(f.Get("kind"));
            if (kind == 0)
            {
                error = "applied report: unknown kind";
                return false;
            }
            uint version;
            if (!TextFields.TryParseUInt32(f.Get("version"), out version))
            {
                error = "applied report: version missing or not a number";
                return false;
            }
            string status = f.Get("status");
            if (status == Applied)
            {
                report = ForApplied(kind, version);
                error = null;
                return true;
            }
            if (status != Refused)
            {
                error = "applied report: status is neither applied nor refused";
                return false;
            }
            uint refused = 0;
            string refusedText = f.Get("refusedVersion");
            if (refusedText != null && !TextFields.TryParseUInt32(refusedText, out refused))
            {
                error = "applied report: refusedVersion is not a number";
                return false;
            }
            string reason = f.Get("reason");
            report = new AppliedReport(kind, version, Refused, reason == null ? "" : TextFields.OneLine(reason, MaxReasonLength), refused);
            error = null;
            return true;
        }
    }
}
