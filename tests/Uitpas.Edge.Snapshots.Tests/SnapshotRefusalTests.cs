using Uitpas.Edge.Protocol.Snapshots;
using Uitpas.Edge.Snapshots.Tests.Infrastructure;

namespace Uitpas.Edge.Snapshots.Tests;

public sealed class SnapshotRefusalTests
{
    private static readonly byte[] Small = SnapshotFiles.Full(3, Uids.RandomSet(new Random(1), 3), Uids.RandomSet(new Random(2), 70));

    private static bool Verify(byte[] file, out string? reason, uint installed = 2, int kind = SnapshotKind.Allowlist,
        uint cardSystem = SnapshotFiles.CardSystem, byte[]? key = null) =>
        SnapshotVerifier.TryVerify(new MemoryFlash(file), key ?? SnapshotFiles.Key, HmacSha256Net.Instance, kind, cardSystem,
            installed, out _, out reason);

    [Fact]
    public void An_intact_newer_snapshot_is_accepted_with_its_header()
    {
        Assert.True(SnapshotVerifier.TryVerify(new MemoryFlash(Small), SnapshotFiles.Key, HmacSha256Net.Instance,
            SnapshotKind.Allowlist, SnapshotFiles.CardSystem, 2, out SnapshotHeader header, out string? reason), reason);
        Assert.Equal(3u, header.Version);
        Assert.Equal(0u, header.BaseVersion);
        Assert.Equal(SnapshotFiles.CreatedAt(3), header.CreatedAtUnixMs);
        Assert.Equal(Small.Length, header.FileLength);
    }

    [Fact]
    public void Corrupted_flipping_any_byte_is_a_tag_mismatch()
    {
        for (int at = 0; at < Small.Length; at++)
        {
            foreach (byte flip in new byte[] { 0x01, 0x80, 0xFF })
            {
                byte[] damaged = (byte[])Small.Clone();
                damaged[at] ^= flip;

                Assert.False(Verify(damaged, out string? reason), $"byte {at} ^ {flip:X2} accepted");
                Assert.Contains("tag mismatch", reason);
            }
        }
    }

    [Fact]
    public void Corrupted_bytes_of_a_multi_chunk_file_are_caught_in_every_chunk()
    {
        byte[] large = SnapshotFiles.Full(3, [], Uids.RandomSet(new Random(4), 5_000));
        Assert.True(large.Length > 4 * SnapshotFormat.TagChunkSize);
        var positions = new[] { 0, 4095, 4096, 4097, 8191, 8192, large.Length / 2, large.Length - 33, large.Length - 32, large.Length - 1 };
        foreach (int at in positions)
        {
            byte[] damaged = (byte[])large.Clone();
            damaged[at] ^= 0x10;
            Assert.False(Verify(damaged, out string? reason), $"byte {at} accepted");
            Assert.Contains("tag mismatch", reason);
        }
    }

    [Fact]
    public void Truncated_at_every_length_is_refused_with_a_reason()
    {
        for (int cut = 0; cut < Small.Length; cut++)
        {
            byte[] truncated = Small[..cut];

            Assert.False(Verify(truncated, out string? reason), $"cut at {cut} accepted");
            Assert.False(string.IsNullOrEmpty(reason));
            Assert.True(reason!.Contains("truncated") || reason.Contains("tag mismatch"), reason);
            Assert.False(AllowlistReader.TryOpen(new MemoryFlash(truncated), out _, out string? openReason));
            Assert.False(string.IsNullOrEmpty(openReason));
        }
    }

    [Fact]
    public void Padded_file_is_refused()
    {
        Assert.False(Verify([.. Small, 0], out string? reason));
        Assert.Contains("tag mismatch", reason);
    }

    [Fact]
    public void Forged_with_another_key_is_refused()
    {
        byte[] forged = SnapshotFiles.Full(3, [], Uids.RandomSet(new Random(2), 70), key: SnapshotFiles.OtherKey);

        Assert.False(Verify(forged, out string? reason));
        Assert.StartsWith("tag mismatch", reason);
        Assert.True(Verify(forged, out _, key: SnapshotFiles.OtherKey));
    }

    [Theory]
    [InlineData(3u)]
    [InlineData(4u)]
    [InlineData(100u)]
    public void Older_or_same_version_is_refused(uint installed)
    {
        Assert.False(Verify(Small, out string? reason, installed));
        Assert.StartsWith("older than current", reason);
    }

    [Fact]
    public void Wrong_kind_is_refused()
    {
        Assert.False(Verify(Small, out string? reason, kind: SnapshotKind.Events));
        Assert.StartsWith("wrong kind", reason);
    }

    [Fact]
    public void Wrong_card_system_is_refused()
    {
        Assert.False(Verify(Small, out string? reason, cardSystem: 13));
        Assert.StartsWith("wrong card system", reason);
    }

    [Fact]
    public void A_terminal_without_a_key_refuses_instead_of_throwing()
    {
        Assert.False(SnapshotVerifier.TryVerify(new MemoryFlash(Small), null!, HmacSha256Net.Instance, SnapshotKind.Allowlist,
            SnapshotFiles.CardSystem, 0, out _, out string? reason));
        Assert.StartsWith("no snapshot key", reason);
        Assert.False(Verify(Small, out _, key: []));
    }

    [Fact]
    public void Delta_for_another_base_is_refused_before_it_is_applied()
    {
        byte[] next = SnapshotFiles.Full(4, [], []);
        byte[] delta = SnapshotFiles.Delta(3, 4, SnapshotFiles.Tag(next), [], [], [], []);

        Assert.True(Verify(delta, out string? reason, installed: 3), reason);
        Assert.False(Verify(delta, out reason, installed: 2));
        Assert.StartsWith("delta base mismatch", reason);
    }

    [Fact]
    public void Writers_refuse_versions_that_cannot_be_told_apart()
    {
        var output = new MemoryFlashWriter();
        Assert.Throws<ArgumentException>(() => new AllowlistWriter(output, HmacSha256Net.Instance, SnapshotFiles.Key, 1, 0, 0));
        Assert.Throws<ArgumentException>(() => new AllowlistDeltaWriter(output, HmacSha256Net.Instance, SnapshotFiles.Key, 1, 0, 1, 0));
        Assert.Throws<ArgumentException>(() => new AllowlistDeltaWriter(output, HmacSha256Net.Instance, SnapshotFiles.Key, 1, 5, 5, 0));
    }
}
