using System.Diagnostics;
using Uitpas.Edge.Core.Configuration;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Core.Presence;
using Uitpas.Edge.Core.Reading.Mfrc522;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Config;
using Uitpas.Edge.Protocol.Distribution;
using Uitpas.Edge.VirtualTerminal.Adapters;
using Uitpas.Edge.VirtualTerminal.Reader;
using Uitpas.Edge.VirtualTerminal.Snapshots;

namespace Uitpas.Edge.VirtualTerminal;

/// <summary>
/// A terminal on a PC: the firmware's core, stepped every few milliseconds on a thread of its
/// own (as the device's main loop does), reading cards with the firmware's MFRC522 driver (over
/// a simulated MFRC522, or a real RC522 on SPI: <see cref="VirtualTerminalOptions.Reader"/>), an
/// MQTTnet transport and files for flash. Cards are tapped with <see cref="Place"/> and
/// <see cref="Remove"/> on the simulated reader.
/// </summary>
public sealed class VirtualTerminal : IAsyncDisposable
{
    private readonly VirtualTerminalOptions _options;
    private readonly TerminalReader _reader;
    private readonly RecordingUi _ui = new();
    private readonly MqttNetTransport _transport;
    private readonly FileAppendStore _journalFile;
    private readonly Thread _loop;
    private readonly Stopwatch _monotonic = Stopwatch.StartNew();
    private readonly ManualResetEventSlim _started = new();
    private readonly HttpClient? _snapshotHttp;
    private volatile bool _stopping;
    private bool _disposed;
    private Exception? _fault;

