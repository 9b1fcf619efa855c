using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Snapshots.Tests.Infrastructure;

/// <summary>Builds snapshot files in memory with the protocol's writers.</summary>
internal static class SnapshotFiles
{
    public const uint CardSystem = 12;

    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

    public static readonly byte[] OtherKey = Enumerable.Range(1, 32).Select(i => (byte)(i * 11)).ToArray();

    public static long CreatedAt(uint version) => 1_763_900_000_000L + version * 60_000L;

    public static byte[] Full(uint version, byte[][] blocked, byte[][] social, byte[]? key = null, uint cardSystem = CardSystem)
    {
        var output = new MemoryFlashWriter();
        var writer = new AllowlistWriter(output, HmacSha256Net.Instance, key ?? Key, cardSystem, version, CreatedAt(version));
        foreach (byte[] uid in blocked)
        {
            writer.AddBlocked(uid);
        }
        foreach (byte[] uid in social)
        {
            writer.AddSocialTariff(uid);
        }
        byte[] tag = writer.Finish();
        byte[] file = output.ToArray();
        Assert.Equal(tag, file[^SnapshotFormat.TagLength..]);
        return file;
    }

    public static byte[] Delta(uint baseVersion, uint version, byte[] resultTag, byte[][] blockedRemoved, byte[][] blockedAdded,
        byte[][] socialRemoved, byte[][] socialAdded)
    {
        var output = new MemoryFlashWriter();
        var writer = new AllowlistDeltaWriter(output, HmacSha256Net.Instance, Key, CardSystem, baseVersion, version, CreatedAt(version));
        AddAll(writer, AllowlistDeltaWriter.BlockedRemoved, blockedRemoved);
        AddAll(writer, AllowlistDeltaWriter.BlockedAdded, blockedAdded);
        AddAll(writer, AllowlistDeltaWriter.SocialTariffRemoved, socialRemoved);
        AddAll(writer, AllowlistDeltaWriter.SocialTariffAdded, socialAdded);
        writer.Finish(resultTag);
        return output.ToArray();
    }

    public static byte[] Events(uint version, string deviceId, IEnumerable<EventRules> events, uint cardSystem = CardSystem)
    {
        var output = new MemoryFlashWriter();
        var writer = new EventsWriter(output, HmacSha256Net.Instance, Key, cardSystem, deviceId, version, CreatedAt(version));
        foreach (EventRules rules in events)
        {
            writer.Add(rules);
        }
        writer.Finish();
        return output.ToArray();
    }

    public static byte[] Tag(byte[] file) => file[^SnapshotFormat.TagLength..];

    public static AllowlistReader Open(byte[] file)
    {
        Assert.True(AllowlistReader.TryOpen(new MemoryFlash(file), out AllowlistReader reader, out string? reason), reason);
        return reader;
    }

    private static void AddAll(AllowlistDeltaWriter writer, int list, byte[][] uids)
    {
        foreach (byte[] uid in uids)
        {
            writer.Add(list, uid);
        }
    }
}
