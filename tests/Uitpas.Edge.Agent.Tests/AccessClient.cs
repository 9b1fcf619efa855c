using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Uitpas.Edge.Agent.Tests.Infrastructure;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>An MQTT 5 client with credentials (and optionally TLS) for the access tests; records every message it receives.</summary>
public sealed class AccessClient : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private AccessClient(IMqttClient client) => _client = client;

    public Observed<MqttApplicationMessage> Received { get; } = new();

    public static MqttClientOptions Options(IPEndPoint broker, string clientId, string? user, string? password, X509Certificate2? trustedCa = null, bool tls = false)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Address.ToString(), broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (user is not null)
        {
            builder = builder.WithCredentials(user, password);
        }
        if (tls)
        {
            builder = builder.WithTlsOptions(o =>
            {
                o.UseTls().WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
                if (trustedCa is not null)
                {
                    o.WithCertificateValidationHandler(e => TrustedBy(trustedCa, e));
                }
            });
        }
        return builder.Build();
    }

    /// <summary>Connects; throws when the broker refuses (see <see cref="TryConnectAsync"/>).</summary>
    public static async Task<AccessClient> ConnectAsync(MqttClientOptions options)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var access = new AccessClient(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            access.Received.Add(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        using var timeout = new CancellationTokenSource(Waits.Default);
        var connected = await client.ConnectAsync(options, timeout.Token);
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        return access;
    }

    /// <summary>The CONNACK's result code (MQTTnet reports a refusal through the disconnection that follows it, or in the result).</summary>
    public static async Task<MqttClientConnectResultCode> TryConnectAsync(MqttClientOptions options)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        MqttClientConnectResult? refused = null;
        client.DisconnectedAsync += e =>
        {
            refused ??= e.ConnectResult;
            return Task.CompletedTask;
        };
        using var timeout = new CancellationTokenSource(Waits.Default);
        try
        {
            var result = await client.ConnectAsync(options, timeout.Token);
            await client.DisconnectAsync();
            return result.ResultCode;
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException failed)
        {
            return refused?.ResultCode ?? throw new InvalidOperationException("connect failed without a CONNACK", failed);
        }
    }

    public async Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload)
    {
        using var timeout = new CancellationTokenSource(Waits.Default);
        return await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string topicFilter)
    {
        using var timeout = new CancellationTokenSource(Waits.Default);
        var result = await _client.SubscribeAsync(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        return result.Items.Single().ResultCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
        _client.Dispose();
    }

    /// <summary>The server's certificate chains to <paramref name="ca"/> alone and names the host we dialled.</summary>
    private static bool TrustedBy(X509Certificate2 ca, MqttClientCertificateValidationEventArgs e)
    {
        if ((e.SslPolicyErrors & (System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch | System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = X509CertificateLoader.LoadCertificate(e.Certificate.GetRawCertData());
        return chain.Build(server);
    }
}
