using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MQTTnet;
using Uitpas.Edge.Agent.Access;
using Uitpas.Edge.Agent.Broker;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>
/// The embedded broker with a password file: terminal A (card system 42) and B (card system 7)
/// each bound to their own device; wrong credentials refused at CONNECT; TLS with the CLI's CA.
/// </summary>
public sealed class AccessTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("uitpas-access-").FullName;
    private readonly Dictionary<string, string> _passwords = [];
    private CentralSimulator _central = null!;
    private TestAgent? _agent;

    private string PasswordFilePath => Path.Combine(_directory, "passwd");

    private TestAgent Agent => _agent ?? throw new InvalidOperationException("agent not started");

    public async Task InitializeAsync()
    {
        _central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0 });
        AddCredentials("term-a");
        AddCredentials("term-b");
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
        await _central.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_terminal_cannot_publish_a_tap_as_another_terminal_and_nothing_is_stored()
    {
        await StartAgentAsync();
        await using var a = await AccessClient.ConnectAsync(Options("term-a"));

        var asB = await a.PublishAsync(Topics.Tap("term-b"), TestTerminal.Tap(1, 1, _central.Seed.GoodCards[0].ChipNumber));
        var statusAsB = await a.PublishAsync(Topics.Status("term-b"), [1]);
        var own = await a.PublishAsync(Topics.Tap("term-a"), TestTerminal.Tap(1, 1, _central.Seed.GoodCards[0].ChipNumber));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, asB.ReasonCode);
        Assert.Contains("term-b", asB.ReasonString, StringComparison.Ordinal);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, statusAsB.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, own.ReasonCode);
        Assert.Equal(0, Agent.CountTaps("term-b"));
        Assert.Equal(1, Agent.CountTaps("term-a"));
    }

    [Fact]
    public async Task A_terminal_cannot_read_another_terminals_result_or_config_and_receives_only_its_own()
    {
        await StartAgentAsync();
        await using var a = await AccessClient.ConnectAsync(Options("term-a"));
        await using var b = await AccessClient.ConnectAsync(Options("term-b"));

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await a.SubscribeAsync(Topics.Result("term-b")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await a.SubscribeAsync(Topics.Config("term-b")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await a.SubscribeAsync("uitpas/v1/t/+/result"));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await a.SubscribeAsync("uitpas/v1/t/term-a/#"));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await a.SubscribeAsync(Topics.Result("term-a")));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await a.SubscribeAsync(Topics.Config("term-a")));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await b.SubscribeAsync(Topics.Result("term-b")));

        // B's result is published before A's: had A been subscribed to it, it would have come first.
        await b.PublishAsync(Topics.Tap("term-b"), TestTerminal.Tap(1, 1, _central.Seed.GoodCards[1].ChipNumber));
        await b.Received.WaitAsync(m => m.Topic == Topics.Result("term-b"), "term-b's result");
        await a.PublishAsync(Topics.Tap("term-a"), TestTerminal.Tap(1, 1, _central.Seed.GoodCards[2].ChipNumber));
        await a.Received.WaitAsync(m => m.Topic == Topics.Result("term-a"), "term-a's result");

        Assert.All(a.Received.All, m => Assert.Equal(Topics.Result("term-a"), m.Topic));
    }

    [Fact]
    public async Task A_terminal_reads_the_allowlist_manifest_of_its_own_card_system_only()
    {
        await StartAgentAsync();
        await using var a = await AccessClient.ConnectAsync(Options("term-a"));

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await a.SubscribeAsync(DistributionTopics.Allowlist(42)));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await a.SubscribeAsync(DistributionTopics.Events("term-a")));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await a.SubscribeAsync(DistributionTopics.Chunk("term-a")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await a.SubscribeAsync(DistributionTopics.Allowlist(7)));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await a.SubscribeAsync(DistributionTopics.Chunk("term-b")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await a.SubscribeAsync(DistributionTopics.Get("term-a")));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await a.PublishAsync(DistributionTopics.Get("term-b"), [0])).ReasonCode);
    }

    [Fact]
    public async Task Wrong_password_unknown_user_foreign_client_id_and_missing_credentials_are_refused_at_connect()
    {
        await StartAgentAsync();

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await AccessClient.TryConnectAsync(AccessClient.Options(Agent.Broker, "term-a", "term-a", _passwords["term-b"])));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await AccessClient.TryConnectAsync(AccessClient.Options(Agent.Broker, "term-z", "term-z", _passwords["term-a"])));
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid,
            await AccessClient.TryConnectAsync(AccessClient.Options(Agent.Broker, "term-b", "term-a", _passwords["term-a"])));
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized,
            await AccessClient.TryConnectAsync(AccessClient.Options(Agent.Broker, "term-a", null, null)));
        Assert.Equal(MqttClientConnectResultCode.Success,
            await AccessClient.TryConnectAsync(Options("term-a")));
        Assert.Contains(Agent.Logs.Entries, e => e.Message.Contains("Refused connection of client term-b (user 'term-a'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_device_given_credentials_while_the_agent_runs_connects_without_a_restart()
    {
        await StartAgentAsync();
        var before = AccessClient.Options(Agent.Broker, "term-c", "term-c", "not-yet");
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await AccessClient.TryConnectAsync(before));

        var output = new StringWriter();
        Assert.Equal(0, CliApp.Run(["device", "credentials", "term-c", "--passwd", PasswordFilePath], output, new StringWriter()));
        var password = output.ToString().Split('\n').Single(l => l.StartsWith("mqtt.password=", StringComparison.Ordinal))["mqtt.password=".Length..];

        Assert.Equal(MqttClientConnectResultCode.Success, await AccessClient.TryConnectAsync(AccessClient.Options(Agent.Broker, "term-c", "term-c", password)));

        Assert.Equal(0, CliApp.Run(["device", "revoke", "term-c", "--passwd", PasswordFilePath], new StringWriter(), new StringWriter()));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await AccessClient.TryConnectAsync(AccessClient.Options(Agent.Broker, "term-c", "term-c", password)));
    }

    [Fact]
    public async Task A_connected_terminal_is_disconnected_within_seconds_of_its_revocation_and_others_stay()
    {
        await StartAgentAsync();
        var (a, aDropped) = await ConnectWatchedAsync("term-a");
        var (b, bDropped) = await ConnectWatchedAsync("term-b");

        Assert.Equal(0, CliApp.Run(["device", "revoke", "term-a", "--passwd", PasswordFilePath], new StringWriter(), new StringWriter()));
        var dropped = await aDropped.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, dropped.Reason);
        Assert.Equal("credentials revoked or replaced", dropped.ReasonString);
        Assert.Equal(MqttClientPublishReasonCode.Success, (await PublishTapAsync(b, "term-b")).ReasonCode);
        Assert.False(bDropped.Task.IsCompleted);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await AccessClient.TryConnectAsync(Options("term-a")));
        Assert.Contains(Agent.Logs.Entries, e => e.Message.Contains("Credentials of term-a were revoked or replaced", StringComparison.Ordinal));
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public async Task A_terminal_given_new_credentials_is_disconnected_and_only_the_new_password_connects()
    {
        await StartAgentAsync();
        var oldPassword = _passwords["term-b"];
        var (b, bDropped) = await ConnectWatchedAsync("term-b");

        AddCredentials("term-b");
        var dropped = await bDropped.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, dropped.Reason);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await AccessClient.TryConnectAsync(AccessClient.Options(Agent.Broker, "term-b", "term-b", oldPassword)));
        var (again, againDropped) = await ConnectWatchedAsync("term-b");
        Assert.Equal(MqttClientPublishReasonCode.Success, (await PublishTapAsync(again, "term-b")).ReasonCode);
        Assert.False(againDropped.Task.IsCompleted);
        b.Dispose();
        again.Dispose();
    }

    [Fact]
    public void Without_file_events_the_fallback_timer_finds_a_revocation()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var store = new CredentialStore(PasswordFilePath, Microsoft.Extensions.Logging.Abstractions.NullLogger<CredentialStore>.Instance);
        var withdrawn = new List<WithdrawnCredentials>();
        store.UsersWithdrawn += withdrawn.Add;
        using var watch = store.Watch(time, TimeSpan.FromSeconds(3), fileEvents: false);

        Assert.Equal(0, CliApp.Run(["device", "revoke", "term-a", "--passwd", PasswordFilePath], new StringWriter(), new StringWriter()));
        time.Advance(TimeSpan.FromSeconds(2));
        var beforeTick = withdrawn.Count;
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, beforeTick);
        var only = Assert.Single(withdrawn);
        Assert.Equal(["term-a"], only.Users);
        Assert.Equal(store.Version, only.Version);
        Assert.Equal(CredentialCheck.UnknownUser, store.Check("term-a", _passwords["term-a"]));
        Assert.Equal(CredentialCheck.Valid, store.Check("term-b", _passwords["term-b"]));
    }

    [Fact]
    public async Task Tls_with_the_cli_made_ca_carries_taps_and_a_client_that_does_not_trust_the_ca_is_refused()
    {
        var pki = Path.Combine(_directory, "pki");
        Assert.Equal(0, CliApp.Run(["ca", "init", "--dir", pki], new StringWriter(), new StringWriter()));
        Assert.Equal(0, CliApp.Run(["ca", "issue-server", "--dir", pki, "--name", "localhost", "--ip", "127.0.0.1"], new StringWriter(), new StringWriter()));
        await StartAgentAsync(new()
        {
            ["Agent:Broker:Embedded:Tls:Enabled"] = "true",
            ["Agent:Broker:Embedded:Tls:Port"] = "0",
            ["Agent:Broker:Embedded:Tls:CertificateFile"] = Path.Combine(pki, "server.crt"),
            ["Agent:Broker:Embedded:Tls:KeyFile"] = Path.Combine(pki, "server.key"),
        });
        var tls = Agent.Host.Services.GetRequiredService<EmbeddedBroker>().TlsEndPoint!;
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(pki, "ca.crt"));

        await using (var trusting = await AccessClient.ConnectAsync(AccessClient.Options(tls, "term-a", "term-a", _passwords["term-a"], ca, tls: true)))
        {
            var tap = await trusting.PublishAsync(Topics.Tap("term-a"), TestTerminal.Tap(1, 1, _central.Seed.GoodCards[0].ChipNumber));
            Assert.Equal(MqttClientPublishReasonCode.Success, tap.ReasonCode);
        }
        Assert.NotEqual(Agent.Broker.Port, tls.Port);
        Assert.Equal(1, Agent.CountTaps("term-a"));

        await Assert.ThrowsAnyAsync<Exception>(() => AccessClient.ConnectAsync(AccessClient.Options(tls, "term-a", "term-a", _passwords["term-a"], trustedCa: null, tls: true)));
        using var otherCa = OtherCa();
        await Assert.ThrowsAnyAsync<Exception>(() => AccessClient.ConnectAsync(AccessClient.Options(tls, "term-a", "term-a", _passwords["term-a"], otherCa, tls: true)));
    }

    [Fact]
    public async Task An_embedded_broker_open_beyond_loopback_without_a_password_file_does_not_start()
    {
        var settings = new Dictionary<string, string?>(_central.ClientSettings())
        {
            ["Agent:DataDirectory"] = _directory,
            ["Agent:Broker:Embedded:Port"] = "0",
            ["Agent:Broker:Embedded:BindAddress"] = "0.0.0.0",
        };
        using var host = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(failure.Failures, f => f.Contains("Agent:Broker:Authentication:PasswordFile", StringComparison.Ordinal)
            && f.Contains("AllowAnonymous=true", StringComparison.Ordinal));
    }

    /// <summary>A connected terminal and the disconnection it will see (completed when the broker drops it).</summary>
    private async Task<(IMqttClient Client, TaskCompletionSource<MqttClientDisconnectedEventArgs> Dropped)> ConnectWatchedAsync(string device)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var dropped = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                dropped.TrySetResult(e);
            }
            return Task.CompletedTask;
        };
        using var timeout = new CancellationTokenSource(Waits.Default);
        Assert.Equal(MqttClientConnectResultCode.Success, (await client.ConnectAsync(Options(device), timeout.Token)).ResultCode);
        return (client, dropped);
    }

    private async Task<MqttClientPublishResult> PublishTapAsync(IMqttClient client, string device)
    {
        using var timeout = new CancellationTokenSource(Waits.Default);
        return await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.Tap(device))
            .WithPayload(TestTerminal.Tap(1, 1, _central.Seed.GoodCards[0].ChipNumber))
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
    }

    private MqttClientOptions Options(string device) => AccessClient.Options(Agent.Broker, device, device, _passwords[device]);

    private void AddCredentials(string device)
    {
        var output = new StringWriter();
        Assert.Equal(0, CliApp.Run(["device", "credentials", device, "--passwd", PasswordFilePath], output, new StringWriter()));
        _passwords[device] = output.ToString().Split('\n').Single(l => l.StartsWith("mqtt.password=", StringComparison.Ordinal))["mqtt.password=".Length..];
    }

    private async Task StartAgentAsync(Dictionary<string, string?>? extra = null)
    {
        var token = _central.Seed.Kiosks[0].Token;
        var settings = new Dictionary<string, string?>
        {
            ["Agent:Broker:Authentication:PasswordFile"] = PasswordFilePath,
            ["Agent:Devices:0:CardSystemId"] = "42",
            ["Agent:Devices:1:CardSystemId"] = "7",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        _agent = await TestAgent.StartAsync(_central, Path.Combine(_directory, "agent"),
            [new TestDevice("term-a", token, "nl"), new TestDevice("term-b", token, "nl")], settings);
    }

    private static X509Certificate2 OtherCa()
    {
        var other = Path.Combine(Path.GetTempPath(), "uitpas-other-ca-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Equal(0, CliApp.Run(["ca", "init", "--dir", other], new StringWriter(), new StringWriter()));
            return X509CertificateLoader.LoadCertificateFromFile(Path.Combine(other, "ca.crt"));
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }
}
