namespace Uitpas.Edge.Protocol.Snapshots
{
    /// <summary>
    /// Applies an allowlist delta on the terminal: streams the current full allowlist and the
    /// delta into a new full allowlist, list by list and class by class, as a merge of sorted
    /// streams: new = (current − removed) ∪ added. RAM: three cursors (about 1 KB each), the
    /// section writer's gaps (512 B) and one page per tree level (≤ 321 B each for 04… UIDs), and
    /// the 4 KB tag buffer: about 9 KB. The result must carry the tag the delta announces, i.e. be
    /// byte-identical to the agent's full build of that version (same created-at).
    /// </summary>
    public static class AllowlistDelta
    {
        /// <param name="current">The full allowlist in use (verified earlier).</param>
        /// <param name="delta">The delta, verified with <see cref="SnapshotVerifier"/> against the current version.</param>
        /// <param name="output">A new, empty scratch file; on true the caller flushes it, checks it with
        /// <see cref="SnapshotVerifier"/> and replaces the current file atomically; on false deletes it.</param>
        public static bool TryApply(IFlashReader current, IFlashReader delta, byte[] key, IHmacSha256 hmac,
            IFlashWriter output, out string reason)
        {
            SnapshotHeader baseHeader;
            SnapshotHeader deltaHeader;
            SectionDescriptor[][] baseLists;
            SectionDescriptor[][] deltaLists;
            if (!SnapshotHeader.TryRead(current, out baseHeader, out reason)
                || !SnapshotHeader.TryRead(delta, out deltaHeader, out reason))
            {
                return false;
            }
            if (baseHeader.Kind != SnapshotKind.Allowlist || baseHeader.IsDelta
                || deltaHeader.Kind != SnapshotKind.Allowlist || !deltaHeader.IsDelta)
            {
                reason = "a delta applies an allowlist delta to a full allowlist";
                return false;
            }
            if (deltaHeader.CardSystemId != baseHeader.CardSystemId)
            {
                reason = "wrong card system: the delta is for " + deltaHeader.CardSystemId + ", the allowlist for " + baseHeader.CardSystemId;
                return false;
            }
            if (deltaHeader.BaseVersion != baseHeader.Version)
            {
                reason = "delta base mismatch: the delta applies to version " + deltaHeader.BaseVersion
                    + ", the installed version is " + baseHeader.Version;
                return false;
            }
            if (!AllowlistFormat.TryReadDirectory(current, baseHeader, out baseLists, out reason)
                || !AllowlistFormat.TryReadDirectory(delta, deltaHeader, out deltaLists, out reason))
            {
                return false;
            }
            byte[] expected = new byte[SnapshotFormat.TagLength];
            if (!FlashIo.ReadExactly(delta, deltaHeader.PayloadOffset + deltaHeader.PayloadLength - SnapshotFormat.TagLength, expected, 0, expected.Length))
            {
                reason = "truncated: the delta's result tag could not be read";
                return false;
            }
            byte[] produced;
            try
            {
                AllowlistWriter writer = new AllowlistWriter(output, hmac, key, deltaHeader.CardSystemId,
                    deltaHeader.Version, deltaHeader.CreatedAtUnixMs);
                for (int list = 0; list < AllowlistFormat.FullLists; list++)
                {
                    for (int c = 1; c <= UidClass.Count; c++)
                    {
                        reason = Merge(writer, list, c,
                            new UidSectionCursor(current, baseHeader.PayloadOffset, baseLists[list][c - 1]),
                            new UidSectionCursor(delta, deltaHeader.PayloadOffset, deltaLists[2 * list][c - 1]),
                            new UidSectionCursor(delta, deltaHeader.PayloadOffset, deltaLists[2 * list + 1][c - 1]));
                        if (reason != null)
                        {
                            return false;
                        }
                    }
                }
                produced = writer.Finish();
            }
            catch (System.Exception e)
            {
                reason = "the new allowlist could not be written: " + e.Message;
                return false;
            }
            if (!SnapshotTag.AreEqual(produced, 0, expected, 0))
            {
                reason = "delta result mismatch: the merged allowlist is not the one the agent built";
                return false;
            }
            reason = null;
            return true;
        }

        /// <summary>Merges one class of one list; null when done, else the reason it failed.</summary>
        private static string Merge(AllowlistWriter writer, int list, int uidClass,
            UidSectionCursor kept, UidSectionCursor removed, UidSectionCursor added)
        {
            int length = UidClass.KeyLength(uidClass);
            bool hasKept = kept.MoveNext();
            bool hasRemoved = removed.MoveNext();
            bool hasAdded = added.MoveNext();
            while (hasKept || hasAdded)
            {
                int cmp = !hasKept ? 1 : !hasAdded ? -1 : UidClass.CompareKeys(kept.Key, 0, added.Key, 0, length);
                if (cmp > 0)
                {
                    writer.AddKey(list, uidClass, added.Key, 0);
                    hasAdded = added.MoveNext();
                    continue;
                }
                if (cmp == 0)
                {
                    writer.AddKey(list, uidClass, kept.Key, 0);
                    hasAdded = added.MoveNext();
                }
                else
                {
                    while (hasRemoved && UidClass.CompareKeys(removed.Key, 0, kept.Key, 0, length) < 0)
                    {
                        hasRemoved = removed.MoveNext();
                    }
                    if (!hasRemoved || UidClass.CompareKeys(removed.Key, 0, kept.Key, 0, length) != 0)
                    {
                        writer.AddKey(list, uidClass, kept.Key, 0);
                    }
                }
                hasKept = kept.MoveNext();
            }
            string error = kept.Error ?? removed.Error ?? added.Error;
            return error == null ? null : "malformed payload: " + error;
        }
    }
}
