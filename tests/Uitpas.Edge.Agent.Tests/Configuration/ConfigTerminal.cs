using System.Buffers;
using System.Net;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.Agent.Tests.Configuration;

/// <summary>A document as a terminal received it: parsed, and whether its signature holds under the terminal's key.</summary>
public sealed record ReceivedConfig(ConfigDocument Document, bool SignatureValid, bool Retained)
{
    public string? Setting(string name) => Document.Settings[name] as string;

    public override string ToString() => $"{Document.DeviceId} v{Document.Version} ({Document.Settings.Count} settings, sig {(SignatureValid ? "ok" : "bad")})";
}

/// <summary>
/// An MQTT 5 client playing a terminal with credentials: subscribes to its own config topic,
/// checks each document with the protocol's parser and its key, and publishes reports on its
/// config-state topic (retained, QoS 1) as the firmware does.
/// </summary>
public sealed class ConfigTerminal : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly byte[]? _key;

    private ConfigTerminal(IMqttClient client, string deviceId, byte[]? key)
    {
        _client = client;
        DeviceId = deviceId;
        _key = key;
    }

    public string DeviceId { get; }

    public Observed<ReceivedConfig> Documents { get; } = new();

    /// <summary>Payloads that were not documents (e.g. the empty retained message that clears one).</summary>
    public Observed<byte[]> Other { get; } = new();

    public static MqttClientOptions Options(IPEndPoint broker, string deviceId, string password) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Address.ToString(), broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(deviceId)
            .WithCredentials(deviceId, password)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();

    /// <summary>Connects as <paramref name="deviceId"/> and subscribes to its config topic (the retained document arrives at once).</summary>
    public static async Task<ConfigTerminal> ConnectAsync(IPEndPoint broker, string deviceId, string password, byte[]? key)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var terminal = new ConfigTerminal(client, deviceId, key);
        client.ApplicationMessageReceivedAsync += e =>
        {
            terminal.Take(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        using var timeout = new CancellationTokenSource(Waits.Default);
        await client.ConnectAsync(Options(broker, deviceId, password), timeout.Token);
        var subscribed = await client.SubscribeAsync(Topics.Config(deviceId), MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, subscribed.Items.Single().ResultCode);
        return terminal;
    }

    public async Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload, bool retain = true)
    {
        using var timeout = new CancellationTokenSource(Waits.Default);
        return await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
    }

    /// <summary>Reports on its own config-state topic; asserts the broker took it.</summary>
    public async Task ReportAsync(ConfigReport report)
    {
        var published = await PublishAsync(Topics.ConfigState(DeviceId), report.Encode());
        Assert.True(published.IsSuccess, published.ReasonString);
    }

    public Task ReportAppliedAsync(uint version) => ReportAsync(ConfigReport.ForApplied(version, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
        _client.Dispose();
    }

    private void Take(MqttApplicationMessage message)
    {
        var payload = message.Payload.ToArray();
        var document = ConfigDocument.TryParse(payload, out _, out _);
        if (document is null)
        {
            Other.Add(payload);
            return;
        }
        Documents.Add(new ReceivedConfig(document, _key is not null && document.Verify(NetHmacSha256.Instance, _key), message.Retain));
    }
}
