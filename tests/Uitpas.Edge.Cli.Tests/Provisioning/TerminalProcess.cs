using System.Diagnostics;
using Uitpas.Edge.VirtualTerminal.Provisioning;

namespace Uitpas.Edge.Cli.Tests.Provisioning;

/// <summary>
/// The real virtual terminal program as a child process (<c>dotnet uitpas-virtual-terminal.dll</c>
/// from this test's output folder, where the project reference puts it), with its standard output
/// collected line by line so tests wait on what it prints instead of sleeping.
/// </summary>
internal sealed class TerminalProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly object _gate = new();

    private TerminalProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data is null ? null : "stderr: " + e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public static TerminalProcess Start(params string[] arguments)
    {
        string dll = Path.Combine(Path.GetDirectoryName(typeof(PseudoTerminal).Assembly.Location)!, "uitpas-virtual-terminal.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Kept open: the terminal reads chip numbers from standard input and stops at its end.
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return new TerminalProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>The first line (from now or earlier) that matches, or a failure listing what was printed.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (true)
            {
                string? found = _lines.FirstOrDefault(match);
                if (found is not null)
                {
                    return found;
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException("the terminal did not print the expected line; it printed:\n" + string.Join('\n', _lines));
                }
                Monitor.Wait(_gate, left);
            }
        }
    }

    public string Printed()
    {
        lock (_gate)
        {
            return string.Join('\n', _lines);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _lines.Add(line);
            Monitor.PulseAll(_gate);
        }
    }
}
