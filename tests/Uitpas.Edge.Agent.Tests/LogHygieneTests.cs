using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using Uitpas.Edge.Agent.Access;
using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>
/// A varied day, every log line at Trace level (messages, structured values, exceptions,
/// scopes): no chip UID (hex, any case), UiTPAS number, passholder name, kiosk token, client
/// secret, access token or MQTT password may appear in any of it.
/// </summary>
public sealed class LogHygieneTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Yesterday = ReplayRig.Yesterday;

    private readonly string _directory = Directory.CreateTempSubdirectory("uitpas-hygiene-").FullName;
    private readonly CapturingLoggerProvider _logs = new();
    private readonly BearerRecorder _bearers = new();
    private readonly ShiftedClock _clock = new(Yesterday.AddDays(1).AddHours(10));
    private readonly string _goodPassword = "pw-" + Guid.NewGuid().ToString("N");
    private readonly string _wrongPassword = "wrong-" + Guid.NewGuid().ToString("N");
    private readonly string _badKioskToken = "kiosk-" + Guid.NewGuid().ToString("N");
    private CentralSimulator _central = null!;
    private IHost _host = null!;
    private EventRecorder _events = null!;

    public async Task InitializeAsync()
    {
        _central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0, PassholderCount = 40, TimeProvider = _clock });
        var passwords = Path.Combine(_directory, "passwd");
        await File.WriteAllLinesAsync(passwords, [$"term-hyg:{PasswordHash.Create(_goodPassword)}", $"term-bad:{PasswordHash.Create(_goodPassword)}"]);
        var settings = new Dictionary<string, string?>(_central.ClientSettings())
        {
            ["Agent:DataDirectory"] = _directory,
            ["Agent:Broker:Embedded:Port"] = "0",
            ["Agent:Broker:Authentication:PasswordFile"] = passwords,
            ["Agent:Relay:InitialBackoff"] = "00:00:00.020",
            ["Agent:Relay:MaxBackoff"] = "00:00:00.200",
            ["Central:RequestTimeout"] = "00:00:02",
            ["Agent:Devices:0:Id"] = "term-hyg",
            ["Agent:Devices:0:KioskToken"] = _central.Seed.DefaultKiosk.Token,
            ["Agent:Devices:0:Events:0:EventId"] = _central.Seed.Events[0].Id,
            ["Agent:Devices:0:Events:0:From"] = Yesterday.ToString("O"),
            ["Agent:Devices:0:Events:0:Until"] = Yesterday.AddDays(2).ToString("O"),
            ["Agent:Devices:1:Id"] = "term-bad",
            ["Agent:Devices:1:KioskToken"] = _badKioskToken,
            ["Agent:Telemetry:Traces"] = "true",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:System"] = "Trace",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
        };
        AgentSettings.AddOrganizers(settings, _central);
        _host = AgentHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(_logs);
            builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock));
            builder.Services.AddHttpClient(CentralServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => new BearerCapture(_bearers));
        });
        _events = new EventRecorder(_host.GetAgentEvents());
        using var timeout = new CancellationTokenSource(Waits.Default);
        await _host.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(Waits.Default))
        {
            await _host.StopAsync(timeout.Token);
        }
        _host.Dispose();
        await _central.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_varied_day_logs_no_card_number_name_token_secret_or_password_at_trace_level()
    {
        var seed = _central.Seed;
        SeedCard[] cards = [seed.GoodCards[0], seed.GoodCards[1], seed.GoodCards[2], seed.GoodCards[3], seed.BlockedCards[0]];
        var unknownChip = seed.UnknownChipNumbers[0];
        var broker = _host.GetBrokerEndPoint()!;
        await using var terminal = await AccessClient.ConnectAsync(AccessClient.Options(broker, "term-hyg", "term-hyg", _goodPassword));
        await using var misconfigured = await AccessClient.ConnectAsync(AccessClient.Options(broker, "term-bad", "term-bad", _goodPassword));
        var refusedLogin = await AccessClient.TryConnectAsync(AccessClient.Options(broker, "term-hyg", "term-hyg", _wrongPassword));
        Assert.NotEqual(MqttClientConnectResultCode.Success, refusedLogin);

        // Live taps: good, blocked, unknown; a duplicate; a late replay (GET /passes + POST /checkins).
        await TapAsync(terminal, 1, cards[0].ChipNumber, TapFlags.None, _clock.GetUtcNow());
        await TapAsync(terminal, 2, cards[4].ChipNumber, TapFlags.None, _clock.GetUtcNow());
        await TapAsync(terminal, 3, unknownChip, TapFlags.None, _clock.GetUtcNow());
        await TapAsync(terminal, 1, cards[0].ChipNumber, TapFlags.None, _clock.GetUtcNow());
        await TapAsync(terminal, 4, cards[1].ChipNumber, TapFlags.Replay, Yesterday.AddHours(9));
        foreach (uint sequence in new uint[] { 1, 2, 3, 4 })
        {
            await FinalAsync(sequence);
        }
        // Central fails: an answer lost after the check-in counted (reconciled from GET /checkins), then a 503.
        _central.Faults.DropResponseAfterCommit(times: 1);
        await TapAsync(terminal, 5, cards[2].ChipNumber, TapFlags.None, _clock.GetUtcNow());
        await FinalAsync(5);
        _central.Faults.ServiceUnavailable(times: 1);
        // Every access token is revoked: 401, a new token, the call again.
        _central.RevokeAllTokens();
        await TapAsync(terminal, 6, cards[3].ChipNumber, TapFlags.None, _clock.GetUtcNow());
        await FinalAsync(6);
        // A malformed tap, and a device whose kiosk token central does not know.
        var malformed = await terminal.PublishAsync(Topics.Tap("term-hyg"), [1, 9, 9]);
        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, malformed.ReasonCode);
        await TapAsync(misconfigured, 1, cards[0].ChipNumber, TapFlags.None, _clock.GetUtcNow(), "term-bad");
        await _events.WaitAsync<RelayAttempted>(a => a.DeviceId == "term-bad");

        var secrets = Secrets(cards, unknownChip);
        Assert.Contains(secrets, s => s.Pattern.IsMatch("tap of " + cards[0].ChipNumber.ToLowerInvariant()));
        Assert.NotEmpty(_bearers.Tokens);
        Assert.True(_logs.Entries.Count > 50, $"only {_logs.Entries.Count} log lines captured");
        var leaks = _logs.Entries
            .SelectMany(entry => entry.Texts.Select(text => (entry, text)))
            .SelectMany(x => secrets.Where(s => s.Pattern.IsMatch(x.text)).Select(s => $"{s.What} in {x.entry.Category} #{x.entry.EventId}: {x.text}"))
            .Distinct()
            .ToArray();
        Assert.True(leaks.Length == 0, "Leaked into logs:\n" + string.Join("\n", leaks.Take(20)));
    }

    private async Task TapAsync(AccessClient client, uint sequence, string chip, byte flags, DateTimeOffset tappedAt, string device = "term-hyg")
    {
        var payload = TapEventCodec.Encode(new TapEvent(3, sequence, tappedAt.ToUnixTimeMilliseconds(), ChipUid.TryParseHex(chip), flags));
        var ack = await client.PublishAsync(Topics.Tap(device), payload);
        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
    }

    private Task<ResultPublished> FinalAsync(uint sequence) =>
        _events.WaitAsync<ResultPublished>(r => r.DeviceId == "term-hyg" && r.BootEpoch == 3 && r.Sequence == sequence && r.Outcome != TapOutcome.Queued);

    private List<(string What, Regex Pattern)> Secrets(IEnumerable<SeedCard> cards, string unknownChip)
    {
        var seed = _central.Seed;
        var secrets = new List<(string What, Regex Pattern)>();
        void Add(string what, string value, bool word = false) =>
            secrets.Add((what, new Regex((word ? @"\b" : "") + Regex.Escape(value) + (word ? @"\b" : ""), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)));
        foreach (var card in cards)
        {
            Add("chip UID", card.ChipNumber);
            Add("UiTPAS number", card.UitpasNumber);
            var name = seed.Passholders.Single(p => p.Id == card.PassholderId).FirstName;
            Add("passholder name", name, word: true);
        }
        Add("chip UID", unknownChip);
        Add("kiosk token", seed.DefaultKiosk.Token);
        Add("kiosk token", _badKioskToken);
        Add("client secret", _central.ClientSecret);
        Add("MQTT password", _goodPassword);
        Add("MQTT password", _wrongPassword);
        foreach (var bearer in _bearers.Tokens)
        {
            Add("access token", bearer);
        }
        return secrets;
    }

    /// <summary>Every log call with every text it carries: the message, each structured value, the exception, the scopes.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<Captured> _entries = new();
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public IReadOnlyList<Captured> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(string category, CapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var texts = new List<string> { formatter(state, exception) };
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    texts.AddRange(values.Select(v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                }
                if (exception is not null)
                {
                    texts.Add(exception.ToString());
                }
                provider._scopes.ForEachScope((scope, list) => list.Add(Convert.ToString(scope, System.Globalization.CultureInfo.InvariantCulture) ?? ""), texts);
                provider._entries.Enqueue(new Captured(category, eventId.Id, texts));
            }
        }
    }

    private sealed record Captured(string Category, int EventId, IReadOnlyList<string> Texts);

    private sealed class BearerRecorder
    {
        private readonly ConcurrentDictionary<string, byte> _tokens = new();

        public IReadOnlyCollection<string> Tokens => [.. _tokens.Keys];

        public void Add(AuthenticationHeaderValue? header)
        {
            if (header is { Scheme: "Bearer", Parameter: { Length: > 0 } token })
            {
                _tokens.TryAdd(token, 0);
            }
        }
    }

    /// <summary>Sees the bearer tokens the agent sends, so the test knows which strings must never be logged.</summary>
    private sealed class BearerCapture(BearerRecorder recorder) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            recorder.Add(request.Headers.Authorization);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
