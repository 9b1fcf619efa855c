using Uitpas.Edge.Core.Provisioning;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;
using static Uitpas.Edge.Core.Tests.SnapshotMaker;

namespace Uitpas.Edge.Core.Tests;

public sealed class SnapshotProvisioningTests
{
    private const string Base = "device=vt-007\nwifi.ssid=x\nbroker.host=h\n";
    private static readonly string KeyHex = Convert.ToHexString(Key);

    [Fact]
    public void Card_system_and_snapshot_key_are_read_from_the_device_config()
    {
        var config = DeviceConfig.Parse(Base + "cardSystem=12\nsnapshotKey=" + KeyHex + "\n", out string? error);

        Assert.Null(error);
        Assert.True(config.HasSnapshots);
        Assert.Equal(12u, config.CardSystemId);
        Assert.Equal(Key, config.SnapshotKey);
        Assert.False(DeviceConfig.Parse(Base, out _).HasSnapshots);
    }

    [Theory]
    [InlineData("cardSystem=12\n", "snapshotKey is missing")]
    [InlineData("snapshotKey=@\n", "cardSystem is missing")]
    [InlineData("cardSystem=0\nsnapshotKey=@\n", "line 4: cardSystem")]
    [InlineData("cardSystem=12\nsnapshotKey=abcd\n", "line 5: snapshotKey")]
    public void Incomplete_snapshot_provisioning_is_refused(string lines, string expected)
    {
        Assert.Null(DeviceConfig.Parse(Base + lines.Replace("@", KeyHex), out string? error));
        Assert.StartsWith(expected, error);
    }

    [Fact]
    public void Snapshot_settings_are_validated_before_the_updater_starts()
    {
        var flash = new SnapshotFlash();
        Assert.Throws<ArgumentException>(() => new SnapshotUpdater(new SnapshotSettings(Device, CardSystem, new byte[16]),
            flash, flash, new AgentDouble(), HmacNet.Instance, null, null));
        Assert.Contains("chunk size", new SnapshotSettings(Device, CardSystem, Key) { ChunkSize = 8192 }.Validate());
        Assert.Null(new SnapshotSettings(Device, CardSystem, Key).Validate());
    }

    [Fact]
    public void Manifest_with_a_url_is_fetched_over_http_and_falls_back_to_mqtt()
    {
        var flash = new SnapshotFlash();
        var agent = new AgentDouble();
        var http = new HttpDouble(agent.Files);
        var updater = new SnapshotUpdater(SnapshotUpdaterTests.Settings(), flash, flash, agent, HmacNet.Instance, null, http);
        var drive = new SnapshotDriver(agent);
        byte[] v1 = Full(1, SnapshotUpdaterTests.BlockedV1, SnapshotUpdaterTests.SocialV1);
        agent.Files["al-12-1"] = v1;

        agent.Announce(SnapshotUpdaterTests.AllowlistTopic,
            new SnapshotManifest(SnapshotKind.Allowlist, 1, "al-12-1", v1.Length, Tag(v1), [], "http://agent:8080/snapshots/"));
        drive.Run(updater, () => updater.AllowlistVersion == 1);

        Assert.Empty(agent.Requests);
        Assert.True(http.Requests > 0);
        Assert.All(http.Urls, u => Assert.Equal("http://agent:8080/snapshots/al-12-1", u));

        byte[] v2 = Full(2, [Uid(5)], SnapshotUpdaterTests.SocialV1);
        agent.Files["al-12-2"] = v2;
        http.Down = true;
        agent.Announce(SnapshotUpdaterTests.AllowlistTopic,
            new SnapshotManifest(SnapshotKind.Allowlist, 2, "al-12-2", v2.Length, Tag(v2), [], "http://agent:8080/snapshots/"));
        drive.Run(updater, () => updater.AllowlistVersion == 2);

        Assert.True(updater.AllowlistDownload.FellBackToMqtt);
        Assert.NotEmpty(agent.Requests);
    }

    /// <summary>An HTTP server's ranged answers from the agent's files; <see cref="Down"/> makes every request go unanswered.</summary>
    private sealed class HttpDouble(Dictionary<string, byte[]> files) : ISnapshotHttp
    {
        private readonly Queue<ChunkAnswer> _answers = new();

        public bool Down { get; set; }
        public int Requests { get; private set; }
        public List<string> Urls { get; } = [];

        public bool Request(string url, string file, long offset, int count)
        {
            Requests++;
            Urls.Add(url + file);
            if (!Down)
            {
                byte[] data = files[file];
                int n = (int)Math.Min(count, data.Length - offset);
                Assert.True(ChunkAnswer.TryParse(ChunkAnswer.Encode(ChunkStatus.Ok, file, offset, data.Length, data, (int)offset, n), out ChunkAnswer a, out _));
                _answers.Enqueue(a);
            }
            return true;
        }

        public ChunkAnswer? Poll() => _answers.Count > 0 ? _answers.Dequeue() : null;
    }
}
