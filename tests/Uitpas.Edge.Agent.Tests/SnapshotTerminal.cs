using System.Buffers;
using System.Net;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol.Distribution;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>A received MQTT message.</summary>
public sealed record Received(string Topic, byte[] Payload, bool Retain);

/// <summary>
/// A terminal's snapshot side played by a real MQTTnet 5 client: subscribes to manifests and
/// chunk answers, downloads stop-and-wait (one chunk in flight), publishes applied reports.
/// </summary>
public sealed class SnapshotTerminal : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private SnapshotTerminal(IMqttClient client, string deviceId)
    {
        _client = client;
        DeviceId = deviceId;
    }

    public string DeviceId { get; }

    public Observed<Received> Messages { get; } = new();

    public static async Task<SnapshotTerminal> ConnectAsync(IPEndPoint broker, string deviceId)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var terminal = new SnapshotTerminal(client, deviceId);
        client.ApplicationMessageReceivedAsync += e =>
        {
            terminal.Messages.Add(new Received(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Address.ToString(), broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(deviceId + "-" + Guid.NewGuid().ToString("N")[..8])
            .WithCleanStart()
            .Build();
        using var timeout = new CancellationTokenSource(Waits.Default);
        await client.ConnectAsync(options, timeout.Token);
        return terminal;
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string topicFilter)
    {
        using var timeout = new CancellationTokenSource(Waits.Default);
        var result = await _client.SubscribeAsync(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        return result.Items.Single().ResultCode;
    }

    public async Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload, bool retain = false)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        using var timeout = new CancellationTokenSource(Waits.Default);
        return await _client.PublishAsync(message, timeout.Token);
    }

    /// <summary>The manifest on <paramref name="topic"/> whose version is at least <paramref name="version"/>.</summary>
    public async Task<(SnapshotManifest Manifest, bool Retained)> ManifestAsync(string topic, uint version = 1)
    {
        var message = await Messages.WaitAsync(
            m => m.Topic == topic && SnapshotManifest.TryParse(m.Payload, out var manifest, out _) && manifest.Version >= version,
            $"manifest v{version} on {topic}");
        Assert.True(SnapshotManifest.TryParse(message.Payload, out var parsed, out var error), error);
        return (parsed, message.Retain);
    }

    /// <summary>Asks for one chunk and waits for the answer to that file and offset.</summary>
    public async Task<ChunkAnswer> RequestAsync(string file, long offset, int count)
    {
        var seen = Messages.All.Count;
        var ack = await PublishAsync(DistributionTopics.Get(DeviceId), new ChunkRequest(file, offset, count).Encode());
        Assert.True(ack.IsSuccess, ack.ReasonString);
        return await AnswerAsync(seen, a => a.File == file && (a.Offset == offset || a.Status != ChunkStatus.Ok));
    }

    /// <summary>Sends a raw chunk request payload and waits for the next answer.</summary>
    public async Task<ChunkAnswer> RequestRawAsync(byte[] payload)
    {
        var seen = Messages.All.Count;
        await PublishAsync(DistributionTopics.Get(DeviceId), payload);
        return await AnswerAsync(seen, _ => true);
    }

    /// <summary>Downloads <paramref name="file"/> from <paramref name="offset"/> to its end, stop-and-wait; returns the bytes from that offset.</summary>
    public async Task<byte[]> DownloadAsync(string file, long offset = 0, int chunk = 2048, long? stopAfter = null)
    {
        using var data = new MemoryStream();
        while (true)
        {
            var answer = await RequestAsync(file, offset, chunk);
            Assert.Equal(ChunkStatus.Ok, answer.Status);
            if (answer.DataLength == 0)
            {
                Assert.Equal(answer.Total, offset);
                return data.ToArray();
            }
            data.Write(answer.Buffer, answer.DataOffset, answer.DataLength);
            offset += answer.DataLength;
            if (stopAfter is { } limit && data.Length >= limit)
            {
                return data.ToArray();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
        _client.Dispose();
    }

    private async Task<ChunkAnswer> AnswerAsync(int after, Func<ChunkAnswer, bool> match)
    {
        var topic = DistributionTopics.Chunk(DeviceId);
        var index = 0;
        var message = await Messages.WaitAsync(m =>
        {
            // Only answers that arrived after the request was sent (history order = arrival order).
            var position = Interlocked.Increment(ref index);
            return position > after && m.Topic == topic && ChunkAnswer.TryParse(m.Payload, out var a, out _) && match(a);
        }, "chunk answer");
        Assert.True(ChunkAnswer.TryParse(message.Payload, out var answer, out var error), error);
        return answer;
    }
}
