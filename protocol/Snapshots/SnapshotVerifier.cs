namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Decides whether a received snapshot file may replace the one in use. The tag is checked
    /// first (a damaged, truncated or forged file is refused as "tag mismatch", with the framing
    /// problem when there is one), then kind, card system, delta base and version. Refusals come
    /// with a reason for the log; the caller keeps the current file. Never throws on bad input.
    /// Working set: the 4 KB tag buffer (<see cref="SnapshotTag"/>).
    /// </summary>
    public static class SnapshotVerifier
    {
        /// <param name="file">The received file.</param>
        /// <param name="key">The card system's snapshot key (docs/protocol.md, "Snapshots (v1)").</param>
        /// <param name="expectedKind">A <see cref="SnapshotKind"/>.</param>
        /// <param name="cardSystemId">The terminal's card system.</param>
        /// <param name="installedVersion">Version of the snapshot of this kind in use; 0 = none.</param>
        public static bool TryVerify(IFlashReader file, byte[] key, IHmacSha256 hmac, int expectedKind,
            uint cardSystemId, uint installedVersion, out SnapshotHeader header, out string reason)
        {
            header = null;
            if (key == null || key.Length == 0 || hmac == null)
            {
                reason = "no snapshot key: the terminal is not provisioned for snapshots";
                return false;
            }
            long length = file == null ? 0 : file.Length;
            if (length < SnapshotFormat.MinFileLength)
            {
                reason = "truncated: " + length + " bytes, a snapshot has at least " + SnapshotFormat.MinFileLength;
                return false;
            }
            // The tag is checked before any header field is believed: a damaged or forged file is
            // refused as such, whatever its header claims.
            SnapshotHeader read;
            string framing;
            bool framed = SnapshotHeader.TryRead(file, out read, out framing);
            if (!HasValidTag(file, key, hmac))
            {
                reason = framed
                    ? "tag mismatch: the file is corrupted or not signed with this card system's key"
                    : framing + "; tag mismatch";
                return false;
            }
            if (!framed)
            {
                reason = framing;
                return false;
            }
            if (read.Kind != expectedKind)
            {
                reason = "wrong kind: " + read.Kind + ", expected " + expectedKind;
                return false;
            }
            if (read.CardSystemId != cardSystemId)
            {
                reason = "wrong card system: " + read.CardSystemId + ", this terminal's is " + cardSystemId;
                return false;
            }
            if (read.IsDelta && read.BaseVersion != installedVersion)
            {
                reason = "delta base mismatch: the delta applies to version " + read.BaseVersion
                    + ", the installed version is " + installedVersion;
                return false;
            }
            if (read.Version <= installedVersion)
            {
                reason = "older than current: version " + read.Version + " is not newer than the installed " + installedVersion;
                return false;
            }
            header = read;
            reason = null;
            return true;
        }

        /// <summary>True when the file's last 32 bytes are the tag of all bytes before them.</summary>
        public static bool HasValidTag(IFlashReader file, byte[] key, IHmacSha256 hmac)
        {
            if (file == null || key == null || key.Length == 0 || hmac == null)
            {
                return false;
            }
            long covered = file.Length - SnapshotFormat.TagLength;
            if (covered < SnapshotFormat.HeaderLength)
            {
                return false;
            }
            byte[] stored = new byte[SnapshotFormat.TagLength];
            if (!FlashIo.ReadExactly(file, covered, stored, 0, stored.Length))
            {
                return false;
            }
            SnapshotTag tag = new SnapshotTag(hmac, key);
            if (!tag.AppendFrom(file, 0, covered))
            {
                return false;
            }
            return SnapshotTag.AreEqual(tag.Finish(), 0, stored, 0);
        }
    }
}
