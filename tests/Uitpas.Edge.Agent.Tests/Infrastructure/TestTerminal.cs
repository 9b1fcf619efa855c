using System.Buffers;
using System.Net;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Tests.Infrastructure;

/// <summary>A terminal played by a real MQTTnet 5 client: publishes binary taps, collects the results on its topic.</summary>
public sealed class TestTerminal : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private TestTerminal(IMqttClient client, string deviceId)
    {
        _client = client;
        DeviceId = deviceId;
    }

    public string DeviceId { get; }

    public Observed<TapResult> Results { get; } = new();

    /// <summary>Every disconnection of this client, with the broker's reason when it sent one.</summary>
    public Observed<MqttClientDisconnectedEventArgs> Disconnections { get; } = new();

    public bool IsConnected => _client.IsConnected;

    public static async Task<TestTerminal> ConnectAsync(IPEndPoint broker, string deviceId, bool subscribe = true)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var terminal = new TestTerminal(client, deviceId);
        client.ApplicationMessageReceivedAsync += terminal.OnMessageAsync;
        client.DisconnectedAsync += e =>
        {
            terminal.Disconnections.Add(e);
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
        if (subscribe)
        {
            var subscribed = await client.SubscribeAsync(Topics.Result(deviceId), MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, subscribed.Items.Single().ResultCode);
        }
        return terminal;
    }

    public static byte[] Tap(uint epoch, uint sequence, string chipNumber, byte flags = TapFlags.None) =>
        TapEventCodec.Encode(new TapEvent(epoch, sequence, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ChipUid.TryParseHex(chipNumber), flags));

    public Task<MqttClientPublishResult> TapAsync(uint epoch, uint sequence, string chipNumber, byte flags = TapFlags.None) =>
        PublishAsync(Topics.Tap(DeviceId), Tap(epoch, sequence, chipNumber, flags));

    public async Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        using var timeout = new CancellationTokenSource(Waits.Default);
        return await _client.PublishAsync(message, timeout.Token);
    }

    public Task<MqttClientSubscribeResult> SubscribeAsync(string topicFilter)
    {
        using var timeout = new CancellationTokenSource(Waits.Default);
        return _client.SubscribeAsync(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
    }

    public Task<TapResult> ResultAsync(uint epoch, uint sequence, TapOutcome outcome) =>
        Results.WaitAsync(r => r.BootEpoch == epoch && r.Sequence == sequence && r.Outcome == outcome,
            $"{outcome} result for {DeviceId} {epoch}/{sequence}");

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
        _client.Dispose();
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (TapResultCodec.TryDecode(e.ApplicationMessage.Payload.ToArray(), out var result, out var error))
        {
            Results.Add(result);
        }
        else
        {
            Results.Add(new TapResult(0, 0, TapOutcome.Rejected, 0, -1, "undecodable", error));
        }
        return Task.CompletedTask;
    }
}
