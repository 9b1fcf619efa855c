using System.Text;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Core.Tests;

public sealed class DistributionCodecTests
{
    private static readonly byte[] Tag = Enumerable.Range(0, 32).Select(i => (byte)(i * 9)).ToArray();
    private static readonly string TagHex = Convert.ToHexString(Tag).ToLowerInvariant();

    private static SnapshotManifest Parse(string text)
    {
        Assert.True(SnapshotManifest.TryParse(Encoding.UTF8.GetBytes(text), out SnapshotManifest manifest, out string? error), error);
        return manifest;
    }

    private static string Refused(string text)
    {
        Assert.False(SnapshotManifest.TryParse(Encoding.UTF8.GetBytes(text), out _, out string? error));
        return error!;
    }

    [Fact]
    public void Manifest_round_trips_with_its_deltas_in_chain_order()
    {
        var manifest = new SnapshotManifest(SnapshotKind.Allowlist, 7, "al-12-7", 123_456, Tag,
            [new ManifestDelta("al-12-6-7", 6, 2345), new ManifestDelta("al-12-5-6", 5, 3000)], "http://agent:8080/snapshots/");

        string text = Encoding.UTF8.GetString(manifest.Encode());
        var back = Parse(text);

        Assert.Contains("tag=" + TagHex + "\n", text);
        Assert.Equal((SnapshotKind.Allowlist, 7u, "al-12-7", 123_456L), (back.Kind, back.Version, back.File, back.Length));
        Assert.Equal(Tag, back.Tag);
        Assert.Equal("http://agent:8080/snapshots/", back.Url);
        Assert.Equal([(5u, 6u), (6u, 7u)], Enumerable.Range(0, back.DeltaCount).Select(i => (back.DeltaAt(i).BaseVersion, back.DeltaAt(i).TargetVersion)));
    }

    [Fact]
    public void Manifest_ignores_unknown_keys_and_order_and_accepts_crlf()
    {
        var m = Parse("future=1\r\ntag=" + TagHex + "\r\nlength=100\r\nfile=ev-vt-001-3\r\nversion=3\r\nkind=events\r\n");

        Assert.Equal((SnapshotKind.Events, 3u, "ev-vt-001-3", 100L, 0), (m.Kind, m.Version, m.File, m.Length, m.DeltaCount));
        Assert.Null(m.Url);
    }

    [Theory]
    [InlineData(0u, false)]  // nothing installed: full file
    [InlineData(4u, false)]  // no delta from 4
    [InlineData(5u, true)]   // 5 → 6 → 7
    [InlineData(6u, true)]   // 6 → 7
    [InlineData(7u, false)]  // already there
    public void Chain_starts_at_the_installed_version_when_complete(uint installed, bool chain)
    {
        var m = Parse($"kind=allowlist\nversion=7\nfile=al-12-7\nlength=10000\ntag={TagHex}\ndelta=al-12-6-7 6 300\ndelta=al-12-5-6 5 400\n");

        ManifestDelta[]? deltas = m.ChainFrom(installed);

        Assert.Equal(chain, deltas is not null);
        if (deltas is not null)
        {
            Assert.Equal(7u, deltas[^1].TargetVersion);
            Assert.Equal(installed, deltas[0].BaseVersion);
        }
    }

    [Fact]
    public void Chain_larger_than_the_full_file_is_not_used()
    {
        var m = Parse($"kind=allowlist\nversion=7\nfile=al-12-7\nlength=500\ntag={TagHex}\ndelta=al-12-6-7 6 300\ndelta=al-12-5-6 5 400\n");

        Assert.Null(m.ChainFrom(5));
        Assert.NotNull(m.ChainFrom(6));
    }

