using Uitpas.Edge.Protocol.Snapshots;
using Uitpas.Edge.Snapshots.Tests.Infrastructure;

namespace Uitpas.Edge.Snapshots.Tests;

public sealed class AllowlistDeltaTests
{
    private sealed record Churned(byte[][] Removed, byte[][] Added, byte[][] Next);

    private static Churned Churn(Random random, byte[][] set, HashSet<byte[]> taken, double share)
    {
        int n = (int)Math.Ceiling(set.Length * share);
        byte[][] removed = set.OrderBy(_ => random.Next()).Take(n).Order(Uids.SnapshotOrder).ToArray();
        byte[][] added = Uids.RandomSet(random, n, taken);
        var gone = new HashSet<byte[]>(removed, Uids.Equality);
        byte[][] next = set.Where(u => !gone.Contains(u)).Concat(added).Order(Uids.SnapshotOrder).ToArray();
        return new Churned(removed, added, next);
    }

    private static bool Apply(byte[] current, byte[] delta, out byte[] result, out string? reason)
    {
        var output = new MemoryFlashWriter();
        bool ok = AllowlistDelta.TryApply(new MemoryFlash(current), new MemoryFlash(delta), SnapshotFiles.Key,
            HmacSha256Net.Instance, output, out reason);
        result = output.ToArray();
        return ok;
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 1.0)]
    [InlineData(200, 0.01)]
    [InlineData(5_000, 0.01)]
    [InlineData(5_000, 0.5)]
    [InlineData(20_000, 0.005)]
    public void Applied_delta_is_byte_identical_to_the_full_build(int count, double churn)
    {
        var random = new Random(count + (int)(churn * 1000));
        var taken = new HashSet<byte[]>(Uids.Equality);
        byte[][] social = Uids.RandomSet(random, count, taken);
        byte[][] blocked = Uids.RandomSet(random, Math.Max(1, count / 100), taken);
        Churned s = Churn(random, social, taken, churn);
        Churned b = Churn(random, blocked, taken, churn);
        byte[] current = SnapshotFiles.Full(6, blocked, social);
        byte[] next = SnapshotFiles.Full(7, b.Next, s.Next);
        byte[] delta = SnapshotFiles.Delta(6, 7, SnapshotFiles.Tag(next), b.Removed, b.Added, s.Removed, s.Added);

        Assert.True(Apply(current, delta, out byte[] result, out string? reason), reason);

        Assert.Equal(next, result);
        Assert.True(SnapshotVerifier.TryVerify(new MemoryFlash(result), SnapshotFiles.Key, HmacSha256Net.Instance,
            SnapshotKind.Allowlist, SnapshotFiles.CardSystem, 6, out _, out reason), reason);
        AllowlistReader reader = SnapshotFiles.Open(result);
        Assert.All(s.Added, uid => Assert.Equal(CardStatus.SocialTariff, reader.Lookup(uid) & CardStatus.SocialTariff));
        Assert.All(s.Removed, uid => Assert.Equal(CardStatus.None, reader.Lookup(uid) & CardStatus.SocialTariff));
    }

    [Fact]
    public void A_delta_can_empty_a_class_and_fill_another()
    {
        byte[][] before = [Uids.Nxp(5), [1, 2, 3, 4]];
        byte[][] after = [Uids.Nxp(5), new byte[10]];
        byte[] current = SnapshotFiles.Full(1, [], before);
        byte[] next = SnapshotFiles.Full(2, [], after);
        byte[] delta = SnapshotFiles.Delta(1, 2, SnapshotFiles.Tag(next), [], [], [[1, 2, 3, 4]], [new byte[10]]);

        Assert.True(Apply(current, delta, out byte[] result, out string? reason), reason);
        Assert.Equal(next, result);
    }

    [Fact]
    public void Delta_built_for_another_base_version_is_refused()
    {
        byte[] current = SnapshotFiles.Full(5, [], [Uids.Nxp(1)]);
        byte[] next = SnapshotFiles.Full(7, [], [Uids.Nxp(1), Uids.Nxp(2)]);
        byte[] delta = SnapshotFiles.Delta(6, 7, SnapshotFiles.Tag(next), [], [], [], [Uids.Nxp(2)]);

        Assert.False(Apply(current, delta, out _, out string? reason));
        Assert.StartsWith("delta base mismatch", reason);
    }

    [Fact]
    public void Delta_whose_lists_do_not_match_the_base_content_is_refused()
    {
        // Same version numbers, but the base the agent diffed against held another card.
        byte[] current = SnapshotFiles.Full(1, [], [Uids.Nxp(1), Uids.Nxp(3)]);
        byte[] next = SnapshotFiles.Full(2, [], [Uids.Nxp(1), Uids.Nxp(2)]);
        byte[] delta = SnapshotFiles.Delta(1, 2, SnapshotFiles.Tag(next), [], [], [Uids.Nxp(4)], [Uids.Nxp(2)]);

        Assert.False(Apply(current, delta, out _, out string? reason));
        Assert.StartsWith("delta result mismatch", reason);
    }

    [Fact]
    public void Full_snapshot_offered_as_a_delta_is_refused()
    {
        byte[] current = SnapshotFiles.Full(1, [], [Uids.Nxp(1)]);
        byte[] next = SnapshotFiles.Full(2, [], [Uids.Nxp(2)]);

        Assert.False(Apply(current, next, out _, out string? reason));
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void Delta_for_another_card_system_is_refused()
    {
        byte[] current = SnapshotFiles.Full(1, [], [Uids.Nxp(1)], cardSystem: 99);
        byte[] next = SnapshotFiles.Full(2, [], [Uids.Nxp(1)]);
        byte[] delta = SnapshotFiles.Delta(1, 2, SnapshotFiles.Tag(next), [], [], [], []);

        Assert.False(Apply(current, delta, out _, out string? reason));
        Assert.StartsWith("wrong card system", reason);
    }

    [Fact]
    public void Delta_of_one_percent_churn_is_a_few_percent_of_the_full_file()
    {
        var random = new Random(11);
        var taken = new HashSet<byte[]>(Uids.Equality);
        byte[][] social = Uids.RandomSet(random, 20_000, taken);
        Churned s = Churn(random, social, taken, 0.005);
        byte[] current = SnapshotFiles.Full(1, [], social);
        byte[] next = SnapshotFiles.Full(2, [], s.Next);
        byte[] delta = SnapshotFiles.Delta(1, 2, SnapshotFiles.Tag(next), [], [], s.Removed, s.Added);

        Assert.True(delta.Length < current.Length * 0.03, $"{delta.Length} of {current.Length}");
    }
}
