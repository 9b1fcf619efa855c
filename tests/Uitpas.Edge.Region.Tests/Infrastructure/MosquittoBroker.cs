using System.Globalization;
using System.Net;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>What a private Mosquitto gets besides the defaults of <see cref="MosquittoBroker"/>.</summary>
public sealed class MosquittoOptions
{
    /// <summary>
    /// Extra mosquitto.conf lines, appended after the defaults (e.g. "password_file {dir}/passwords",
    /// "acl_file {dir}/acl", a TLS listener). "{dir}" is replaced by the broker's folder. When a line
    /// starts with "allow_anonymous", the default "allow_anonymous true" is left out.
    /// </summary>
    public IList<string> ExtraConfig { get; } = [];

    /// <summary>Files written into the broker's folder before each start (name → content), e.g. a password file or an ACL.</summary>
    public IDictionary<string, string> Files { get; } = new Dictionary<string, string>();

    /// <summary>Persistence on (default): a graceful restart keeps sessions and queued messages.</summary>
    public bool Persistence { get; set; } = true;
}

/// <summary>
/// A private mosquitto process on a free loopback port with its own config and persistence in a
/// temp folder: never the system service, never port 1883. Stop (SIGTERM, persistence saved),
/// Kill (SIGKILL), StartAgain on the same port; the log is kept for failure messages.
/// Defaults: persistence on, max_queued_messages 1,000,000 (Mosquitto's default of 1,000 would
/// drop taps queued for an absent agent), max_inflight_messages 256 (the agent's Receive Maximum).
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly MosquittoOptions _options;
    private ChildProcess? _process;
    private int _starts;

    private MosquittoBroker(MosquittoOptions options, string directory, int port)
    {
        _options = options;
        Directory = directory;
        Port = port;
    }

    /// <summary>The broker's folder: config, persistence, extra files.</summary>
    public string Directory { get; }

    /// <summary>Always 127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The plain MQTT listener's port (the same across restarts).</summary>
    public int Port { get; }

    /// <summary>The plain MQTT listener.</summary>
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>The generated config file.</summary>
    public string ConfigPath => Path.Combine(Directory, "mosquitto.conf");

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a broker; throws with the reason when mosquitto is missing.</summary>
    public static async Task<MosquittoBroker> StartAsync(MosquittoOptions? options = null)
    {
        RegionServers.Ensure(RegionServer.Mosquitto);
        var directory = Path.Combine(Path.GetTempPath(), "uitpas-mosquitto-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var broker = new MosquittoBroker(options ?? new MosquittoOptions(), directory, FreePorts.Next());
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>Starts the process (again) on the same port, config and persistence.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("mosquitto is already running");
        }
        _process?.Dispose();
        foreach (var (name, content) in _options.Files)
        {
            await File.WriteAllTextAsync(Path.Combine(Directory, name), content.Replace("{dir}", Directory, StringComparison.Ordinal));
        }
        await File.WriteAllLinesAsync(ConfigPath, ConfigLines());
        _starts++;
        var process = ChildProcess.Start("mosquitto#" + _starts.ToString(CultureInfo.InvariantCulture), RegionServers.MosquittoPath!, ["-c", ConfigPath], Directory);
        _process = process;
        try
        {
            await FreePorts.WaitListeningAsync(Port, StartTimeout, () => process.HasExited);
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"mosquitto did not start on port {Port}: {exception.Message}. Log:{Environment.NewLine}{process.RecentOutput()}", exception);
        }
    }

    /// <summary>SIGTERM: mosquitto saves its persistence and exits.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            await process.TerminateAsync(TimeSpan.FromSeconds(15));
        }
    }

    /// <summary>SIGKILL: nothing saved since the last autosave.</summary>
    public void Kill() => _process?.Kill();

    /// <summary>Graceful stop, then start on the same port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAgainAsync();
    }

    /// <summary>The last lines of the current (or last) process's log.</summary>
    public string RecentLog() => _process?.RecentOutput() ?? "";

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }

    private IEnumerable<string> ConfigLines()
    {
        var extra = _options.ExtraConfig.Select(line => line.Replace("{dir}", Directory, StringComparison.Ordinal)).ToList();
        yield return "# generated by the region tests (MosquittoBroker)";
        yield return "user " + Environment.UserName;
        yield return $"listener {Port} 127.0.0.1";
        if (!extra.Any(line => line.TrimStart().StartsWith("allow_anonymous", StringComparison.Ordinal)))
        {
            yield return "allow_anonymous true";
        }
        yield return "persistence " + (_options.Persistence ? "true" : "false");
        yield return "persistence_location " + Directory + "/";
        yield return "max_queued_messages 1000000";
        yield return "max_inflight_messages 256";
        yield return "set_tcp_nodelay true";
        yield return "log_dest stderr";
        yield return "log_type error";
        yield return "log_type warning";
        yield return "log_type notice";
        yield return "log_type information";
        yield return "log_timestamp_format %H:%M:%S";
        foreach (var line in extra)
        {
            yield return line;
        }
    }
}
