using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Protocol.Snapshots;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>Distribution over the embedded broker and HTTP: retained manifests, chunked and ranged downloads, applied reports.</summary>
public sealed class SnapshotDistributionTests : SnapshotTestBase
{
    private readonly List<SnapshotTerminal> _terminals = [];

    public override async Task DisposeAsync()
    {
        foreach (var terminal in _terminals)
        {
            await terminal.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Allowlist_manifest_is_retained_and_replaced_by_the_next_version_with_its_delta()
    {
        var v1 = await SeriesAsync(SnapshotKind.Allowlist, "1");
        var early = await ConnectAsync("term-1");
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await early.SubscribeAsync(DistributionTopics.Allowlist(1)));

        var (first, retained) = await early.ManifestAsync(DistributionTopics.Allowlist(1), v1.Version);
        Assert.True(retained);
        var bytes = FileBytes(v1.File);
        Assert.Equal((v1.File, bytes.LongLength), (first.File, first.Length));
        Assert.Equal(bytes[^32..], first.Tag);
        Assert.StartsWith("http://127.0.0.1:", first.Url, StringComparison.Ordinal);

        Central.SetSocialTariff(Central.Seed.SocialTariffCards[0].UitpasNumber, active: false);
        await RebuildAsync();
        var (second, _) = await early.ManifestAsync(DistributionTopics.Allowlist(1), v1.Version + 1);
        var late = await ConnectAsync("term-fr");
        await late.SubscribeAsync(DistributionTopics.Allowlist(1));
        var (kept, keptRetained) = await late.ManifestAsync(DistributionTopics.Allowlist(1), v1.Version + 1);

        Assert.Equal(1, second.DeltaCount);
        Assert.Equal((SnapshotFileNames.AllowlistDelta(1, v1.Version, v1.Version + 1), v1.Version), (second.DeltaAt(0).File, second.DeltaAt(0).BaseVersion));
        Assert.Equal(Catalog.File(second.DeltaAt(0).File)!.Length, second.DeltaAt(0).Length);
        Assert.True(keptRetained);
        Assert.Equal(second.ToText(), kept.ToText());
    }

    [Fact]
    public async Task Chunked_download_over_mqtt_reassembles_the_exact_file()
    {
        var series = await SeriesAsync(SnapshotKind.Allowlist, "1");
        var terminal = await ConnectAsync("term-1");
        await terminal.SubscribeAsync(DistributionTopics.Chunk("term-1"));

        var downloaded = await terminal.DownloadAsync(series.File, chunk: 64);

        Assert.Equal(FileBytes(series.File), downloaded);
        Assert.True(SnapshotVerifier.TryVerify(new MemoryFile(downloaded), KeyOf(1), NetHmacSha256.Instance, SnapshotKind.Allowlist, 1, 0, out _, out var reason), reason);
    }

    [Fact]
    public async Task Interrupted_download_resumes_from_the_offset_it_reached_after_a_reconnect()
    {
        var series = await SeriesAsync(SnapshotKind.Events, "term-1");
        var file = FileBytes(series.File);
        var before = await ConnectAsync("term-1");
        await before.SubscribeAsync(DistributionTopics.Chunk("term-1"));
        var part = await before.DownloadAsync(series.File, chunk: 50, stopAfter: 100);
        await before.DisposeAsync();

        var after = await ConnectAsync("term-1");
        await after.SubscribeAsync(DistributionTopics.Chunk("term-1"));
        var rest = await after.DownloadAsync(series.File, offset: part.Length, chunk: 50);

        Assert.True(part.Length is >= 100 and < 200 && part.Length < file.Length, $"part of {part.Length} of {file.Length} bytes");
        Assert.Equal(file, part.Concat(rest).ToArray());
    }

    [Fact]
    public async Task Http_download_serves_the_file_and_a_range_resumes_it_with_206()
    {
        var series = await SeriesAsync(SnapshotKind.Allowlist, "1");
        var file = FileBytes(series.File);
        var url = Services.GetRequiredService<ManifestPublisher>().ManifestOf(SnapshotKind.Allowlist, "1")!.Url!;
        using var http = new HttpClient();

        var whole = await http.GetByteArrayAsync(url + series.File);
        using var request = new HttpRequestMessage(HttpMethod.Get, url + series.File);
        request.Headers.Range = new RangeHeaderValue(100, null);
        using var ranged = await http.SendAsync(request);
        using var unknown = await http.GetAsync(url + "al-1-999");
        using var escaped = await http.GetAsync(url + "..%2Fagent.db");

        Assert.Equal(file, whole);
        Assert.Equal(HttpStatusCode.PartialContent, ranged.StatusCode);
        Assert.Equal(100, ranged.Content.Headers.ContentRange!.From);
        Assert.Equal(file[100..], await ranged.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, escaped.StatusCode);
    }

    [Fact]
    public async Task A_device_is_refused_other_card_systems_and_other_devices_files_and_bad_requests_and_is_served_after()
    {
        var foreign = await SeriesAsync(SnapshotKind.Allowlist, "1");
        var foreignEvents = Catalog.Series(SnapshotKind.Events, "term-1")!;
        var own = Catalog.Series(SnapshotKind.Allowlist, "2")!;
        var terminal = await ConnectAsync("term-2");
        await terminal.SubscribeAsync(DistributionTopics.Chunk("term-2"));

        var otherCardSystem = await terminal.RequestAsync(foreign.File, 0, 100);
        var otherDevice = await terminal.RequestAsync(foreignEvents.File, 0, 100);
        var unknown = await terminal.RequestAsync("al-2-999", 0, 100);
        var pastEnd = await terminal.RequestAsync(own.File, 1_000_000, 100);
        var garbage = await terminal.RequestRawAsync([0xFF, 0x00, 0x3D, 0x0A]);
        var served = await terminal.DownloadAsync(own.File, chunk: 4096);

        Assert.Equal(ChunkStatus.BadRequest, otherCardSystem.Status);
        Assert.Equal(ChunkStatus.BadRequest, otherDevice.Status);
        Assert.Equal(ChunkStatus.UnknownFile, unknown.Status);
        Assert.Equal(ChunkStatus.BadRequest, pastEnd.Status);
        Assert.Equal(ChunkStatus.BadRequest, garbage.Status);
        Assert.Equal(FileBytes(own.File), served);
        Assert.Contains(Agent.Logs.Entries, e => e.EventId.Id == 7020 && e.Message.Contains(foreign.File, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Applied_and_refused_reports_are_recorded_per_device_and_the_refusal_is_logged()
    {
        var series = await SeriesAsync(SnapshotKind.Allowlist, "1");
        var reports = new Observed<SnapshotReported>();
        Services.GetRequiredService<SnapshotEvents>().Reported += reports.Add;
        var terminal = await ConnectAsync("term-1");
        var topic = DistributionTopics.Applied("term-1");

        await terminal.PublishAsync(topic, AppliedReport.ForApplied(SnapshotKind.Allowlist, series.Version).Encode(), retain: true);
        await reports.WaitAsync(r => !r.Refused, "applied report");
        var applied = Services.GetRequiredService<SnapshotReports>().StatusOf("term-1", 1);
        await terminal.PublishAsync(topic, AppliedReport.ForRefused(SnapshotKind.Allowlist, series.Version, series.Version + 1, "tag mismatch: forged").Encode(), retain: true);
        await reports.WaitAsync(r => r.Refused, "refused report");
        var refused = Services.GetRequiredService<SnapshotReports>().StatusOf("term-1", 1);

        Assert.True(applied.Allowlist.IsCurrent);
        Assert.Equal(("applied", series.Version), (applied.Allowlist.LastStatus, applied.Allowlist.AppliedVersion));
        Assert.Equal(0u, applied.Events.AppliedVersion);
        Assert.Equal(("refused", series.Version, series.Version + 1), (refused.Allowlist.LastStatus, refused.Allowlist.AppliedVersion, refused.Allowlist.RefusedVersion));
        Assert.Equal("tag mismatch: forged", refused.Allowlist.RefusalReason);
        Assert.Contains(Agent.Logs.Entries, e => e.EventId.Id == 7022 && e.Message.Contains("tag mismatch: forged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Terminals_subscribe_to_manifests_and_chunks_but_publish_neither_and_never_read_chunk_requests()
    {
        var terminal = await ConnectAsync("term-1");

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await terminal.SubscribeAsync(DistributionTopics.Events("term-1")));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await terminal.SubscribeAsync(DistributionTopics.Chunk("term-1")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await terminal.SubscribeAsync(DistributionTopics.Get("term-1")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await terminal.SubscribeAsync("uitpas/v1/cs/+/allowlist"));
        var manifest = await terminal.PublishAsync(DistributionTopics.Allowlist(1), [0x41]);
        var chunk = await terminal.PublishAsync(DistributionTopics.Chunk("term-1"), [0x01]);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, manifest.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, chunk.ReasonCode);
    }

    private async Task<SnapshotTerminal> ConnectAsync(string deviceId)
    {
        var terminal = await SnapshotTerminal.ConnectAsync(Agent.Broker, deviceId);
        _terminals.Add(terminal);
        return terminal;
    }
}