    [Theory]
    [InlineData("kind=tariffs\nversion=1\nfile=x\nlength=100\ntag=@\n", "unknown kind")]
    [InlineData("kind=events\nversion=0\nfile=x\nlength=100\ntag=@\n", "version")]
    [InlineData("kind=events\nversion=01\nfile=x\nlength=100\ntag=@\n", "version")]
    [InlineData("kind=events\nversion=1\nfile=../x\nlength=100\ntag=@\n", "file")]
    [InlineData("kind=events\nversion=1\nfile=x\nlength=10\ntag=@\n", "length")]
    [InlineData("kind=events\nversion=1\nfile=x\nlength=100\ntag=ABCD\n", "tag")]
    [InlineData("kind=events\nversion=1\nfile=x\nlength=100\ntag=@\nversion=2\n", "duplicate version")]
    [InlineData("kind=allowlist\nversion=2\nfile=x\nlength=100\ntag=@\ndelta=d 2 100\n", "delta")]
    [InlineData("kind=allowlist\nversion=3\nfile=x\nlength=100\ntag=@\ndelta=d 1 100\ndelta=e 1 100\n", "two deltas")]
    [InlineData("kind=events\nversion=1\nfile=x\nlength=100\ntag=@\nurl=ftp://x/\n", "url")]
    [InlineData("kind=events\nversion=1\nno equals sign\n", "not key=value")]
    public void Bad_manifest_is_refused_with_a_reason(string text, string reason)
    {
        Assert.Contains(reason, Refused(text.Replace("@", TagHex)));
    }

