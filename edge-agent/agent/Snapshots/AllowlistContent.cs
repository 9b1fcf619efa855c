using System.Security.Cryptography;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>
/// The membership of an allowlist: blocked and social-tariff UIDs, each sorted in snapshot order
/// (class, then key) without duplicates, as the protocol's writers want them.
/// </summary>
public sealed class AllowlistContent
{
    private static readonly Comparer<byte[]> SnapshotOrder = Comparer<byte[]>.Create(UidClass.CompareUids);

    private AllowlistContent(byte[][] blocked, byte[][] socialTariff)
    {
        Blocked = blocked;
        SocialTariff = socialTariff;
    }

    /// <summary>Blocked cards, sorted.</summary>
    public IReadOnlyList<byte[]> Blocked { get; }

    /// <summary>Social-tariff cards, sorted.</summary>
    public IReadOnlyList<byte[]> SocialTariff { get; }

    /// <summary>Sorts and deduplicates the two sets; UIDs of no valid length are left out.</summary>
    public static AllowlistContent From(IEnumerable<byte[]> blocked, IEnumerable<byte[]> socialTariff) =>
        new(Normalize(blocked), Normalize(socialTariff));

    /// <summary>Reads the membership back from a full allowlist file; null (with the reason) when it cannot be read.</summary>
    public static AllowlistContent? Read(IFlashReader file, out string? reason)
    {
        if (!SnapshotHeader.TryRead(file, out var header, out reason) || !AllowlistFormat.TryReadDirectory(file, header, out var lists, out reason))
        {
            return null;
        }
        if (header.Kind != SnapshotKind.Allowlist || header.IsDelta)
        {
            reason = "not a full allowlist";
            return null;
        }
        var sets = new byte[AllowlistFormat.FullLists][][];
        for (var list = 0; list < AllowlistFormat.FullLists; list++)
        {
            var uids = new List<byte[]>();
            for (var c = 1; c <= UidClass.Count; c++)
            {
                var cursor = new UidSectionCursor(file, header.PayloadOffset, lists[list][c - 1]);
                while (cursor.MoveNext())
                {
                    uids.Add(UidClass.ToUid(c, cursor.Key, 0));
                }
                if (cursor.Error is not null)
                {
                    reason = cursor.Error;
                    return null;
                }
            }
            sets[list] = [.. uids];
        }
        reason = null;
        return new AllowlistContent(sets[AllowlistFormat.BlockedList], sets[AllowlistFormat.SocialTariffList]);
    }

    /// <summary>SHA-256 of the membership: equal hashes, equal allowlists.</summary>
    public byte[] Hash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, set) in new[] { ("blocked", Blocked), ("social", SocialTariff) })
        {
            hash.AppendData(System.Text.Encoding.ASCII.GetBytes(name + ":" + set.Count + ";"));
            foreach (var uid in set)
            {
                hash.AppendData([(byte)uid.Length]);
                hash.AppendData(uid);
            }
        }
        return hash.GetHashAndReset();
    }

    /// <summary>Writes the full allowlist; returns its tag.</summary>
    public byte[] WriteFull(IFlashWriter output, byte[] key, uint cardSystemId, uint version, long createdAtUnixMs)
    {
        var writer = new AllowlistWriter(output, NetHmacSha256.Instance, key, cardSystemId, version, createdAtUnixMs);
        foreach (var uid in Blocked)
        {
            writer.AddBlocked(uid);
        }
        foreach (var uid in SocialTariff)
        {
            writer.AddSocialTariff(uid);
        }
        return writer.Finish();
    }

    /// <summary>Writes the delta from <paramref name="previous"/> to this content; <paramref name="resultTag"/> is this version's full file tag.</summary>
    public byte[] WriteDelta(AllowlistContent previous, IFlashWriter output, byte[] key, uint cardSystemId, uint baseVersion, uint version,
        long createdAtUnixMs, byte[] resultTag)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var writer = new AllowlistDeltaWriter(output, NetHmacSha256.Instance, key, cardSystemId, baseVersion, version, createdAtUnixMs);
        AddAll(writer, AllowlistDeltaWriter.BlockedRemoved, Except(previous.Blocked, Blocked));
        AddAll(writer, AllowlistDeltaWriter.BlockedAdded, Except(Blocked, previous.Blocked));
        AddAll(writer, AllowlistDeltaWriter.SocialTariffRemoved, Except(previous.SocialTariff, SocialTariff));
        AddAll(writer, AllowlistDeltaWriter.SocialTariffAdded, Except(SocialTariff, previous.SocialTariff));
        return writer.Finish(resultTag);
    }

    /// <summary>The members of sorted <paramref name="a"/> not in sorted <paramref name="b"/>, in order.</summary>
    private static IEnumerable<byte[]> Except(IReadOnlyList<byte[]> a, IReadOnlyList<byte[]> b)
    {
        var j = 0;
        foreach (var uid in a)
        {
            while (j < b.Count && UidClass.CompareUids(b[j], uid) < 0)
            {
                j++;
            }
            if (j >= b.Count || UidClass.CompareUids(b[j], uid) != 0)
            {
                yield return uid;
            }
        }
    }

    private static void AddAll(AllowlistDeltaWriter writer, int list, IEnumerable<byte[]> uids)
    {
        foreach (var uid in uids)
        {
            writer.Add(list, uid);
        }
    }

    private static byte[][] Normalize(IEnumerable<byte[]> uids)
    {
        var sorted = uids.Where(u => UidClass.Of(u) != 0).ToArray();
        Array.Sort(sorted, SnapshotOrder);
        var unique = new List<byte[]>(sorted.Length);
        foreach (var uid in sorted)
        {
            if (unique.Count == 0 || UidClass.CompareUids(unique[^1], uid) != 0)
            {
                unique.Add(uid);
            }
        }
        return [.. unique];
    }
}
