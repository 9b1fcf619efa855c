using System.Diagnostics;
using Uitpas.Edge.Protocol.Snapshots;

using Uitpas.Edge.Snapshots.Tests.Infrastructure;

namespace Uitpas.Edge.Bench.Snapshots;

internal sealed record LookupFigures(double MeanReads, long MaxReads, double MeanBytes, long MaxBytes);

internal sealed record AllowlistFigures(
    int Social,
    int Blocked,
    long FileBytes,
    long SocialOnlyBytes,
    double BoundBytesPerCard,
    double BuildMs,
    double VerifyMs,
    LookupFigures Members,
    LookupFigures NonMembers,
    LookupFigures NearMisses,
    double LookupsPerSecond,
    long DeltaBytes,
    double DeltaApplyMs,
    bool DeltaIdentical,
    int Levels,
    int RootCacheBytes);

/// <summary>One allowlist size: build, lookups, 1% churn delta.</summary>
internal static class AllowlistBench
{
    private const int Samples = 20_000;

    public static AllowlistFigures Run(int social, int seed, IHmacSha256 hmac, byte[] key)
    {
        var random = new Random(seed);
        var taken = new HashSet<ulong>();
        ulong[] socialKeys = Cards.RandomKeys(random, social, taken);
        int blockedCount = social / 100;
        // Realistic blocked list: half of it social-tariff cards that were blocked, half others.
        ulong[] blocked = socialKeys.OrderBy(_ => random.Next()).Take(blockedCount / 2)
            .Concat(Cards.RandomKeys(random, blockedCount - blockedCount / 2, taken)).Order().ToArray();

        var clock = Stopwatch.StartNew();
        byte[] file = Cards.BuildFull(hmac, key, 1, blocked, socialKeys);
        double buildMs = clock.Elapsed.TotalMilliseconds;
        byte[] socialOnly = Cards.BuildFull(hmac, key, 1, [], socialKeys);

        clock.Restart();
        bool verified = SnapshotVerifier.TryVerify(new MemoryFlash(file), key, hmac, SnapshotKind.Allowlist,
            Cards.CardSystem, 0, out _, out string? reason);
        double verifyMs = clock.Elapsed.TotalMilliseconds;
        if (!verified)
        {
            throw new InvalidOperationException("bench file refused: " + reason);
        }

        var counting = new CountingFlash(new MemoryFlash(file));
        if (!AllowlistReader.TryOpen(counting, out AllowlistReader reader, out reason))
        {
            throw new InvalidOperationException("bench file not opened: " + reason);
        }
        var members = Enumerable.Range(0, Samples).Select(_ => Cards.Uid(socialKeys[random.Next(social)])).ToArray();
        var strangers = Cards.RandomKeys(random, Samples, taken).Select(Cards.Uid).ToArray();
        var near = Enumerable.Range(0, Samples).Select(_ => NearMiss(socialKeys, random)).Select(Cards.Uid).ToArray();
        reader.Lookup(members[0]); // loads the root pages once
        LookupFigures memberFigures = Measure(reader, counting, members, expectSocial: true);
        LookupFigures strangerFigures = Measure(reader, counting, strangers, expectSocial: false);
        LookupFigures nearFigures = Measure(reader, counting, near, expectSocial: false);
        double perSecond = Rate(reader, members, strangers);

        (long deltaBytes, double applyMs, bool identical) = Churn(hmac, key, random, taken, file, blocked, socialKeys);
        return new AllowlistFigures(social, blockedCount, file.Length, socialOnly.Length, BoundBytesPerCard(social),
            buildMs, verifyMs, memberFigures, strangerFigures, nearFigures, perSecond, deltaBytes, applyMs, identical,
            reader.SocialTariff.Section(UidClass.Nxp7).Levels, reader.Blocked.CachedBytes + reader.SocialTariff.CachedBytes);
    }

