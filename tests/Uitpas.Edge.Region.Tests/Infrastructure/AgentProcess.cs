using System.Globalization;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>
/// The real agent program (edge-agent/agent's built Uitpas.Edge.Agent.dll) as a child process,
/// run with <c>dotnet &lt;dll&gt;</c> and its configuration as command-line arguments
/// (<c>--Agent:...=...</c>). KillHard is a SIGKILL (kill -9); StartAsync again runs it on the same
/// settings, data directory and ports. Ready when "Application started" is logged and, with the
/// embedded broker, its port accepts connections; with an external broker, when it logged its
/// connection to it.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private static readonly Lazy<string> AgentDll = new(FindAgentDll);
    private ChildProcess? _process;
    private int _starts;

    /// <param name="name">A short name for messages (e.g. "agent-a").</param>
    /// <param name="dataDirectory">Agent:DataDirectory (created); kept across restarts, deleted at dispose.</param>
    /// <param name="settings">The agent's configuration; change it between runs if needed.</param>
    public AgentProcess(string name, string dataDirectory, IDictionary<string, string?> settings)
    {
        Name = name;
        DataDirectory = dataDirectory;
        Settings = settings;
        Settings["Agent:DataDirectory"] = dataDirectory;
        if (!Settings.ContainsKey("Agent:Operations:Port"))
        {
            Settings["Agent:Operations:Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        }
        if (!Settings.ContainsKey("Agent:Admin:Port"))
        {
            // Instances run side by side (and beside anything on 8090): each its own admin port.
            Settings["Agent:Admin:Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        }
        if (IsEmbedded && (!Settings.TryGetValue("Agent:Broker:Embedded:Port", out var port) || port is null or "0"))
        {
            Settings["Agent:Broker:Embedded:Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A short name for messages.</summary>
    public string Name { get; }

    /// <summary>The agent's data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The configuration passed at every start (keys as in appsettings.json, ':' separated).</summary>
    public IDictionary<string, string?> Settings { get; }

    /// <summary>The SQLite file (with the default provider).</summary>
    public string DatabasePath => Path.Combine(DataDirectory, Settings.TryGetValue("Agent:DatabaseFile", out var file) && file is not null ? file : "uitpas-edge.db");

    /// <summary>True unless Agent:Broker:Mode is External.</summary>
    public bool IsEmbedded => !string.Equals(Settings.TryGetValue("Agent:Broker:Mode", out var mode) ? mode : null, "External", StringComparison.OrdinalIgnoreCase);

    /// <summary>The embedded broker's port (fixed at construction, the same across restarts).</summary>
    public int BrokerPort => int.Parse(Settings["Agent:Broker:Embedded:Port"]!, CultureInfo.InvariantCulture);

    /// <summary>The operations listener's port (Agent:Operations:Port: /alive, /health, /metrics).</summary>
    public int OperationsPort => int.Parse(Settings["Agent:Operations:Port"]!, CultureInfo.InvariantCulture);

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The current run (null before the first start).</summary>
    public ChildProcess? Process => _process;

    /// <summary>Every line any run of the agent writes (on a reader thread).</summary>
    public event Action<string>? LineWritten;

    /// <summary>How many times the program was started.</summary>
    public int Starts => _starts;

    /// <summary>Starts the program (again) and waits until it is ready.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }
        _process?.Dispose();
        Directory.CreateDirectory(DataDirectory);
        _starts++;
        var arguments = new List<string> { AgentDll.Value };
        foreach (var (key, value) in Settings.Concat(LoggingSettings).Where(s => s.Value is not null))
        {
            arguments.Add($"--{key}={value}");
        }
        var process = ChildProcess.Start($"{Name}#{_starts}", "dotnet", arguments, DataDirectory, new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        });
        _process = process;
        process.LineWritten += line => LineWritten?.Invoke(line);
        var wait = timeout ?? TimeSpan.FromSeconds(60);
        try
        {
            var started = process.WaitForLineAsync(line => line.Contains("Application started", StringComparison.Ordinal), wait);
            if (await Task.WhenAny(started, process.Exited) != started)
            {
                throw new InvalidOperationException("exited with code " + process.ExitCode.ToString(CultureInfo.InvariantCulture));
            }
            await started;
            if (IsEmbedded)
            {
                await FreePorts.WaitListeningAsync(BrokerPort, wait, () => process.HasExited);
            }
            else
            {
                await process.WaitForLineAsync(line => line.Contains("Connected to the external MQTT broker", StringComparison.Ordinal), wait);
            }
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{Name} did not become ready: {exception.Message}{Environment.NewLine}Last output:{Environment.NewLine}{process.RecentOutput()}", exception);
        }
    }

    /// <summary>kill -9: SIGKILL of the process (and any child), no shutdown code runs.</summary>
    public void KillHard()
    {
        _process?.Kill();
    }

    /// <summary>SIGTERM: the host stops gracefully.</summary>
    public Task StopAsync() => _process?.TerminateAsync(TimeSpan.FromSeconds(30)) ?? Task.CompletedTask;

    /// <summary>The last lines the current (or last) run wrote.</summary>
    public string RecentOutput() => _process?.RecentOutput() ?? "";

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _process?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left in the temp folder.
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>One line per log entry, no colours, so lines can be matched.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> LoggingSettings =>
    [
        new("Logging:Console:FormatterName", "simple"),
        new("Logging:Console:FormatterOptions:SingleLine", "true"),
        new("Logging:Console:FormatterOptions:ColorBehavior", "Disabled"),
        new("Logging:Console:FormatterOptions:TimestampFormat", "HH:mm:ss.fff "),
    ];

    private static string FindAgentDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Uitpas.Edge.sln")))
        {
            root = root.Parent;
        }
        if (root is null)
        {
            throw new InvalidOperationException("repository root (Uitpas.Edge.sln) not found above " + AppContext.BaseDirectory);
        }
        var dll = Path.Combine(root.FullName, "edge-agent", "agent", "bin", configuration, "net10.0", "Uitpas.Edge.Agent.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} not found: build edge-agent/agent ({configuration}) first");
    }
}
