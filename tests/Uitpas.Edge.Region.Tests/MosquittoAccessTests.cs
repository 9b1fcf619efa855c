using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Region.Tests.Infrastructure;

namespace Uitpas.Edge.Region.Tests;

/// <summary>
/// The real Mosquitto with what the CLI generates (CA, server certificate, password file,
/// mosquitto.conf, ACL): terminal A (card system 42) cannot publish as B nor read B's config or
/// results, wrong credentials are refused, a client that does not trust the CA is refused, and
/// the agent's user reads every terminal's taps.
/// </summary>
public sealed class MosquittoAccessTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("uitpas-mosquitto-access-").FullName;
    private readonly Dictionary<string, string> _passwords = [];
    private readonly List<IMqttClient> _clients = [];
    private MosquittoBroker? _broker;
    private int _tlsPort;
    private X509Certificate2? _ca;

    private MosquittoBroker Broker => _broker ?? throw new InvalidOperationException("broker not started");

    private IPEndPoint Tls => new(IPAddress.Loopback, _tlsPort);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        _ca?.Dispose();
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    [RegionFact(RegionServer.Mosquitto)]
    public async Task A_terminal_cannot_publish_as_another_and_the_agent_user_reads_every_terminals_taps()
    {
        await StartAsync();
        var agent = await ConnectAsync(Broker.EndPoint, "agent-1", tls: false);
        var received = Collect(agent);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(agent, Topics.AllTaps));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(agent, "$share/agents/uitpas/v1/t/+/status"));
        var a = await ConnectAsync(Tls, "term-a");
        var b = await ConnectAsync(Tls, "term-b");

        var forged = await PublishAsync(a, Topics.Tap("term-b"), "forged");
        var forgedStatus = await PublishAsync(a, Topics.Status("term-b"), "forged");
        var own = await PublishAsync(a, Topics.Tap("term-a"), "a1");
        await PublishAsync(b, Topics.Tap("term-b"), "b1");
        await PublishAsync(b, Topics.Status("term-b"), "b-status");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forgedStatus.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, own.ReasonCode);
        await Eventually.HoldsAsync(() => received.Count >= 3, TimeSpan.FromSeconds(15), () => string.Join(", ", received) + Broker.RecentLog());
        Assert.Equal(["a1 on uitpas/v1/t/term-a/tap", "b-status on uitpas/v1/t/term-b/status", "b1 on uitpas/v1/t/term-b/tap"], received.Order(StringComparer.Ordinal).ToArray());
    }

    [RegionFact(RegionServer.Mosquitto)]
    public async Task A_terminal_cannot_read_another_terminals_result_or_config_and_gets_only_its_own()
    {
        await StartAsync();
        var agent = await ConnectAsync(Broker.EndPoint, "agent-1", tls: false);
        var a = await ConnectAsync(Tls, "term-a");
        var b = await ConnectAsync(Tls, "term-b");
        var toA = Collect(a);
        var toB = Collect(b);

        // Mosquitto's ACL file is enforced at delivery (read), not at SUBACK: these subscriptions are
        // acknowledged, yet nothing on them may ever reach A.
        foreach (var foreign in new[] { Topics.Result("term-b"), Topics.Config("term-b"), "uitpas/v1/t/+/result", Topics.AllTaps, "uitpas/v1/cs/7/allowlist", "#" })
        {
            await SubscribeAsync(a, foreign);
        }
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(a, "uitpas/v1/cs/42/allowlist"));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(a, Topics.Result("term-a")));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(a, Topics.Config("term-a")));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(b, Topics.Result("term-b")));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(b, Topics.Config("term-b")));

        // The agent answers B first: had A been subscribed to B's topics, those would reach it before its own.
        await PublishAsync(agent, Topics.Result("term-b"), "result-b");
        await PublishAsync(agent, Topics.Config("term-b"), "config-b");
        await PublishAsync(agent, "uitpas/v1/cs/7/allowlist", "manifest-7");
        await PublishAsync(b, Topics.Tap("term-b"), "tap-b");
        await PublishAsync(agent, "uitpas/v1/cs/42/allowlist", "manifest-42");
        await PublishAsync(agent, Topics.Result("term-a"), "result-a");
        await Eventually.HoldsAsync(() => toB.Count == 2 && toA.Any(m => m.StartsWith("result-a", StringComparison.Ordinal)), TimeSpan.FromSeconds(15), () => $"A: {string.Join(", ", toA)}; B: {string.Join(", ", toB)}");

        // (Overlapping subscriptions, e.g. "#" and the manifest's own topic, may deliver one message twice.)
        Assert.Equal(["manifest-42 on uitpas/v1/cs/42/allowlist", "result-a on uitpas/v1/t/term-a/result"], toA.Distinct().ToArray());
        Assert.Equal(["result-b on uitpas/v1/t/term-b/result", "config-b on uitpas/v1/t/term-b/config"], toB.ToArray());
    }

    [RegionFact(RegionServer.Mosquitto)]
    public async Task Wrong_credentials_and_an_untrusted_ca_are_refused_and_a_foreign_client_id_takes_over_nothing()
    {
        await StartAsync();
        var b = await ConnectAsync(Tls, "term-b");
        var bDropped = false;
        b.DisconnectedAsync += _ =>
        {
            bDropped = true;
            return Task.CompletedTask;
        };

        var wrongPassword = await TryConnectAsync(Options(Tls, "term-a", "term-a", _passwords["term-b"], trust: true));
        var unknownUser = await TryConnectAsync(Options(Tls, "term-z", "term-z", _passwords["term-a"], trust: true));
        var anonymous = await TryConnectAsync(Options(Tls, "term-a", null, null, trust: true));
        await Assert.ThrowsAnyAsync<Exception>(() => new MqttClientFactory().CreateMqttClient().ConnectAsync(Options(Tls, "term-a", "term-a", _passwords["term-a"], trust: false)));
        // A's credentials with B's client id: Mosquitto replaces the client id by the user name, so B's session is not taken over.
        var asB = await TryConnectAsync(Options(Tls, "term-b", "term-a", _passwords["term-a"], trust: true));

        Assert.Contains(wrongPassword, new[] { MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized });
        Assert.Contains(unknownUser, new[] { MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized });
        Assert.Contains(anonymous, new[] { MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized });
        Assert.Equal(MqttClientConnectResultCode.Success, asB);
        Assert.Equal(MqttClientPublishReasonCode.NoMatchingSubscribers, (await PublishAsync(b, Topics.Tap("term-b"), "still here")).ReasonCode);
        Assert.False(bDropped, "B kept its connection. Log: " + Broker.RecentLog());
    }

    /// <summary>CLI: CA, server certificate, credentials, devices, mosquitto.conf and ACL; then Mosquitto with that configuration.</summary>
    private async Task StartAsync()
    {
        var pki = Path.Combine(_directory, "pki");
        var passwd = Path.Combine(_directory, "passwd");
        var devices = Path.Combine(_directory, "devices.json");
        var generated = Path.Combine(_directory, "generated");
        File.WriteAllText(devices, """{"Agent":{"Devices":[{"Id":"term-a","CardSystemId":42},{"Id":"term-b","CardSystemId":7}]}}""");
        Cli("ca", "init", "--dir", pki);
        Cli("ca", "issue-server", "--dir", pki, "--name", "localhost", "--ip", "127.0.0.1");
        foreach (var user in new[] { "term-a", "term-b" })
        {
            _passwords[user] = PasswordOf(Cli("device", "credentials", user, "--passwd", passwd));
        }
        _passwords["agent-1"] = PasswordOf(Cli("agent", "credentials", "agent-1", "--passwd", passwd));
        _tlsPort = FreePorts.Next();
        Cli("broker", "mosquitto", "--passwd", passwd, "--devices", devices, "--pki", pki, "--out", generated,
            "--agent-user", "agent-1", "--port", _tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--local-port", "0");
        _ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(pki, "ca.crt"));
        var options = new MosquittoOptions();
        // The fixture keeps its own plain loopback listener (for the agent user) and persistence; the rest is the CLI's file.
        foreach (var line in File.ReadAllLines(Path.Combine(generated, "mosquitto.conf")))
        {
            if (line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("persistence", StringComparison.Ordinal)
                && !line.StartsWith("max_", StringComparison.Ordinal) && !line.StartsWith("autosave", StringComparison.Ordinal)
                && !line.StartsWith("per_listener_settings", StringComparison.Ordinal))
            {
                options.ExtraConfig.Add(line);
            }
        }
        _broker = await MosquittoBroker.StartAsync(options);
        await FreePorts.WaitListeningAsync(_tlsPort, TimeSpan.FromSeconds(15), () => !Broker.IsRunning);
    }

    private static string Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        Assert.True(code == 0, $"uitpas-edge {string.Join(' ', args)} exited {code}: {error}");
        return output.ToString();
    }

    private static string PasswordOf(string output) =>
        output.Split('\n').Single(l => l.StartsWith("mqtt.password=", StringComparison.Ordinal))["mqtt.password=".Length..];

    private MqttClientOptions Options(IPEndPoint endpoint, string clientId, string? user, string? password, bool trust, bool tls = true)
    {
        var builder = new MqttClientOptionsBuilder().WithTcpServer(endpoint.Address.ToString(), endpoint.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithClientId(clientId).WithCleanStart().WithTimeout(TimeSpan.FromSeconds(10));
        if (user is not null)
        {
            builder = builder.WithCredentials(user, password);
        }
        if (tls)
        {
            builder = builder.WithTlsOptions(o =>
            {
                o.UseTls();
                if (trust)
                {
                    o.WithCertificateValidationHandler(e => TrustedByCa(e.Certificate, e.SslPolicyErrors));
                }
            });
        }
        return builder.Build();
    }

    private bool TrustedByCa(X509Certificate certificate, System.Net.Security.SslPolicyErrors errors)
    {
        if ((errors & System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(server);
    }

    private async Task<IMqttClient> ConnectAsync(IPEndPoint endpoint, string user, bool tls = true)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        _clients.Add(client);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var result = await client.ConnectAsync(Options(endpoint, user, user, _passwords[user], trust: true, tls), timeout.Token);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return client;
    }

    private static async Task<MqttClientConnectResultCode> TryConnectAsync(MqttClientOptions options)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        MqttClientConnectResult? refused = null;
        client.DisconnectedAsync += e =>
        {
            refused ??= e.ConnectResult;
            return Task.CompletedTask;
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
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

    private static System.Collections.Concurrent.ConcurrentQueue<string> Collect(IMqttClient client)
    {
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue($"{e.ApplicationMessage.ConvertPayloadToString()} on {e.ApplicationMessage.Topic}");
            return Task.CompletedTask;
        };
        return received;
    }

    private static async Task<MqttClientSubscribeResultCode> SubscribeAsync(IMqttClient client, string filter)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var result = await client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        return result.Items.Single().ResultCode;
    }

    private static async Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string topic, string payload)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
    }
}