    [Fact]
    public void Random_bytes_never_throw_out_of_the_parsers()
    {
        var random = new Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            byte[] junk = new byte[random.Next(0, 1200)];
            random.NextBytes(junk);
            if (i % 3 == 0)
            {
                // Mostly-text junk reaches the field checks, not only the UTF-8 check.
                for (int k = 0; k < junk.Length; k++) junk[k] = (byte)"kind=evtsalowl0123456789\n= -"[junk[k] % 28];
            }
            SnapshotManifest.TryParse(junk, out _, out _);
            ChunkRequest.TryParse(junk, out _, out _);
            ChunkAnswer.TryParse(junk, out _, out _);
            AppliedReport.TryParse(junk, out _, out _);
        }
        Assert.False(SnapshotManifest.TryParse(null!, out _, out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Chunk_request_round_trips_and_bounds_its_count()
    {
        Assert.True(ChunkRequest.TryParse(new ChunkRequest("al-12-7", 4096, 2048).Encode(), out ChunkRequest r, out _));
        Assert.Equal(("al-12-7", 4096L, 2048), (r.File, r.Offset, r.Count));
        Assert.Equal("file=al-12-7\noffset=0\ncount=2048\n", Encoding.UTF8.GetString(new ChunkRequest("al-12-7", 0, 2048).Encode()));

        Assert.False(ChunkRequest.TryParse("file=al-12-7\noffset=0\ncount=4097\n"u8.ToArray(), out _, out string? error));
        Assert.Contains("count", error);
        Assert.False(ChunkRequest.TryParse("file=al/../7\noffset=0\ncount=1\n"u8.ToArray(), out _, out _));
        Assert.Throws<ArgumentException>(() => new ChunkRequest("al-12-7", 0, 0).Encode());
    }

    [Fact]
    public void Chunk_answer_round_trips_and_points_into_the_payload()
    {
        byte[] data = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();

        byte[] payload = ChunkAnswer.Encode(ChunkStatus.Ok, "al-12-7", 1000, 5000, data, 100, 200);

        Assert.Equal([1, 0, 0, 0, 0x03, 0xE8, 0, 0, 0x13, 0x88, 7], payload[..11]);
        Assert.True(ChunkAnswer.TryParse(payload, out ChunkAnswer a, out string? error), error);
        Assert.Equal((ChunkStatus.Ok, "al-12-7", 1000L, 5000L, 200), (a.Status, a.File, a.Offset, a.Total, a.DataLength));
        Assert.Equal(data[100..300], a.Buffer[a.DataOffset..(a.DataOffset + a.DataLength)]);

        Assert.True(ChunkAnswer.TryParse(ChunkAnswer.Encode(ChunkStatus.Ok, "x", 5000, 5000, [], 0, 0), out ChunkAnswer end, out _));
        Assert.Equal((5000L, 0), (end.Offset, end.DataLength));
        Assert.True(ChunkAnswer.TryParse(ChunkAnswer.Encode(ChunkStatus.UnknownFile, "x", 0, 0, [], 0, 0), out ChunkAnswer unknown, out _));
        Assert.Equal(ChunkStatus.UnknownFile, unknown.Status);
    }

    [Fact]
    public void Chunk_answer_running_past_its_total_is_refused()
    {
        byte[] payload = ChunkAnswer.Encode(ChunkStatus.Ok, "x", 0, 10, new byte[10], 0, 10);
        payload[9] = 5; // total 10 → 5

        Assert.False(ChunkAnswer.TryParse(payload, out _, out string? error));
        Assert.Contains("past the file's total", error);
        Assert.False(ChunkAnswer.TryParse([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte)'x'], out _, out error));
        Assert.Contains("version", error);
    }

    [Fact]
    public void Applied_report_round_trips_both_outcomes()
    {
        byte[] applied = AppliedReport.ForApplied(SnapshotKind.Allowlist, 7).Encode();
        Assert.Equal("kind=allowlist\nversion=7\nstatus=applied\n", Encoding.UTF8.GetString(applied));

        byte[] refused = AppliedReport.ForRefused(SnapshotKind.Events, 3, 4, "tag mismatch: forged\nsecond line").Encode();
        Assert.True(AppliedReport.TryParse(refused, out AppliedReport r, out _));
        Assert.Equal((SnapshotKind.Events, 3u, 4u, true, "tag mismatch: forged second line"), (r.Kind, r.Version, r.RefusedVersion, r.IsRefused, r.Reason));
    }

    [Fact]
    public void Topics_and_file_names_follow_the_protocol()
    {
        Assert.Equal("uitpas/v1/cs/12/allowlist", DistributionTopics.Allowlist(12));
        Assert.Equal("uitpas/v1/t/vt-001/events", DistributionTopics.Events("vt-001"));
        Assert.Equal("uitpas/v1/t/vt-001/snapshot/get", DistributionTopics.Get("vt-001"));
        Assert.Equal("uitpas/v1/t/vt-001/snapshot/chunk", DistributionTopics.Chunk("vt-001"));
        Assert.Equal("uitpas/v1/t/vt-001/snapshot/applied", DistributionTopics.Applied("vt-001"));
        Assert.True(DistributionTopics.TryParseAllowlist("uitpas/v1/cs/12/allowlist", out uint cs));
        Assert.Equal(12u, cs);
        Assert.False(DistributionTopics.TryParseAllowlist("uitpas/v1/cs/+/allowlist", out _));
        Assert.True(DistributionTopics.TryParseTerminal("uitpas/v1/t/vt-001/snapshot/get", out string? device, out string? suffix));
        Assert.Equal(("vt-001", "snapshot/get"), (device, suffix));
        Assert.False(DistributionTopics.TryParseTerminal("uitpas/v1/t/vt-001/tap", out _, out _));

        Assert.Equal("al-12-7", SnapshotFileNames.Allowlist(12, 7));
        Assert.Equal("al-12-6-7", SnapshotFileNames.AllowlistDelta(12, 6, 7));
        Assert.Equal("ev-vt-001-3", SnapshotFileNames.Events("vt-001", 3));
        Assert.True(SnapshotFileNames.TryParseAllowlist("al-12-6-7", out uint c, out uint b, out uint v));
        Assert.Equal((12u, 6u, 7u), (c, b, v));
        Assert.False(SnapshotFileNames.TryParseAllowlist("al-12-7-6", out _, out _, out _));
    }
}
