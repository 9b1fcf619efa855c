using System.Buffers;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Region.Tests.Infrastructure;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Region.Tests;

/// <summary>
/// The agent behind Mosquitto over TLS only (the CLI's configuration without the plain loopback
/// listener): Agent:Broker:External:CaFile makes the region CA the agent's only trust anchor.
/// With the right CA and its own agent user the agent connects and a terminal tapping over TLS
/// gets its result; with another CA's certificate the agent refuses the broker, stays
/// disconnected and says why (log and /health).
/// </summary>
public sealed class ExternalTlsTests : IAsyncLifetime
{
    private const string Device = "tls-001";
    private readonly string _directory = Directory.CreateTempSubdirectory("uitpas-external-tls-").FullName;
    private readonly Dictionary<string, string> _passwords = [];
    private MosquittoBroker? _broker;
    private int _tlsPort;

    private string RegionCa => Path.Combine(_directory, "pki", "ca.crt");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    [RegionFact(RegionServer.Mosquitto)]
    public async Task Agent_trusting_the_region_ca_connects_over_tls_and_a_terminal_tapping_over_tls_gets_its_result()
    {
        await StartMosquittoAsync();
        await using var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0, PassholderCount = 100 });
        await using var agent = new AgentProcess("agent-tls", RegionAgentSettings.NewDataDirectory("tls"), AgentSettings(central, "agent-1", RegionCa));

        await agent.StartAsync();
        using var ca = X509CertificateLoader.LoadCertificateFromFile(RegionCa);
        using var terminal = new MqttClientFactory().CreateMqttClient();
        var results = new TaskCompletionSource<TapResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        terminal.ApplicationMessageReceivedAsync += e =>
        {
            if (TapResultCodec.TryDecode(e.ApplicationMessage.Payload.ToArray(), out var result, out _) && result.Outcome != TapOutcome.Queued)
            {
                results.TrySetResult(result);
            }
            return Task.CompletedTask;
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var connected = await terminal.ConnectAsync(TerminalOptions(ca), timeout.Token);
        await terminal.SubscribeAsync(Topics.Result(Device), MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        var card = central.Seed.GoodCards[0].ChipNumber;
        var tap = new TapEvent(1, 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ChipUid.TryParseHex(card), TapFlags.None);
        var published = await terminal.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.Tap(Device)).WithPayload(TapEventCodec.Encode(tap))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), timeout.Token);
        var answer = await results.Task.WaitAsync(timeout.Token);

        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, published.ReasonCode);
        Assert.True(answer.Outcome == TapOutcome.CheckedIn, $"{answer.Outcome}: {answer.Message}{Environment.NewLine}{agent.RecentOutput()}");
        Assert.Equal(1u, answer.Sequence);
        Assert.Single(central.State.Checkins);
        Assert.Contains(agent.RecentOutput().Split('\n'), line => line.Contains("Connected to the external MQTT broker 127.0.0.1:" + _tlsPort, StringComparison.Ordinal));
        var health = await HealthAsync(agent.OperationsPort);
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("broker").GetProperty("status").GetString());
    }

    [RegionFact(RegionServer.Mosquitto)]
    public async Task Agent_trusting_another_ca_refuses_the_broker_stays_disconnected_and_says_why()
    {
        await StartMosquittoAsync();
        var otherPki = Path.Combine(_directory, "other-pki");
        Cli("ca", "init", "--dir", otherPki);
        await using var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0, PassholderCount = 100 });
        var settings = AgentSettings(central, "agent-2", Path.Combine(otherPki, "ca.crt"));
        settings["Agent:DataDirectory"] = Path.Combine(_directory, "agent-data");
        var log = new CapturedLog();
        using var host = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), builder => builder.Logging.AddProvider(log));

        await host.StartAsync();
        try
        {
            var operations = host.GetOperationsEndPoint()!;
            string? description = null;
            await Eventually.HoldsAsync(
                async () =>
                {
                    var broker = (await HealthAsync(operations.Port)).GetProperty("checks").GetProperty("broker");
                    description = broker.GetProperty("description").GetString();
                    return broker.GetProperty("status").GetString() == "Unhealthy" && description!.Contains("does not chain to Agent:Broker:External:CaFile", StringComparison.Ordinal);
                },
                TimeSpan.FromSeconds(30),
                () => Task.FromResult($"/health broker: {description}; log: {log.Describe()}"));

            Assert.Contains(log.Lines(), line => line.Contains("certificate of the external MQTT broker 127.0.0.1 is refused", StringComparison.Ordinal)
                && line.Contains("does not chain to Agent:Broker:External:CaFile", StringComparison.Ordinal));
            Assert.DoesNotContain(log.Lines(), line => line.Contains("Connected to the external MQTT broker", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>The agent on the TLS listener only, with its own agent user and the given CA file.</summary>
    private Dictionary<string, string?> AgentSettings(CentralSimulator central, string agentUser, string caFile)
    {
        var settings = RegionAgentSettings.For(central, [Device]);
        settings["Agent:Broker:Mode"] = "External";
        settings["Agent:Broker:External:Host"] = "127.0.0.1";
        settings["Agent:Broker:External:Port"] = _tlsPort.ToString(CultureInfo.InvariantCulture);
        settings["Agent:Broker:External:UseTls"] = "true";
        settings["Agent:Broker:External:CaFile"] = caFile;
        settings["Agent:Broker:External:ClientId"] = agentUser;
        settings["Agent:Broker:External:UserName"] = agentUser;
        settings["Agent:Broker:External:Password"] = _passwords[agentUser];
        settings["Agent:Broker:External:ReconnectDelay"] = "00:00:00.200";
        return settings;
    }

    /// <summary>CLI: CA, server certificate for 127.0.0.1, device and agent credentials, mosquitto.conf (TLS only); then Mosquitto on it.</summary>
    private async Task StartMosquittoAsync()
    {
        var pki = Path.Combine(_directory, "pki");
        var passwd = Path.Combine(_directory, "passwd");
        var devices = Path.Combine(_directory, "devices.json");
        var generated = Path.Combine(_directory, "generated");
        File.WriteAllText(devices, $$$"""{"Agent":{"Devices":[{"Id":"{{{Device}}}"}]}}""");
        Cli("ca", "init", "--dir", pki);
        Cli("ca", "issue-server", "--dir", pki, "--name", "localhost", "--ip", "127.0.0.1");
        _passwords[Device] = PasswordOf(Cli("device", "credentials", Device, "--passwd", passwd));
        foreach (var agent in new[] { "agent-1", "agent-2" })
        {
            _passwords[agent] = PasswordOf(Cli("agent", "credentials", agent, "--passwd", passwd));
        }
        _tlsPort = FreePorts.Next();
        Cli("broker", "mosquitto", "--passwd", passwd, "--devices", devices, "--pki", pki, "--out", generated,
            "--agent-user", "agent-1", "--agent-user", "agent-2", "--port", _tlsPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--local-port", "0");
        var options = new MosquittoOptions();
        // The fixture's own settings (persistence, its loopback listener, now without anonymous
        // access) stay; the rest is the CLI's file. Nobody here uses the fixture's plain listener.
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
        await FreePorts.WaitListeningAsync(_tlsPort, TimeSpan.FromSeconds(15), () => !_broker.IsRunning);
    }

    private MqttClientOptions TerminalOptions(X509Certificate2 ca) =>
        new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _tlsPort).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(Device).WithCredentials(Device, _passwords[Device]).WithCleanStart().WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(e =>
            {
                if (e.SslPolicyErrors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch))
                {
                    return false;
                }
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using var server = X509CertificateLoader.LoadCertificate(e.Certificate.GetRawCertData());
                return chain.Build(server);
            }))
            .Build();

    private static async Task<JsonElement> HealthAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
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
        output.Split('\n').Single(l => l.StartsWith("mqtt.password=", StringComparison.Ordinal))["mqtt.password=".Length..].Trim();

    /// <summary>The in-process agent's log lines.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines() => [.. _lines];

        public string Describe() => string.Join(Environment.NewLine, _lines.TakeLast(30));

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)}");
        }
    }
}