    public VirtualTerminal(VirtualTerminalOptions options)
    {
        string? problem = options.ToSettings().Validate() ?? options.ValidateSnapshots() ?? options.ValidateConfigKey() ?? options.ToPresenceSettings().Validate();
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }
        _options = options;
        Directory.CreateDirectory(options.DataDirectory);
        _journalFile = new FileAppendStore(Path.Combine(options.DataDirectory, "journal.bin"));
        // The config topic always: a terminal without a config key says so (nokey) to whoever pushes one.
        _transport = new MqttNetTransport(options.Broker, options.DeviceId, options.HasSnapshots
            ? [DistributionTopics.Allowlist(options.CardSystem!.Value), DistributionTopics.Events(options.DeviceId), DistributionTopics.Chunk(options.DeviceId), Topics.Config(options.DeviceId)]
            : [Topics.Config(options.DeviceId)], waitForWill: true);
        _snapshotHttp = options.HasSnapshots && options.SnapshotHttp ? new HttpClient { Timeout = TimeSpan.FromSeconds(10) } : null;
        _reader = TerminalReader.Open(options.Reader, () => _monotonic.ElapsedMilliseconds);
        _loop = new Thread(Run) { IsBackground = true, Name = "terminal " + options.DeviceId };
    }

    public string DeviceId => _options.DeviceId;

    /// <summary>Every screen the terminal shows, in order (on the terminal's loop thread).</summary>
    public event Action<Screen>? ScreenShown
    {
        add => _ui.Shown += value;
        remove => _ui.Shown -= value;
    }

    public event Action<string, string>? PublishRefused
    {
        add => _transport.PublishRefused += value;
        remove => _transport.PublishRefused -= value;
    }

    /// <summary>What happens to the terminal's snapshots (installed, refused and why, resumed), line by line, on the loop thread.</summary>
    public event Action<string>? SnapshotLogged;

    /// <summary>
    /// Every report on a pushed configuration (applied or refused and why; the stored one's at
    /// boot when it is corrupt), on the loop thread, when it is made: it is published retained on
    /// <c>…/config-state</c> as soon as the terminal is connected.
    /// </summary>
    public event Action<ConfigReport>? ConfigReported;

    /// <summary>The pushed configuration (the twin's terminal side); set once started. Read it from the loop thread's point of view only.</summary>
    public RemoteConfig? Configuration { get; private set; }

    /// <summary>The settings in force (provisioned, or as the applied configuration says); set once started.</summary>
    public TerminalSettings? Settings { get; private set; }

    /// <summary>The snapshot updater when the terminal has a card system; read its versions from the loop thread's point of view only.</summary>
    public SnapshotUpdater? Snapshots { get; private set; }

    public Screen? CurrentScreen => _ui.Current;
    public bool IsConnected => _transport.IsConnected;
    public TapFlow? Flow { get; private set; }

    /// <summary>The terminal's presence (birth, status, last will); set once started.</summary>
    public PresenceReporter? Presence { get; private set; }

    /// <summary>The reader's health (state, chip version, faults, re-initialisations) for the fleet view.</summary>
    public ReaderHealth ReaderHealth => _reader.Health;

    public void Start()
    {
        _loop.Start();
        _started.Wait();
        if (_fault is not null)
        {
            throw new InvalidOperationException("the terminal failed to start: " + _fault.Message, _fault);
        }
    }

    /// <summary>Waits until the terminal is connected to its broker.</summary>
    public async Task WaitConnectedAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!_transport.IsConnected)
        {
            await Task.Delay(20, cts.Token);
        }
    }

    public void Place(string chipNumber)
    {
        byte[] uid = ChipUid.TryParseHex(chipNumber) ?? throw new ArgumentException($"'{chipNumber}' is not a 4, 7 or 10 byte chip number in hex", nameof(chipNumber));
        _reader.Place(uid);
    }

    public void Remove() => _reader.Remove();

    private void Run()
    {
        try
        {
            var blobs = new FileBlobStore(_options.DataDirectory);
            IOfflineRules rules = _options.OfflineRules ?? new NoOfflineRules();
            if (_options.HasSnapshots)
            {
                Snapshots = new SnapshotUpdater(_options.ToSnapshotSettings(),
                    new FileSnapshotStorage(Path.Combine(_options.DataDirectory, "snapshots")), blobs, _transport,
                    NetHmacSha256.Instance, new EventSnapshotLog(line => SnapshotLogged?.Invoke(line)),
                    _snapshotHttp is null ? null : new HttpSnapshotClient(_snapshotHttp));
                rules = Snapshots.Rules;
            }
            // The stored configuration is verified and applied before the flow starts, so the
            // first screen is already in the configured language.
            TerminalSettings settings = _options.ToSettings();
            PresenceSettings presence = _options.ToPresenceSettings();
            Configuration = new RemoteConfig(settings, presence, _options.ConfigKey, NetHmacSha256.Instance, blobs, _transport,
                new SystemWallClock(_options.Clock), new EventConfigLog(report => ConfigReported?.Invoke(report)));
            Settings = settings;
            Flow = TerminalBoot.Start(settings, _reader, _ui, _transport, _journalFile, blobs,
                new SystemWallClock(_options.Clock), rules, _monotonic.ElapsedMilliseconds);
            Flow.Snapshots = Snapshots;
            Flow.Configuration = Configuration;
            Presence = new PresenceReporter(presence, _transport, Flow, _reader.Health,
                new SystemWallClock(_options.Clock), _options.DeviceId, _monotonic.ElapsedMilliseconds);
            Flow.Presence = Presence;
        }
        catch (Exception ex)
        {
            _fault = ex;
            _started.Set();
            return;
        }
        _started.Set();
        while (!_stopping)
        {
            Flow.Step(_monotonic.ElapsedMilliseconds);
            Thread.Sleep(_options.PollInterval);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _stopping = true;
        if (_loop.IsAlive)
        {
            _loop.Join();
        }
        // A planned stop: say so (retained), then disconnect cleanly so the broker drops the will.
        Presence?.GoOffline(_monotonic.ElapsedMilliseconds);
        await _transport.DisposeAsync();
        Snapshots?.Rules.Close();
        _snapshotHttp?.Dispose();
        _journalFile.Dispose();
        _reader.Dispose();
        _started.Dispose();
    }

    private sealed class EventConfigLog(Action<ConfigReport> reported) : IConfigLog
    {
        public void Reported(ConfigReport report) => reported(report);
    }
}
