using System.Security.Cryptography;
using Uitpas.Edge.Protocol.Snapshots;
using Uitpas.Edge.Snapshots.Tests.Infrastructure;

namespace Uitpas.Edge.Snapshots.Tests;

public sealed class SnapshotTagTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(8192)]
    [InlineData(10_000)]
    public void Tag_is_the_documented_hmac_chain_over_4096_byte_chunks(int length)
    {
        byte[] data = new byte[length];
        new Random(length).NextBytes(data);
        var tag = new SnapshotTag(HmacSha256Net.Instance, SnapshotFiles.Key);

        // Appended in uneven pieces: chunking must not depend on how the bytes arrive.
        for (int at = 0; at < length;)
        {
            int n = Math.Min(length - at, 1 + at % 1000);
            tag.Append(data, at, n);
            at += n;
        }

        Assert.Equal(ChainByHand(SnapshotFiles.Key, data), tag.Finish());
    }

    [Fact]
    public void Writer_passes_the_file_on_in_chunk_sized_writes()
    {
        var uids = Uids.RandomSet(new Random(3), 5_000);
        var output = new MemoryFlashWriter();
        var writer = new AllowlistWriter(output, HmacSha256Net.Instance, SnapshotFiles.Key, SnapshotFiles.CardSystem, 1, 0);
        foreach (byte[] uid in uids)
        {
            writer.AddSocialTariff(uid);
        }
        writer.Finish();

        byte[] file = output.ToArray();
        Assert.True(file.Length > 3 * SnapshotFormat.TagChunkSize);
        Assert.Equal(SnapshotFormat.TagChunkSize, output.LargestWrite);
        Assert.True(output.Writes <= file.Length / SnapshotFormat.TagChunkSize + 2);
        Assert.Equal(ChainByHand(SnapshotFiles.Key, file[..^SnapshotFormat.TagLength]), SnapshotFiles.Tag(file));
    }

    [Fact]
    public void Tags_compare_equal_only_when_every_byte_matches()
    {
        byte[] a = RandomNumberGenerator.GetBytes(32);
        for (int i = 0; i < 32; i++)
        {
            byte[] b = (byte[])a.Clone();
            b[i] ^= 0x80;
            Assert.False(SnapshotTag.AreEqual(a, 0, b, 0));
        }
        Assert.True(SnapshotTag.AreEqual(a, 0, (byte[])a.Clone(), 0));
    }

    /// <summary>docs/protocol.md: c0 = 32 zero bytes, c(i) = HMAC(K, c(i-1) · 01 · chunk i), tag = HMAC(K, c(m) · 02 · u64 length).</summary>
    private static byte[] ChainByHand(byte[] key, byte[] data)
    {
        byte[] chain = new byte[32];
        int chunks = Math.Max(1, (data.Length + 4095) / 4096);
        for (int i = 0; i < chunks; i++)
        {
            byte[] chunk = data.Skip(i * 4096).Take(4096).ToArray();
            chain = HMACSHA256.HashData(key, (byte[])[.. chain, 0x01, .. chunk]);
        }
        byte[] length = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(length, data.Length);
        return HMACSHA256.HashData(key, (byte[])[.. chain, 0x02, .. length]);
    }
}
