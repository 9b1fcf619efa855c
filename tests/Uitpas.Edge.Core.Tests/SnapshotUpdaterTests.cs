using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;
using static Uitpas.Edge.Core.Tests.SnapshotMaker;

namespace Uitpas.Edge.Core.Tests;

public sealed class SnapshotUpdaterTests
{
    internal static readonly string AllowlistTopic = DistributionTopics.Allowlist(CardSystem);
    internal static readonly string EventsTopic = DistributionTopics.Events(Device);

    internal static readonly byte[][] BlockedV1 = [Uid(1), Uid(2)];
    internal static readonly byte[][] SocialV1 = [.. Enumerable.Range(100, 300).Select(Uid), .. RandomUids(1, 2000)];

    private readonly SnapshotFlash _flash = new();
    private readonly AgentDouble _agent = new();
    private readonly LogDouble _log = new();
    private readonly SnapshotDriver _drive;

    public SnapshotUpdaterTests()
    {
        _drive = new SnapshotDriver(_agent, _log);
    }

    internal static SnapshotSettings Settings(byte[]? key = null) => new(Device, CardSystem, key ?? Key)
    {
        ChunkSize = 512,
        AnswerTimeoutMs = 1000,
        MaxAttempts = 3,
        RetryBackoffMs = 5000,
    };

    private SnapshotUpdater Boot(SnapshotFlash? flash = null) =>
        new(Settings(), flash ?? _flash, flash ?? _flash, _agent, HmacNet.Instance, _log, null);

    private void Offer(uint version, string name, byte[] file, params ManifestDelta[] deltas)
    {
        _agent.Files[name] = file;
        _agent.Announce(AllowlistTopic, Manifest(SnapshotKind.Allowlist, version, name, file, deltas));
    }

    private SnapshotUpdater InstallV1()
    {
        var updater = Boot();
        Offer(1, "al-12-1", Full(1, BlockedV1, SocialV1));
        _drive.Run(updater, () => updater.AllowlistVersion == 1);
        _agent.Requests.Clear();
        _agent.Reports.Clear();
        return updater;
    }

    private void AssertV1InUse(SnapshotUpdater updater)
    {
        Assert.Equal(1u, updater.AllowlistVersion);
        Assert.Equal(CardFlags.Blocked, updater.Rules.FlagsOf(Uid(1)));
        Assert.Equal(CardFlags.SocialTariff, updater.Rules.FlagsOf(Uid(150)));
        Assert.Equal(CardFlags.None, updater.Rules.FlagsOf(Uid(5000)));
    }

    [Fact]
    public void Full_download_installs_and_lookups_answer()
    {
        var updater = Boot();
        Assert.False(updater.Rules.HasAllowlist);
        byte[] file = Full(1, BlockedV1, SocialV1);

        Offer(1, "al-12-1", file);
        _drive.Run(updater, () => updater.AllowlistVersion == 1);

        AssertV1InUse(updater);
        Assert.True(updater.Rules.HasAllowlist);
        Assert.Equal(file, _flash.Bytes("al.0"));
        Assert.Equal((file.Length + 511) / 512, _agent.Requests.Count);
        Assert.All(_agent.Requests, r => Assert.Equal("al-12-1", r.File));
        var report = Assert.Single(_agent.Reports);
        Assert.Equal((AppliedReport.Applied, 1u), (report.Status, report.Version));
    }