    /// <summary>log2(C(2^48, n)) / n / 8: the fewest bytes per card any exact encoding of n random keys can average.</summary>
    public static double BoundBytesPerCard(int n)
    {
        double universe = Math.Pow(2, 48);
        double bits = 0;
        for (int i = 0; i < n; i++)
        {
            bits += Math.Log2((universe - i) / (n - i));
        }
        return bits / n / 8;
    }

    private static ulong NearMiss(ulong[] keys, Random random)
    {
        while (true)
        {
            int at = random.Next(keys.Length);
            ulong candidate = random.Next(2) == 0 ? keys[at] + 1 : keys[at] - 1;
            if (candidate <= 0xFFFF_FFFF_FFFFUL && Array.BinarySearch(keys, candidate) < 0)
            {
                return candidate;
            }
        }
    }

    private static LookupFigures Measure(AllowlistReader reader, CountingFlash flash, byte[][] uids, bool expectSocial)
    {
        long totalReads = 0, totalBytes = 0, maxReads = 0, maxBytes = 0;
        foreach (byte[] uid in uids)
        {
            flash.Reads = 0;
            flash.BytesRead = 0;
            bool social = (reader.Lookup(uid) & CardStatus.SocialTariff) != 0;
            if (social != expectSocial)
            {
                throw new InvalidOperationException("wrong lookup answer");
            }
            totalReads += flash.Reads;
            totalBytes += flash.BytesRead;
            maxReads = Math.Max(maxReads, flash.Reads);
            maxBytes = Math.Max(maxBytes, flash.BytesRead);
        }
        return new LookupFigures((double)totalReads / uids.Length, maxReads, (double)totalBytes / uids.Length, maxBytes);
    }

    private static double Rate(AllowlistReader reader, byte[][] members, byte[][] strangers)
    {
        const int rounds = 5;
        var clock = Stopwatch.StartNew();
        int hits = 0;
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < members.Length; i++)
            {
                hits += (int)reader.Lookup(members[i]);
                hits += (int)reader.Lookup(strangers[i]);
            }
        }
        GC.KeepAlive(hits);
        return rounds * 2.0 * members.Length / clock.Elapsed.TotalSeconds;
    }

    /// <summary>0.5% of the social cards removed, 0.5% added, blocked list changed alike; delta built, applied, compared.</summary>
    private static (long Bytes, double ApplyMs, bool Identical) Churn(IHmacSha256 hmac, byte[] key, Random random,
        HashSet<ulong> taken, byte[] baseFile, ulong[] blocked, ulong[] social)
    {
        (ulong[] socialRemoved, ulong[] socialAdded, ulong[] socialNext) = Change(random, taken, social);
        (ulong[] blockedRemoved, ulong[] blockedAdded, ulong[] blockedNext) = Change(random, taken, blocked);
        byte[] full = Cards.BuildFull(hmac, key, 2, blockedNext, socialNext);
        byte[] tag = full[^SnapshotFormat.TagLength..];
        byte[] delta = Cards.BuildDelta(hmac, key, 1, 2, tag, blockedRemoved, blockedAdded, socialRemoved, socialAdded);

        var output = new MemoryFlashWriter();
        var clock = Stopwatch.StartNew();
        bool applied = AllowlistDelta.TryApply(new MemoryFlash(baseFile), new MemoryFlash(delta), key, hmac, output, out string? reason);
        double applyMs = clock.Elapsed.TotalMilliseconds;
        if (!applied)
        {
            throw new InvalidOperationException("bench delta refused: " + reason);
        }
        return (delta.Length, applyMs, output.ToArray().AsSpan().SequenceEqual(full));
    }

    private static (ulong[] Removed, ulong[] Added, ulong[] Next) Change(Random random, HashSet<ulong> taken, ulong[] keys)
    {
        int half = Math.Max(1, keys.Length / 200);
        ulong[] removed = keys.OrderBy(_ => random.Next()).Take(half).Order().ToArray();
        ulong[] added = Cards.RandomKeys(random, half, taken);
        ulong[] next = keys.Except(removed).Concat(added).Order().ToArray();
        return (removed, added, next);
    }
}
