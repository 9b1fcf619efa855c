using Uitpas.Edge.Protocol.Snapshots;

using Uitpas.Edge.Snapshots.Tests.Infrastructure;

namespace Uitpas.Edge.Bench.Snapshots;

/// <summary>Random 7-byte NXP UIDs (04 · 6 random bytes), held as their 48-bit keys.</summary>
internal static class Cards
{
    public static ulong[] RandomKeys(Random random, int count, HashSet<ulong> taken)
    {
        var keys = new ulong[count];
        for (int i = 0; i < count;)
        {
            ulong key = (ulong)random.NextInt64() & 0xFFFF_FFFF_FFFFUL;
            if (taken.Add(key))
            {
                keys[i++] = key;
            }
        }
        Array.Sort(keys);
        return keys;
    }

    public static byte[] Uid(ulong key)
    {
        var uid = new byte[7];
        uid[0] = UidClass.NxpManufacturer;
        UidClass.NumberToKey(key, uid, 1, 6);
        return uid;
    }

    /// <summary>A full allowlist of sorted keys; returns the file and its tag.</summary>
    public static byte[] BuildFull(IHmacSha256 hmac, byte[] key, uint version, ulong[] blocked, ulong[] social)
    {
        var output = new MemoryFlashWriter();
        var writer = new AllowlistWriter(output, hmac, key, CardSystem, version, CreatedAt(version));
        foreach (ulong k in blocked)
        {
            writer.AddBlocked(Uid(k));
        }
        foreach (ulong k in social)
        {
            writer.AddSocialTariff(Uid(k));
        }
        writer.Finish();
        return output.ToArray();
    }

    public static byte[] BuildDelta(IHmacSha256 hmac, byte[] key, uint baseVersion, uint version, byte[] resultTag,
        ulong[] blockedRemoved, ulong[] blockedAdded, ulong[] socialRemoved, ulong[] socialAdded)
    {
        var output = new MemoryFlashWriter();
        var writer = new AllowlistDeltaWriter(output, hmac, key, CardSystem, baseVersion, version, CreatedAt(version));
        AddAll(writer, AllowlistDeltaWriter.BlockedRemoved, blockedRemoved);
        AddAll(writer, AllowlistDeltaWriter.BlockedAdded, blockedAdded);
        AddAll(writer, AllowlistDeltaWriter.SocialTariffRemoved, socialRemoved);
        AddAll(writer, AllowlistDeltaWriter.SocialTariffAdded, socialAdded);
        writer.Finish(resultTag);
        return output.ToArray();
    }

    public const uint CardSystem = 12;

    public static long CreatedAt(uint version) => 1_763_900_000_000L + version * 60_000L;

    private static void AddAll(AllowlistDeltaWriter writer, int list, ulong[] keys)
    {
        foreach (ulong k in keys)
        {
            writer.Add(list, Uid(k));
        }
    }
}