    [Fact]
    public void Delta_chain_is_applied_without_fetching_the_full_file()
    {
        var updater = InstallV1();
        byte[][] blocked2 = [Uid(1), Uid(2), Uid(3)];
        byte[][] social2 = [.. SocialV1.Skip(10), Uid(900)];
        byte[][] blocked3 = [Uid(2), Uid(3)];
        byte[][] social3 = [.. social2.Skip(5), Uid(901), Uid(105)];
        var (d12, _) = Delta(1, 2, BlockedV1, SocialV1, blocked2, social2);
        var (d23, full3) = Delta(2, 3, blocked2, social2, blocked3, social3);
        _agent.Files["al-12-1-2"] = d12;
        _agent.Files["al-12-2-3"] = d23;

        Offer(3, "al-12-3", full3, new ManifestDelta("al-12-2-3", 2, d23.Length), new ManifestDelta("al-12-1-2", 1, d12.Length));
        _drive.Run(updater, () => updater.AllowlistVersion == 3);

        Assert.Equal(["al-12-1-2", "al-12-2-3"], _agent.Requests.Select(r => r.File).Distinct());
        Assert.Contains(new[] { "al.0", "al.1" }, slot => _flash.Bytes(slot).AsSpan().SequenceEqual(full3));
        Assert.Equal(CardFlags.None, updater.Rules.FlagsOf(Uid(1)));
        Assert.Equal(CardFlags.Blocked, updater.Rules.FlagsOf(Uid(3)));
        Assert.Equal(CardFlags.SocialTariff, updater.Rules.FlagsOf(Uid(901)));
        Assert.Equal(CardFlags.None, updater.Rules.FlagsOf(Uid(100)));
        Assert.Equal([2u, 3u], _agent.Reports.Where(r => !r.IsRefused).Select(r => r.Version));
        Assert.Equal(-1, _flash.LengthOf("al.delta"));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "corrupted", "tag mismatch" },
        { "truncated", "truncated" },
        { "forged", "tag mismatch" },
        { "older file", "older than current" },
        { "wrong card system", "wrong card system" },
        { "lying length", "length mismatch" },
        { "events file", "wrong kind" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Bad_snapshot_is_refused_with_its_reason_and_the_previous_stays_in_use(string bad, string reason)
    {
        var updater = Boot();
        byte[] v3 = Full(3, BlockedV1, SocialV1);
        Offer(3, "al-12-3", v3);
        _drive.Run(updater, () => updater.AllowlistVersion == 3);
        _agent.Reports.Clear();
        byte[] good = Full(4, [Uid(7)], [Uid(8)]);
        byte[] file = bad switch
        {
            "corrupted" => Flip(good, good.Length / 2),
            "truncated" => good[..^100],
            "forged" => Full(4, [Uid(7)], [Uid(8)], key: ForgedKey),
            "older file" => Full(2, [Uid(7)], [Uid(8)]),
            "wrong card system" => Full(4, [Uid(7)], [Uid(8)], cardSystem: 13),
            "events file" => Events(4, [Event("evt-1", 1, LimitPeriod.Day)]),
            _ => good,
        };
        if (bad == "lying length")
        {
            _agent.ClaimedTotal = good.Length + 10;
        }

        Offer(4, "al-12-4", file);
        _drive.Run(updater, () => _agent.Reports.Count > 0);

        var report = Assert.Single(_agent.Reports);
        Assert.True(report.IsRefused);
        Assert.Contains(reason, report.Reason);
        Assert.Equal((3u, 4u), (report.Version, report.RefusedVersion));
        Assert.Contains(_log.Lines, l => l.Contains("refused") && l.Contains(reason));
        Assert.Contains(reason, updater.LastRefusal);
        Assert.Equal(3u, updater.AllowlistVersion);
        Assert.Equal(CardFlags.Blocked, updater.Rules.FlagsOf(Uid(1)));
        Assert.Equal(CardFlags.None, updater.Rules.FlagsOf(Uid(7)));
        Assert.Equal(1, _flash.OpenReaders);

        // The same manifest again (a reconnect) is not fetched again in this boot.
        int requests = _agent.Requests.Count;
        _agent.Disconnect();
        _agent.Connect();
        _drive.RunFor(updater, 2_000);
        Assert.Equal(requests, _agent.Requests.Count);
        Assert.Equal(3u, Boot(_flash.CutAt(_flash.Changes)).AllowlistVersion);
    }

    [Fact]
    public void Older_manifest_is_refused_without_downloading()
    {
        var updater = InstallV1();

        Offer(1, "al-12-1", Full(1, BlockedV1, SocialV1));
        _drive.RunFor(updater, 100);
        Assert.Equal(AppliedReport.Applied, Assert.Single(_agent.Reports).Status);

        _agent.Reports.Clear();
        var updater3 = Boot();
        Offer(3, "al-12-3", Full(3, BlockedV1, SocialV1));
        _drive.Run(updater3, () => updater3.AllowlistVersion == 3);
        _agent.Requests.Clear();
        _agent.Reports.Clear();
        Offer(2, "al-12-2", Full(2, [], []));
        _drive.RunFor(updater3, 100);

        var report = Assert.Single(_agent.Reports);
        Assert.True(report.IsRefused);
        Assert.StartsWith("older than current", report.Reason);
        Assert.Empty(_agent.Requests);
        Assert.Equal(3u, updater3.AllowlistVersion);
    }

    [Fact]
    public void Malformed_manifest_and_chunk_bytes_are_refused_without_harm()
    {
        var updater = InstallV1();
        var random = new Random(4);
        for (int i = 0; i < 200; i++)
        {
            byte[] junk = new byte[random.Next(0, 300)];
            random.NextBytes(junk);
            _agent.Deliver(i % 2 == 0 ? AllowlistTopic : DistributionTopics.Chunk(Device), junk);
        }
        _agent.Deliver(AllowlistTopic, "kind=allowlist\nversion=9\nfile=al-12-9\n"u8.ToArray());

        _drive.RunFor(updater, 200);

        AssertV1InUse(updater);
        Assert.True(updater.MalformedMessages >= 100);
        Assert.Contains(_agent.Reports, r => r.IsRefused && r.Reason!.Contains("length missing"));
        Assert.Empty(_agent.Requests);
    }

    [Fact]
    public void Interrupted_download_resumes_at_the_scratch_length()
    {
        var updater = InstallV1();
        byte[] v2 = Full(2, [Uid(3)], [.. SocialV1, Uid(1100), .. RandomUids(2, 3000)]);
        _agent.AnswersLeft = 3;
        Offer(2, "al-12-2", v2);
        _drive.Run(updater, () => _agent.Requests.Count == 4);
        _agent.Disconnect();
        _drive.RunFor(updater, 10_000);
        long scratch = _flash.LengthOf("al.1");
        Assert.Equal(3 * 512, scratch);
        int before = _agent.Requests.Count;

        _agent.AnswersLeft = null;
        _agent.Connect();
        _drive.Run(updater, () => updater.AllowlistVersion == 2);

        var after = _agent.Requests.Skip(before).ToList();
        Assert.Equal(scratch, after[0].Offset);
        Assert.Equal(v2.Length - scratch, after.Sum(r => (long)Math.Min(r.Count, v2.Length - r.Offset)));
        Assert.Equal(CardFlags.SocialTariff, updater.Rules.FlagsOf(Uid(1100)));
    }

    [Fact]
    public void Interrupted_download_resumes_after_a_reboot()
    {
        var updater = InstallV1();
        byte[] v2 = Full(2, [Uid(3)], [.. SocialV1, Uid(1100), .. RandomUids(2, 3000)]);
        _agent.AnswersLeft = 2;
        Offer(2, "al-12-2", v2);
        _drive.Run(updater, () => _agent.Requests.Count == 3);
        _agent.Disconnect();

        SnapshotFlash rebooted = _flash.CutAt(_flash.Changes);
        long scratch = rebooted.LengthOf("al.1");
        Assert.Equal(2 * 512, scratch);
        var again = Boot(rebooted);
        AssertV1InUse(again);
        int before = _agent.Requests.Count;
        _agent.AnswersLeft = null;
        _agent.Connect();
        _drive.Run(again, () => again.AllowlistVersion == 2);

        Assert.Equal(scratch, _agent.Requests[before].Offset);
        Assert.Contains(_log.Lines, l => l.Contains("resuming at byte " + scratch));
        Assert.Equal(v2, rebooted.Bytes("al.1"));
    }

    [Fact]
    public void Lost_answers_are_asked_again_after_the_timeout()
    {
        var updater = Boot();
        _agent.AnswersLeft = 0;
        Offer(1, "al-12-1", Full(1, BlockedV1, SocialV1));
        _drive.RunFor(updater, 2_500);
        Assert.Equal(3, _agent.Requests.Count);
        Assert.All(_agent.Requests, r => Assert.Equal(0, r.Offset));

        _drive.RunFor(updater, 4_000);
        Assert.Equal(3, _agent.Requests.Count); // paused after MaxAttempts

        _agent.AnswersLeft = null;
        _drive.Run(updater, () => updater.AllowlistVersion == 1);
    }

    [Fact]
    public void Power_cut_at_any_write_of_an_install_leaves_a_usable_snapshot()
    {
        var updater = InstallV1();
        int start = _flash.Changes;
        byte[][] blocked2 = [Uid(2), Uid(9)];
        byte[][] social2 = [.. SocialV1.Skip(50), Uid(777)];
        var (delta, full2) = Delta(1, 2, BlockedV1, SocialV1, blocked2, social2);
        _agent.Files["al-12-1-2"] = delta;
        Offer(2, "al-12-2", full2, new ManifestDelta("al-12-1-2", 1, delta.Length));
        _drive.Run(updater, () => updater.AllowlistVersion == 2);
        int end = _flash.Changes;
        Assert.True(end - start > 5);

        var versions = new HashSet<uint>();
        for (int cut = start; cut <= end; cut++)
        {
            foreach (int torn in _flash.IsAppend(Math.Min(cut, end - 1)) && cut < end ? new[] { 0, 7 } : [0])
            {
                var booted = new SnapshotUpdater(Settings(), _flash.CutAt(cut, torn), _flash.CutAt(cut, torn), new AgentDouble(),
                    HmacNet.Instance, null, null);
                uint version = booted.AllowlistVersion;
                versions.Add(version);
                Assert.True(version is 1 or 2, $"cut at change {cut}+{torn}: version {version}");
                bool two = version == 2;
                Assert.Equal(two ? CardFlags.SocialTariff : CardFlags.None, booted.Rules.FlagsOf(Uid(777)));
                Assert.Equal(two ? CardFlags.Blocked : CardFlags.None, booted.Rules.FlagsOf(Uid(9)));
                Assert.Equal(two ? CardFlags.None : CardFlags.Blocked, booted.Rules.FlagsOf(Uid(1)));
            }
        }
        Assert.Equal([1u, 2u], versions.Order());
    }

    [Fact]
    public void Damaged_current_file_falls_back_to_the_previous_at_boot()
    {
        var updater = InstallV1();
        Offer(2, "al-12-2", Full(2, [Uid(9)], [Uid(777)]));
        _drive.Run(updater, () => updater.AllowlistVersion == 2);
        var flash = _flash.CutAt(_flash.Changes);
        flash.Corrupt("al.1", (int)flash.LengthOf("al.1") - 1);

        var rebooted = Boot(flash);

        AssertV1InUse(rebooted);
        Assert.Contains(_log.Lines, l => l.Contains("back to previous version 1"));
    }

    private static byte[] Flip(byte[] file, int at)
    {
        byte[] copy = (byte[])file.Clone();
        copy[at] ^= 0x01;
        return copy;
    }
}
