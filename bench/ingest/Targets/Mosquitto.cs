using System.Net;

namespace Uitpas.Edge.Bench.Ingest.Targets;

/// <summary>A private Mosquitto on a free loopback port with a temp config (never the system service, never 1883).</summary>
public sealed class Mosquitto : IAsyncDisposable
{
    public const string DefaultPath = "/usr/sbin/mosquitto";

    private readonly ChildProcess _process;
    private readonly string _directory;

    private Mosquitto(ChildProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
    }

    public IPEndPoint EndPoint { get; }

    public ChildProcess Process => _process;

    /// <summary>
    /// Starts mosquitto: anonymous, no persistence, TCP_NODELAY, and queues large enough that a
    /// subscriber (the echo, or the agent's session) is never silently dropped from
    /// (max_queued_messages 0 = no limit; max_inflight_messages 1000).
    /// </summary>
    public static async Task<Mosquitto> StartAsync(string path)
    {
        var directory = Path.Combine(Path.GetTempPath(), "uitpas-bench-mosquitto-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var port = FreePort.Next();
        var config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllLinesAsync(config,
        [
            $"listener {port} 127.0.0.1",
            "allow_anonymous true",
            "persistence false",
            "set_tcp_nodelay true",
            "max_queued_messages 0",
            "max_inflight_messages 1000",
            "max_connections -1",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
        ]).ConfigureAwait(false);
        var process = ChildProcess.Start("mosquitto", path, ["-c", config], directory);
        var mosquitto = new Mosquitto(process, directory, port);
        try
        {
            await process.WaitListeningAsync(port, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch
        {
            await mosquitto.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return mosquitto;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(_directory, recursive: true);
    }
}
