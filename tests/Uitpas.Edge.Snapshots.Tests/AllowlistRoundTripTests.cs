using Uitpas.Edge.Protocol.Snapshots;
using Uitpas.Edge.Snapshots.Tests.Infrastructure;

namespace Uitpas.Edge.Snapshots.Tests;

public sealed class AllowlistRoundTripTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(5_000)]
    [InlineData(50_000)]
    public void Membership_is_exact_for_members_and_for_their_neighbours(int count)
    {
        var random = new Random(count);
        var taken = new HashSet<byte[]>(Uids.Equality);
        byte[][] social = Uids.RandomSet(random, count, taken);
        byte[][] blocked = Uids.RandomSet(random, Math.Max(1, count / 100), taken);
        AllowlistReader reader = SnapshotFiles.Open(SnapshotFiles.Full(1, blocked, social));

        Assert.Equal(count, reader.SocialTariff.Count);
        foreach (byte[] uid in social)
        {
            Assert.Equal(CardStatus.SocialTariff, reader.Lookup(uid));
        }
        foreach (byte[] uid in blocked)
        {
            Assert.Equal(CardStatus.Blocked, reader.Lookup(uid));
        }
        var members = new HashSet<byte[]>(social.Concat(blocked), Uids.Equality);
        int probed = 0;
        foreach (byte[] uid in social.Concat(blocked))
        {
            foreach (int step in new[] { -1, 1 })
            {
                byte[]? near = Uids.Neighbour(uid, step);
                if (near != null && !members.Contains(near))
                {
                    Assert.Equal(CardStatus.None, reader.Lookup(near));
                    probed++;
                }
            }
        }
        Assert.True(probed >= members.Count, "every member has a non-member neighbour probed");
    }

    [Fact]
    public void Every_class_round_trips_through_the_cursor_in_snapshot_order()
    {
        byte[][] social = Uids.RandomSet(new Random(5), 3_000);
        byte[] file = SnapshotFiles.Full(1, [], social);
        Assert.True(SnapshotHeader.TryRead(new MemoryFlash(file), out SnapshotHeader header, out _));
        Assert.True(AllowlistFormat.TryReadDirectory(new MemoryFlash(file), header, out SectionDescriptor[][] lists, out _));

        var read = new List<byte[]>();
        foreach (SectionDescriptor section in lists[AllowlistFormat.SocialTariffList])
        {
            var cursor = new UidSectionCursor(new MemoryFlash(file), header.PayloadOffset, section);
            while (cursor.MoveNext())
            {
                read.Add(UidClass.ToUid(section.UidClass, cursor.Key, 0));
            }
            Assert.Null(cursor.Error);
        }

        Assert.Equal(social, read);
        Assert.All(Enumerable.Range(1, 4), c => Assert.True(lists[1][c - 1].Count > 0));
    }

    [Fact]
    public void A_card_on_both_lists_is_blocked_and_social_tariff()
    {
        byte[] card = Uids.Nxp(0x4D71DA862680);
        AllowlistReader reader = SnapshotFiles.Open(SnapshotFiles.Full(1, [card], [card]));

        Assert.Equal(CardStatus.Blocked | CardStatus.SocialTariff, reader.Lookup(card));
    }

    [Fact]
    public void Invalid_uids_are_not_members()
    {
        AllowlistReader reader = SnapshotFiles.Open(SnapshotFiles.Full(1, [], Uids.RandomSet(new Random(1), 100)));

        Assert.Equal(CardStatus.None, reader.Lookup(null!));
        Assert.Equal(CardStatus.None, reader.Lookup([]));
        Assert.Equal(CardStatus.None, reader.Lookup([1, 2, 3, 4, 5]));
        Assert.Equal(CardStatus.None, reader.Lookup(new byte[11]));
    }

    [Fact]
    public void Unsorted_or_repeated_uids_are_refused_by_the_writer()
    {
        var output = new MemoryFlashWriter();
        var writer = new AllowlistWriter(output, HmacSha256Net.Instance, SnapshotFiles.Key, SnapshotFiles.CardSystem, 1, 0);
        writer.AddSocialTariff(Uids.Nxp(10));

        Assert.Throws<ArgumentException>(() => writer.AddSocialTariff(Uids.Nxp(10)));
        Assert.Throws<ArgumentException>(() => writer.AddSocialTariff(Uids.Nxp(9)));
        Assert.Throws<ArgumentException>(() => writer.AddBlocked(Uids.Nxp(11)));
        Assert.Throws<ArgumentException>(() => writer.AddSocialTariff([1, 2, 3]));
    }

    [Fact]
    public void Lookup_reads_each_page_and_block_once_and_keeps_only_the_root_pages()
    {
        var random = new Random(9);
        var keys = new HashSet<ulong>();
        while (keys.Count < 50_000)
        {
            keys.Add((ulong)random.NextInt64() & 0xFFFF_FFFF_FFFF);
        }
        byte[][] social = keys.Order().Select(Uids.Nxp).ToArray();
        var flash = new CountingFlash(new MemoryFlash(SnapshotFiles.Full(1, [], social)));
        Assert.True(AllowlistReader.TryOpen(flash, out AllowlistReader reader, out _));
        reader.Lookup(social[0]);

        foreach (byte[] uid in social.Where((_, i) => i % 97 == 0))
        {
            flash.Reads = 0;
            flash.BytesRead = 0;
            Assert.Equal(CardStatus.SocialTariff, reader.Lookup(uid));
            Assert.True(flash.Reads <= 2, $"{flash.Reads} reads"); // level-0 page and block; the root is held
            Assert.True(flash.BytesRead <= UidSectionFormat.PageLength(6, 32) + UidSectionFormat.MaxBlockLength(6, 64));
        }
        Assert.Equal(2, reader.SocialTariff.Section(UidClass.Nxp7).Levels);
        Assert.True(reader.SocialTariff.CachedBytes <= UidSectionFormat.PageLength(6, 32));
    }

    [Fact]
    public void Lookups_allocate_nothing_once_the_root_pages_are_held()
    {
        var taken = new HashSet<byte[]>(Uids.Equality);
        byte[][] social = Uids.RandomSet(new Random(12), 5_000, taken);
        byte[][] strangers = Uids.RandomSet(new Random(13), 500, taken);
        AllowlistReader reader = SnapshotFiles.Open(SnapshotFiles.Full(1, social.Take(50).ToArray(), social));
        foreach (byte[] uid in social.Take(100).Concat(strangers))
        {
            reader.Lookup(uid);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int found = 0;
        for (int i = 0; i < 2_000; i++)
        {
            found += (int)reader.Lookup(social[i]) + (int)reader.Lookup(strangers[i % strangers.Length]);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(2_000 * (int)CardStatus.SocialTariff + 50 * (int)CardStatus.Blocked, found);
    }
}
