using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Uitpas.Edge.Bench.Ingest.Targets;

/// <summary>A child process with captured output (last lines kept), its RSS and thread count from /proc.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _recent = new();
    private readonly object _gate = new();

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every output line (stdout and stderr), as it comes.</summary>
    public event Action<string>? LineWritten;

    public static ChildProcess Start(string name, string file, IEnumerable<string> args, string workingDirectory, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The last lines of output, for error messages.</summary>
    public string RecentOutput()
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _recent);
        }
    }

    /// <summary>Resident set size in KB (VmRSS).</summary>
    public long RssKb() => ReadStatus("VmRSS:");

    /// <summary>Threads of the process.</summary>
    public long Threads() => ReadStatus("Threads:");

    /// <summary>Waits until the port accepts TCP connections (or the process exits).</summary>
    public async Task WaitListeningAsync(int port, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:{Environment.NewLine}{RecentOutput()}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
        throw new TimeoutException($"{Name} did not listen on {port} within {timeout.TotalSeconds:F0} s:{Environment.NewLine}{RecentOutput()}");
    }

    /// <summary>SIGTERM, then SIGKILL after a grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync().ConfigureAwait(false);
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        _process.Dispose();
    }

    private long ReadStatus(string key)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var digits = line[key.Length..].Trim().Split(' ')[0];
                return long.Parse(digits, CultureInfo.InvariantCulture);
            }
        }
        return -1;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _recent.Enqueue(line);
            while (_recent.Count > 200)
            {
                _recent.Dequeue();
            }
        }
        LineWritten?.Invoke(line);
    }
}
