using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>
/// One run of a child program with its stdout and stderr captured line by line (the last
/// lines kept for failure messages). Terminate sends SIGTERM (graceful), Kill sends SIGKILL.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private const int KeptLines = 600;
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>A short name for messages.</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Every line written, as it comes (on a reader thread).</summary>
    public event Action<string>? LineWritten;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>.</summary>
    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name}: {fileName} did not start");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The last lines written (stdout and stderr interleaved).</summary>
    public string RecentOutput()
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _lines);
        }
    }

    /// <summary>Completes with the first line (from now on, or already kept) matching <paramref name="match"/>.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, bool includeEarlier = true)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var earlier = includeEarlier ? _lines.FirstOrDefault(match) : null;
            if (earlier is not null)
            {
                return Task.FromResult(earlier);
            }
            _waiters.Add((match, seen));
        }
        return WaitAsync(seen.Task, timeout, "a matching log line");
    }

    /// <summary>Waits for the process to end.</summary>
    public Task WaitForExitAsync(TimeSpan timeout) => WaitAsync(_process.WaitForExitAsync(), timeout, "exit");

    /// <summary>Completes when the process ends.</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>The exit code (after exit).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>SIGTERM: the program shuts down gracefully; waits for the exit, then SIGKILL if it did not come.</summary>
    public async Task TerminateAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }
        _ = SendSignal(_process.Id, SigTerm);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not stop within {grace} of SIGTERM; killed. Last output:{Environment.NewLine}{RecentOutput()}");
        }
    }

    /// <summary>SIGKILL of the process and its children; returns once it is gone.</summary>
    public void Kill()
    {
        if (_process.HasExited)
        {
            return;
        }
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        _process.Dispose();
    }

    private async Task<T> WaitAsync<T>(Task<T> task, TimeSpan timeout, string what)
    {
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name}: no {what} within {timeout}. Last output:{Environment.NewLine}{RecentOutput()}");
        }
    }

    private async Task WaitAsync(Task task, TimeSpan timeout, string what)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name}: no {what} within {timeout}. Last output:{Environment.NewLine}{RecentOutput()}");
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        List<TaskCompletionSource<string>>? done = null;
        lock (_gate)
        {
            _lines.Enqueue(line);
            if (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    (done ??= []).Add(_waiters[i].Seen);
                    _waiters.RemoveAt(i);
                }
            }
        }
        done?.ForEach(seen => seen.TrySetResult(line));
        LineWritten?.Invoke(line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
